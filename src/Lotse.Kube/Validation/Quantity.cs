using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lotse.Kube.Validation;

/// <summary>How a quantity was written, which decides how its canonical form is spelled (upstream <c>resource.Format</c>).</summary>
public enum QuantityFormat
{
    /// <summary>"1e3", "12E6".</summary>
    DecimalExponent,

    /// <summary>"1Ki", "5Gi".</summary>
    BinarySI,

    /// <summary>"500m", "2", "1k", "3G".</summary>
    DecimalSI,
}

/// <summary>
/// apimachinery's <c>resource.Quantity</c>: parsing with upstream's grammar and errors, the value rounded up to
/// nano units, comparison, the canonical spelling the API server stores and prints ("1000m" → "1", "1024Mi" → "1Gi",
/// "0.5" → "500m"), and the Go <c>%#v</c> rendering validation messages quote.
/// </summary>
public sealed class Quantity : IComparable<Quantity>
{
    public const string FormatError = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    public const string SuffixError = "unable to parse quantity's suffix";
    public const string NumericError = "unable to parse numeric part of quantity";

    private const string SuffixLetters = "eEinumkKMGTP";

    private static readonly Dictionary<string, int> DecimalSuffixes = new(StringComparer.Ordinal)
    {
        ["n"] = -9,
        ["u"] = -6,
        ["m"] = -3,
        [""] = 0,
        ["k"] = 3,
        ["M"] = 6,
        ["G"] = 9,
        ["T"] = 12,
        ["P"] = 15,
        ["E"] = 18,
    };

    private static readonly string[] BinarySuffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];

    private Quantity(decimal value, QuantityFormat format, (long Value, int Scale)? int64Amount, string? cached)
    {
        Value = value;
        Format = format;
        Int64Amount = int64Amount;
        Cached = cached;
    }

    public static Quantity Zero { get; } = new(0m, QuantityFormat.DecimalSI, (0, 0), null);

    /// <summary>The exact value, rounded up (away from zero) to a multiple of 1e-9.</summary>
    public decimal Value { get; }

    public QuantityFormat Format { get; }

    /// <summary>Upstream's fast-path representation (value × 10^scale); null when it would hold an <c>inf.Dec</c>.</summary>
    private (long Value, int Scale)? Int64Amount { get; }

    /// <summary>The input kept verbatim when it already was canonical (upstream caches it).</summary>
    private string? Cached { get; }

    public static Quantity Parse(string text) =>
        TryParse(text, out var quantity, out var error) ? quantity : throw new FormatException(error);

    /// <summary>upstream <c>resource.ParseQuantity</c>; <paramref name="error"/> is its error text.</summary>
    public static bool TryParse(string text, out Quantity quantity, out string error)
    {
        quantity = Zero;
        error = "";
        if (text.Length == 0)
        {
            error = FormatError;
            return false;
        }

        if (text == "0")
        {
            quantity = new Quantity(0m, QuantityFormat.DecimalSI, (0, 0), "0");
            return true;
        }

        if (!Split(text, out var positive, out var num, out var denom, out var suffix))
        {
            error = FormatError;
            return false;
        }

        if (!InterpretSuffix(suffix, out var binary, out var exponent, out var format))
        {
            error = SuffixError;
            return false;
        }

        if (!ExactValue(num, denom, binary, exponent, out var magnitude))
        {
            error = NumericError;
            return false;
        }

        var value = RoundUpToNano(positive ? magnitude : -magnitude);
        var amount = FastPath(text, positive, num, denom, binary, exponent, format, out var cached);
        if (amount is null && format == QuantityFormat.BinarySI && Math.Abs(value) < 1 && value != 0)
        {
            format = QuantityFormat.DecimalSI;
        }

        quantity = new Quantity(value, format, amount, cached);
        return true;
    }

    /// <summary>
    /// A quantity as JSON carries it (a string, or a bare number); null for JSON null or a missing value. Anything else
    /// fails like upstream's <c>UnmarshalJSON</c> does.
    /// </summary>
    public static bool TryFromJson(JsonNode? node, out Quantity? quantity, out string error)
    {
        quantity = null;
        error = "";
        if (node is null)
        {
            return true;
        }

        var text = node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : node.ToJsonString();
        if (!TryParse(text.Trim(), out var parsed, out error))
        {
            return false;
        }

        quantity = parsed;
        return true;
    }

    /// <summary>The first value of <paramref name="map"/> (a <c>ResourceList</c>) that is not a quantity, as the decode error.</summary>
    public static string? MapDecodeError(JsonObject? map)
    {
        foreach (var (_, value) in map ?? [])
        {
            if (!TryFromJson(value, out _, out var error))
            {
                return error;
            }
        }

        return null;
    }

    /// <summary>Rewrites every quantity of a <c>ResourceList</c> in its canonical form, as the server stores it.</summary>
    public static void CanonicalizeMap(JsonObject? map)
    {
        foreach (var key in map?.Select(p => p.Key).ToList() ?? [])
        {
            if (TryFromJson(map![key], out var quantity, out _) && quantity is not null)
            {
                map[key] = quantity.ToString();
            }
        }
    }

    /// <summary>The quantities of a <c>ResourceList</c> by resource name, sorted by name; values that do not parse are skipped.</summary>
    public static SortedDictionary<string, Quantity> ReadMap(JsonObject? map)
    {
        var result = new SortedDictionary<string, Quantity>(StringComparer.Ordinal);
        foreach (var (key, value) in map ?? [])
        {
            if (TryFromJson(value, out var quantity, out _) && quantity is not null)
            {
                result[key] = quantity;
            }
        }

        return result;
    }

    public int CompareTo(Quantity? other) => Value.CompareTo(other?.Value ?? 0m);

    /// <summary>The canonical form (upstream <c>Quantity.String()</c>).</summary>
    public override string ToString()
    {
        if (Value == 0)
        {
            return "0";
        }

        var sign = Value < 0 ? "-" : "";
        var magnitude = Math.Abs(Value);
        if (Format == QuantityFormat.BinarySI && magnitude >= 1024 && decimal.Truncate(magnitude) == magnitude)
        {
            var amount = magnitude;
            var power = 0;
            while (power < BinarySuffixes.Length - 1 && decimal.Remainder(amount, 1024) == 0)
            {
                amount /= 1024;
                power++;
            }

            return sign + amount.ToString("0", CultureInfo.InvariantCulture) + BinarySuffixes[power];
        }

        // mantissa × 10^exponent with an integer mantissa, then the exponent lowered to a multiple of three.
        var mantissa = new BigInteger(magnitude * 1_000_000_000m);
        var exponent = -9;
        while (!mantissa.IsZero && mantissa % 10 == 0)
        {
            mantissa /= 10;
            exponent++;
        }

        var shift = ((exponent % 3) + 3) % 3;
        mantissa *= BigInteger.Pow(10, shift);
        exponent -= shift;
        var digits = mantissa.ToString(CultureInfo.InvariantCulture);
        if (Format == QuantityFormat.DecimalExponent || exponent > 18)
        {
            return sign + digits + (exponent == 0 ? "" : "e" + exponent.ToString(CultureInfo.InvariantCulture));
        }

        return sign + digits + DecimalSuffixes.First(s => s.Value == exponent).Key;
    }

    /// <summary>The quantity as Go's <c>%#v</c> prints a <c>resource.Quantity</c> (field.Invalid with a Quantity value).</summary>
    public string GoSyntax()
    {
        var (value, scale) = Int64Amount ?? (0, 0);
        var dec = Int64Amount is null ? "(*inf.Dec)(0xc000000000)" : "(*inf.Dec)(nil)";
        return $"resource.Quantity{{i:resource.int64Amount{{value:{value.ToString(CultureInfo.InvariantCulture)}, scale:{scale.ToString(CultureInfo.InvariantCulture)}}}, d:resource.infDecAmount{{Dec:{dec}}}, s:\"{Cached}\", Format:\"{Format}\"}}";
    }

    /// <summary>upstream <c>parseQuantityString</c>: sign, digits without leading zeros, fraction digits, suffix.</summary>
    private static bool Split(string text, out bool positive, out string num, out string denom, out string suffix)
    {
        positive = true;
        num = denom = suffix = "";
        var pos = 0;
        var end = text.Length;
        if (text[0] is '-' or '+')
        {
            positive = text[0] == '+';
            pos++;
        }

        var zeros = pos;
        while (pos < end && text[pos] == '0')
        {
            pos++;
        }

        if (pos >= end)
        {
            num = "0";
            return true;
        }

        var start = pos;
        while (pos < end && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }

        // "0Gi": the stripped zeros were the whole integer part.
        num = pos == start && pos > zeros && (pos >= end || text[pos] != '.') ? "0" : text[start..pos];
        if (pos < end && text[pos] == '.')
        {
            start = ++pos;
            while (pos < end && char.IsAsciiDigit(text[pos]))
            {
                pos++;
            }

            denom = text[start..pos];
        }

        var suffixStart = pos;
        while (pos < end && SuffixLetters.Contains(text[pos], StringComparison.Ordinal))
        {
            pos++;
        }

        if (pos < end && text[pos] is '-' or '+')
        {
            pos++;
        }

        while (pos < end && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }

        suffix = text[suffixStart..];
        return pos == end;
    }

    private static bool InterpretSuffix(string suffix, out bool binary, out int exponent, out QuantityFormat format)
    {
        binary = false;
        format = QuantityFormat.DecimalSI;
        if (DecimalSuffixes.TryGetValue(suffix, out exponent))
        {
            return true;
        }

        var power = Array.IndexOf(BinarySuffixes, suffix);
        if (power > 0)
        {
            binary = true;
            exponent = power * 10;
            format = QuantityFormat.BinarySI;
            return true;
        }

        format = QuantityFormat.DecimalExponent;
        return suffix.Length > 1 && suffix[0] is 'e' or 'E'
            && int.TryParse(suffix[1..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent);
    }

    private static bool ExactValue(string num, string denom, bool binary, int exponent, out decimal magnitude)
    {
        magnitude = 0;
        var digits = (num + denom).TrimStart('0');
        if (num.Length + denom.Length == 0)
        {
            return false;
        }

        try
        {
            var number = BigInteger.Parse(digits.Length == 0 ? "0" : digits, CultureInfo.InvariantCulture);
            var scale = -denom.Length;
            var factor = binary ? BigInteger.Pow(2, exponent) : BigInteger.One;
            if (!binary)
            {
                scale += exponent;
            }

            number *= factor;
            if (number.IsZero)
            {
                return true;
            }

            // Keep at most 9 fraction digits (rounded up) and refuse what a decimal cannot hold.
            if (scale < -9)
            {
                var divisor = BigInteger.Pow(10, -9 - scale);
                var quotient = BigInteger.DivRem(number, divisor, out var remainder);
                number = remainder.IsZero ? quotient : quotient + 1;
                scale = -9;
            }

            if (scale > 28)
            {
                return false;
            }

            var scaled = scale >= 0 ? number * BigInteger.Pow(10, scale) : number;
            magnitude = scale >= 0 ? (decimal)scaled : (decimal)scaled / (decimal)BigInteger.Pow(10, -scale);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    private static decimal RoundUpToNano(decimal value)
    {
        var nanos = value * 1_000_000_000m;
        var rounded = value >= 0 ? decimal.Ceiling(nanos) : decimal.Floor(nanos);
        return rounded / 1_000_000_000m;
    }

    /// <summary>upstream ParseQuantity's int64 fast path: the (value, scale) it stores and whether it caches the input.</summary>
    private static (long, int)? FastPath(string text, bool positive, string num, string denom, bool binary, int exponent, QuantityFormat format, out string? cached)
    {
        cached = null;
        int precision;
        var scale = 0;
        long mantissa = 1;
        if (!binary)
        {
            scale = exponent;
            precision = 18 - (num.Length + denom.Length);
        }
        else if (exponent >= 0 && denom.Length == 0)
        {
            mantissa = 1L << exponent;
            precision = 15 - num.Length - (int)(exponent * 3f / 10) - 1;
        }
        else
        {
            precision = -1;
        }

        if (precision < 0)
        {
            return null;
        }

        scale -= denom.Length;
        var shifted = num + denom;
        if (scale < -9 || !long.TryParse(shifted, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        long result;
        try
        {
            result = checked(value * mantissa);
        }
        catch (OverflowException)
        {
            return null;
        }

        if (!positive)
        {
            result = -result;
        }

        var canonical = format == QuantityFormat.BinarySI
            ? exponent % 10 == 0 && (value & 0x07) != 0
            : scale % 3 == 0 && !shifted.EndsWith("000", StringComparison.Ordinal) && shifted[0] != '0';
        cached = canonical ? text : null;
        return (result, scale);
    }
}
