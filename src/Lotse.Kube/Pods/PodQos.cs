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

    /// <summary>A resource quantity's value ("100m" = 0.1, "1Gi", "2e3"); null when malformed.</summary>
    public static decimal? ParseQuantity(string? text) =>
        text is not null && Validation.Quantity.TryParse(text, out var quantity, out _) ? quantity.Value : null;

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
