using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lotse.Kube.Serialization;

/// <summary>
/// Builds a <see cref="JsonNode"/> from a parsed document the way Go's decoder treats duplicate keys: the last one
/// wins, and each duplicate is reported (Strict field validation refuses them, Warn warns). JsonNode.Parse would
/// instead fail later, deep in the registry, on the first duplicate.
/// </summary>
public static class JsonBody
{
    /// <summary>Nesting limit for request bodies: deep enough for any real object, shallow enough for recursive code.</summary>
    public const int MaxDepth = 256;

    public static JsonNode? Parse(ReadOnlySpan<byte> body, List<string> duplicates)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxDepth });
        // ParseValue gives an element that owns its (unpooled) document, so values can wrap it without copies.
        var root = JsonElement.ParseValue(ref reader);
        if (reader.Read())
        {
            throw new JsonException("invalid character after top-level value", null, reader.TokenStartIndex, reader.TokenStartIndex);
        }

        return Build(root, "", duplicates);
    }

    private static JsonNode? Build(JsonElement element, string path, List<string> duplicates)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    var childPath = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                    if (obj.ContainsKey(property.Name))
                    {
                        duplicates.Add(childPath);
                    }

                    obj[property.Name] = Build(property.Value, childPath, duplicates);
                }

                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(Build(item, path, duplicates));
                }

                return array;
            case JsonValueKind.Null:
                return null;
            default:
                return JsonValue.Create(element);
        }
    }
}
