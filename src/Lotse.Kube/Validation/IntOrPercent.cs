using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;

namespace Lotse.Kube.Validation;

/// <summary>
/// An <c>intstr.IntOrString</c> that holds a count or a percentage (PDB minAvailable, rolling-update maxSurge and
/// maxUnavailable): upstream ValidatePositiveIntOrPercent and IsNotMoreThan100Percent, and the Go rendering messages quote.
/// </summary>
public static partial class IntOrPercent
{
    [GeneratedRegex("^[0-9]+%$")]
    private static partial Regex Percent();

    /// <summary>Not negative, or a well-formed percentage of at most 100%.</summary>
    public static void Validate(JsonNode? node, string path, List<FieldError> errors)
    {
        if (node is null)
        {
            return;
        }

        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            var text = v.GetValue<string>();
            if (!Percent().IsMatch(text))
            {
                errors.Add(FieldError.InvalidRaw(path, GoString(node), "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"));
            }
            else if (long.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var percent) && percent > 100)
            {
                errors.Add(FieldError.InvalidRaw(path, GoString(node), "must not be greater than 100%"));
            }

            return;
        }

        if (JsonObjectExtensions.AsInt64(node) is < 0 and var number)
        {
            errors.Add(FieldError.InvalidRaw(path, number.ToString(CultureInfo.InvariantCulture), "must be greater than or equal to 0"));
        }
    }

    /// <summary>The number of a count or of a percentage ("25%" → 25), 0 when absent or malformed (upstream getIntOrPercentValue).</summary>
    public static long Value(JsonNode? node) => node switch
    {
        null => 0,
        JsonValue v when v.GetValueKind() == JsonValueKind.String =>
            long.TryParse(v.GetValue<string>().TrimEnd('%'), NumberStyles.None, CultureInfo.InvariantCulture, out var percent) ? percent : 0,
        _ => JsonObjectExtensions.AsInt64(node) ?? 0,
    };

    /// <summary>An IntOrString as Go's <c>%#v</c> prints it in validation messages.</summary>
    public static string GoString(JsonNode node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String
        ? $"intstr.IntOrString{{Type:1, IntVal:0, StrVal:\"{v.GetValue<string>()}\"}}"
        : $"intstr.IntOrString{{Type:0, IntVal:{JsonObjectExtensions.AsInt64(node) ?? 0}, StrVal:\"\"}}";
}
