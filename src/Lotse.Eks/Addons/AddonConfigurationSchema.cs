using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lotse.Eks.Addons;

/// <summary>
/// Checks <c>configurationValues</c> against an add-on's schema. Only the keywords the catalog's schemas use are understood
/// (type, properties, additionalProperties, enum, items, minimum); every violation is collected with its JSON path.
/// </summary>
internal static class AddonConfigurationSchema
{
    public static List<string> Validate(JsonNode? value, string schema)
    {
        var problems = new List<string>();
        Check(value, JsonNode.Parse(schema)!.AsObject(), "$", problems);
        return problems;
    }

    private static void Check(JsonNode? value, JsonObject schema, string path, List<string> problems)
    {
        if (schema["type"]?.GetValue<string>() is { } type && !HasType(value, type))
        {
            problems.Add($"{path}: {KindOf(value)} found, {type} expected");
            return;
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            problems.Add($"{path}: does not have a value in the enumeration [{string.Join(", ", allowed.Select(a => a?.ToJsonString()))}]");
        }

        if (schema["minimum"] is JsonValue minimum && Number(value) is { } n && n < Number(minimum))
        {
            problems.Add($"{path}: must have a minimum value of {minimum.ToJsonString()}");
        }

        if (value is JsonObject obj)
        {
            var properties = schema["properties"] as JsonObject;
            var closed = schema["additionalProperties"] is JsonValue extra && !extra.GetValue<bool>();
            foreach (var (key, child) in obj)
            {
                if (properties?[key] is JsonObject childSchema)
                {
                    Check(child, childSchema, $"{path}.{key}", problems);
                }
                else if (closed)
                {
                    problems.Add($"{path}.{key}: is not defined in the schema and the schema does not allow additional properties");
                }
            }
        }

        if (value is JsonArray array && schema["items"] is JsonObject itemSchema)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Check(array[i], itemSchema, $"{path}[{i}]", problems);
            }
        }
    }

    private static bool HasType(JsonNode? value, string type) => type switch
    {
        "object" => value is JsonObject,
        "array" => value is JsonArray,
        "string" => value?.GetValueKind() == JsonValueKind.String,
        "boolean" => value?.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        "integer" => Number(value) is { } d && Math.Floor(d) == d,
        "number" => value?.GetValueKind() == JsonValueKind.Number,
        _ => true,
    };

    private static double? Number(JsonNode? value) =>
        value?.GetValueKind() == JsonValueKind.Number && double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static string KindOf(JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}
