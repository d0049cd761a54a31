using System.Globalization;
using System.Text.Json.Nodes;
using Lotse.Kube.Serialization;

namespace Lotse.Kube.Pods;

/// <summary>
/// A pod's quality-of-service class (upstream <c>qos.GetPodQOS</c>): only cpu and memory count; no requests or limits
/// anywhere is BestEffort; limits for both on every container, equal to the summed requests, is Guaranteed; else Burstable.
/// </summary>
public static class PodQos
{
    private static readonly string[] ComputeResources = ["cpu", "memory"];

    public static string Compute(JsonObject spec)
    {
        var requests = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var limits = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var guaranteed = true;
        foreach (var container in Containers(spec))
        {
            var resources = container.GetObject("resources");
            Sum(resources.GetObject("requests"), requests);
            if (Sum(resources.GetObject("limits"), limits) < ComputeResources.Length)
            {
                guaranteed = false;
            }
        }

        if (requests.Count == 0 && limits.Count == 0)
        {
            return "BestEffort";
        }

        guaranteed &= requests.All(r => limits.TryGetValue(r.Key, out var limit) && limit == r.Value);
        return guaranteed && requests.Count == limits.Count ? "Guaranteed" : "Burstable";
    }

    /// <summary>
    /// A resource quantity's value ("100m" = 0.1, "1Gi", "2e3"); null when malformed. Decimal covers every suffix up to
    /// "E" exactly, which is all the QoS comparison needs.
    /// </summary>
    public static decimal? ParseQuantity(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var end = text.Length;
        while (end > 0 && char.IsLetter(text[end - 1]) && !(text[end - 1] is 'e' or 'E' && end < text.Length && char.IsDigit(text[end])))
        {
            end--;
        }

        var suffix = text[end..];
        decimal multiplier = suffix switch
        {
            "" => 1m,
            "n" => 0.000000001m,
            "u" => 0.000001m,
            "m" => 0.001m,
            "k" => 1e3m,
            "M" => 1e6m,
            "G" => 1e9m,
            "T" => 1e12m,
            "P" => 1e15m,
            "E" => 1e18m,
            "Ki" => 1024m,
            "Mi" => 1024m * 1024,
            "Gi" => 1024m * 1024 * 1024,
            "Ti" => 1024m * 1024 * 1024 * 1024,
            "Pi" => 1024m * 1024 * 1024 * 1024 * 1024,
            "Ei" => 1024m * 1024 * 1024 * 1024 * 1024 * 1024,
            _ => -1m,
        };
        if (multiplier < 0)
        {
            return null;
        }

        return decimal.TryParse(text[..end], NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number * multiplier : null;
    }

    /// <summary>Every container whose resources count: regular and init containers.</summary>
    public static IEnumerable<JsonObject> Containers(JsonObject spec) =>
        (spec.GetArray("containers")?.OfType<JsonObject>() ?? []).Concat(spec.GetArray("initContainers")?.OfType<JsonObject>() ?? []);

    /// <summary>Adds the non-zero cpu/memory quantities of <paramref name="list"/>; returns how many were found.</summary>
    private static int Sum(JsonObject? list, Dictionary<string, decimal> totals)
    {
        var found = 0;
        foreach (var name in ComputeResources)
        {
            if (ParseQuantity((list?[name] as JsonValue)?.ToString()) is { } value && value != 0)
            {
                totals[name] = totals.GetValueOrDefault(name) + value;
                found++;
            }
        }

        return found;
    }
}
