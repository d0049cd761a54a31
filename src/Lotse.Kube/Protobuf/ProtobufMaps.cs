using System.Text;
using System.Text.Json.Nodes;

namespace Lotse.Kube.Protobuf;

/// <summary>Protobuf maps: each entry is a message {key=1, value=2}; JSON wants an object with sorted keys.</summary>
internal static class ProtobufMaps
{
    public static (string Key, JsonNode? Value) ReadEntry(ProtoField field, ReadOnlySpan<byte> entry, int depth)
    {
        var key = "";
        JsonNode? value = null;
        var hasValue = false;
        var reader = new ProtoReader(entry);
        while (!reader.End)
        {
            var (number, wireType) = reader.ReadTag();
            if (number is not (1 or 2) || wireType != ProtoWireType.LengthDelimited)
            {
                reader.Skip(wireType);
                continue;
            }

            var bytes = reader.ReadLengthDelimited();
            if (number == 1)
            {
                key = Encoding.UTF8.GetString(bytes);
                continue;
            }

            hasValue = true;
            value = field.Type switch
            {
                ProtoFieldType.MapStringString => Encoding.UTF8.GetString(bytes),
                ProtoFieldType.MapStringBytes => Convert.ToBase64String(bytes),
                _ => ProtobufJsonConverter.ConvertMessage(field.Message!, bytes, depth),
            };
        }

        return (key, hasValue ? value : ProtobufZeroValues.MapValue(field, depth));
    }

    /// <summary>Go's encoding/json writes map keys sorted; the wire order is the sender's.</summary>
    public static JsonObject SortedByKey(JsonObject map)
    {
        var sorted = new JsonObject();
        foreach (var key in map.Select(p => p.Key).Order(StringComparer.Ordinal).ToList())
        {
            var value = map[key];
            map.Remove(key);
            sorted[key] = value;
        }

        return sorted;
    }
}
