using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lotse.Kube.Protobuf;

/// <summary>The JSON forms of the apimachinery types that marshal themselves (see <see cref="ProtoSpecial"/>).</summary>
internal static class ProtobufSpecialTypes
{
    // Go's time.Time range that RFC 3339 can express; .NET's DateTime covers the same years.
    private const long MinSeconds = -62135596800;
    private const long MaxSeconds = 253402300799;

    public static JsonNode? Convert(ProtoSpecial special, ReadOnlySpan<byte> data)
    {
        long number1 = 0, number2 = 0;
        ReadOnlySpan<byte> bytes1 = default, bytes3 = default;
        var hasBytes1 = false;
        var reader = new ProtoReader(data);
        while (!reader.End)
        {
            var (number, wireType) = reader.ReadTag();
            switch (number, wireType)
            {
                case (1, ProtoWireType.Varint):
                    number1 = unchecked((long)reader.ReadVarint());
                    break;
                case (2, ProtoWireType.Varint):
                    number2 = unchecked((long)reader.ReadVarint());
                    break;
                case (1, ProtoWireType.LengthDelimited):
                    bytes1 = reader.ReadLengthDelimited();
                    hasBytes1 = true;
                    break;
                case (3, ProtoWireType.LengthDelimited):
                    bytes3 = reader.ReadLengthDelimited();
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        return special switch
        {
            // metav1.Time marshals its zero value as an empty message, and JSON null.
            ProtoSpecial.Time => data.IsEmpty ? null : FormatTime(number1, 0, "yyyy-MM-dd'T'HH:mm:ss'Z'"),
            ProtoSpecial.MicroTime => data.IsEmpty ? null : FormatTime(number1, number2, "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'"),
            ProtoSpecial.Duration => GoDuration(number1),
            ProtoSpecial.IntOrString => number1 == 1 ? Encoding.UTF8.GetString(bytes3) : JsonValue.Create(unchecked((int)number2)),
            ProtoSpecial.Quantity => bytes1.IsEmpty ? "0" : Encoding.UTF8.GetString(bytes1),
            ProtoSpecial.RawExtension or ProtoSpecial.FieldsV1 => hasBytes1 ? EmbeddedJson(bytes1, special) : null,
            _ => throw new ArgumentOutOfRangeException(nameof(special)),
        };
    }

    /// <summary>Go's time.Duration.String: "0s", "1.5s", "1h0m0s", "250ms", "3µs".</summary>
    public static string GoDuration(long nanoseconds)
    {
        if (nanoseconds == 0)
        {
            return "0s";
        }

        var sign = nanoseconds < 0 ? "-" : "";
        var u = nanoseconds < 0 ? (ulong)(-(nanoseconds + 1)) + 1 : (ulong)nanoseconds;
        if (u < 1_000_000_000)
        {
            return u switch
            {
                < 1_000 => sign + Fraction(u, 1, 0) + "ns",
                < 1_000_000 => sign + Fraction(u, 1_000, 3) + "µs",
                _ => sign + Fraction(u, 1_000_000, 6) + "ms",
            };
        }

        var seconds = u / 1_000_000_000;
        var text = new StringBuilder(sign);
        if (seconds >= 3600)
        {
            text.Append(CultureInfo.InvariantCulture, $"{seconds / 3600}h");
        }

        if (seconds >= 60)
        {
            text.Append(CultureInfo.InvariantCulture, $"{seconds / 60 % 60}m");
        }

        return text.Append(Fraction((seconds % 60 * 1_000_000_000) + (u % 1_000_000_000), 1_000_000_000, 9)).Append('s').ToString();
    }

    private static string Fraction(ulong value, ulong unit, int digits)
    {
        var whole = (value / unit).ToString(CultureInfo.InvariantCulture);
        var rest = value % unit;
        return rest == 0 ? whole : whole + "." + rest.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0');
    }

    private static string FormatTime(long seconds, long nanos, string format)
    {
        if (seconds is < MinSeconds or > MaxSeconds || nanos is < 0 or > 999_999_999)
        {
            throw new ProtobufFormatException($"timestamp out of range: {seconds}s {nanos}ns");
        }

        var time = DateTime.UnixEpoch.AddSeconds(seconds).AddTicks(nanos / 100);
        return time.ToString(format, CultureInfo.InvariantCulture);
    }

    private static JsonNode? EmbeddedJson(ReadOnlySpan<byte> raw, ProtoSpecial special)
    {
        try
        {
            return JsonNode.Parse(raw);
        }
        catch (JsonException e)
        {
            throw new ProtobufFormatException($"{special} does not hold JSON: {e.Message}");
        }
    }
}
