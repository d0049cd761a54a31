using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Lotse.Kube.CustomResources;

/// <summary>
/// The JSONPath subset printer columns and scale paths use: <c>.a.b</c>, <c>.a[0].b</c>, <c>.a[*].b</c> (a leading
/// <c>{</c>…<c>}</c> is tolerated). Evaluation yields every matching node in document order.
/// </summary>
public static partial class SimpleJsonPath
{
    /// <summary>True for a path this subset understands (starts with a dot, names and indexes only).</summary>
    public static bool IsValid(string path) => Syntax().IsMatch(Unwrap(path));

    public static List<JsonNode?> Evaluate(JsonNode? root, string path)
    {
        var current = new List<JsonNode?> { root };
        foreach (Match step in Step().Matches(Unwrap(path)))
        {
            var next = new List<JsonNode?>();
            foreach (var node in current)
            {
                if (step.Groups["name"].Success)
                {
                    if (node is JsonObject obj && obj.TryGetPropertyValue(step.Groups["name"].Value, out var child))
                    {
                        next.Add(child);
                    }
                }
                else if (node is JsonArray array)
                {
                    var index = step.Groups["index"].Value;
                    if (index == "*")
                    {
                        next.AddRange(array);
                    }
                    else if (int.TryParse(index, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i))
                    {
                        i = i < 0 ? array.Count + i : i;
                        if (i >= 0 && i < array.Count)
                        {
                            next.Add(array[i]);
                        }
                    }
                }
            }

            current = next;
        }

        return current;
    }

    /// <summary>The dotted field path (<c>spec.replicas</c>) of a path made of names only, or null.</summary>
    public static string? AsFieldPath(string path)
    {
        var unwrapped = Unwrap(path);
        return NamesOnly().IsMatch(unwrapped) ? unwrapped[1..] : null;
    }

    private static string Unwrap(string path)
    {
        var trimmed = path.Trim();
        return trimmed.StartsWith('{') && trimmed.EndsWith('}') ? trimmed[1..^1] : trimmed;
    }

    [GeneratedRegex(@"^(\.[A-Za-z0-9_\-/]+(\[(\*|-?[0-9]+)\])*)+$")]
    private static partial Regex Syntax();

    [GeneratedRegex(@"\.(?<name>[A-Za-z0-9_\-/]+)|\[(?<index>\*|-?[0-9]+)\]")]
    private static partial Regex Step();

    [GeneratedRegex(@"^(\.[A-Za-z0-9_\-]+)+$")]
    private static partial Regex NamesOnly();
}
