using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lotse.Kube.Serialization;

/// <summary>Type checks that mirror what Go's typed JSON decoding rejects, with Go's message shapes.</summary>
public static class DecodeChecks
{
    /// <summary>Every value of the map <paramref name="field"/> must be a JSON string.</summary>
    public static string? StringMap(JsonObject obj, string goType, string field)
    {
        var node = obj[field];
        if (node is null)
        {
            return null;
        }

        if (node is not JsonObject map)
        {
            return $"json: cannot unmarshal {GoKind(node)} into Go struct field {goType}.{field} of type map[string]string";
        }

        foreach (var (_, value) in map)
        {
            if (value is not null && value.GetValueKind() != JsonValueKind.String)
            {
                return $"json: cannot unmarshal {GoKind(value)} into Go struct field {goType}.{field} of type string";
            }
        }

        return null;
    }

    /// <summary>Every value of <paramref name="field"/> must be standard base64 ([]byte fields); Go's message names the first bad byte.</summary>
    public static string? Base64Map(JsonObject obj, string goType, string field)
    {
        if (StringMap(obj, goType, field) is { } typeError)
        {
            return typeError.Replace("of type string", "of type []uint8", StringComparison.Ordinal);
        }

        foreach (var (_, value) in obj.GetObject(field) ?? [])
        {
            if (value is not null && BadBase64Index(value.GetValue<string>()) is { } index)
            {
                return $"illegal base64 data at input byte {index}";
            }
        }

        return null;
    }

    /// <summary>Index of the first byte Go's <c>base64.StdEncoding</c> rejects, or null.</summary>
    public static int? BadBase64Index(string text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\r' or '\n')
            {
                continue;
            }

            if (c == '=')
            {
                // Padding may only close the final quantum.
                var pad = text.AsSpan(i).TrimEnd("\r\n").ToString();
                if (pad.Trim('=').Length > 0 || (count % 4) < 2 || (count % 4) + pad.Length != 4)
                {
                    return i;
                }

                return null;
            }

            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/'))
            {
                return i;
            }

            count++;
        }

        return count % 4 == 0 ? null : text.Length - (count % 4 == 1 ? 1 : 0);
    }

    /// <summary>
    /// A JSON value of the wrong kind for a Go <c>string</c> or <c>bool</c> field (<paramref name="goType"/>), in Go's
    /// decoder wording with <paramref name="goField"/> as "Kind.path"; null when the value fits or is absent.
    /// </summary>
    public static string? Scalar(JsonNode? node, string goField, string goType)
    {
        if (node is null)
        {
            return null;
        }

        var kind = node.GetValueKind();
        var fits = goType == "bool" ? kind is JsonValueKind.True or JsonValueKind.False : kind == JsonValueKind.String;
        return fits ? null : $"json: cannot unmarshal {GoKind(node)} into Go struct field {goField} of type {goType}";
    }

    private static string GoKind(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "bool",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => "string",
    };
}
