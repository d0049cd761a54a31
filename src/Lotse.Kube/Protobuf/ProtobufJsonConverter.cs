using System.Text;
using System.Text.Json.Nodes;

namespace Lotse.Kube.Protobuf;

/// <summary>
/// Converts protobuf message bytes to the JSON kube-apiserver would write for the same Go object.
/// Each message is read once into one slot per schema field, then written in schema (Go declaration)
/// order, applying the <see cref="FieldPresence"/> rule of each field.
/// </summary>
internal static class ProtobufJsonConverter
{
    // The schema has no recursive message types; this guards against a corrupted schema, not input.
    private const int MaxDepth = 64;

    public static void AppendMessage(ProtoMessage message, ReadOnlySpan<byte> data, JsonObject target, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            throw new ProtobufFormatException($"message nesting deeper than {MaxDepth}");
        }

        var fields = message.Fields;
        var values = new JsonNode?[fields.Length];
        var present = new bool[fields.Length];
        var reader = new ProtoReader(data);
        while (!reader.End)
        {
            var (number, wireType) = reader.ReadTag();
            var index = message.IndexOf(number);
            if (index < 0)
            {
                reader.Skip(wireType);
                continue;
            }

            var field = fields[index];
            if (field.IsMap)
            {
                var map = (JsonObject)(values[index] ??= new JsonObject());
                var (key, value) = ProtobufMaps.ReadEntry(field, Expect(ref reader, wireType, ProtoWireType.LengthDelimited, message, field), depth);
                map[key] = value;
            }
            else if (field.Repeated)
            {
                var array = (JsonArray)(values[index] ??= new JsonArray());
                ReadRepeated(ref reader, wireType, message, field, array, depth);
            }
            else
            {
                values[index] = ReadValue(ref reader, wireType, message, field, depth);
            }

            present[index] = true;
        }

        for (var i = 0; i < fields.Length; i++)
        {
            Emit(fields[i], present[i], values[i], target, depth);
        }
    }

    /// <summary>The JSON of a whole message value: an object, or the special form of Time, IntOrString, ….</summary>
    public static JsonNode? ConvertMessage(ProtoMessage message, ReadOnlySpan<byte> data, int depth)
    {
        if (message.Special != ProtoSpecial.None)
        {
            return ProtobufSpecialTypes.Convert(message.Special, data);
        }

        var obj = new JsonObject();
        AppendMessage(message, data, obj, depth + 1);
        return obj;
    }

    private static void Emit(ProtoField field, bool present, JsonNode? value, JsonObject target, int depth)
    {
        if (field.Presence == FieldPresence.Inline)
        {
            var inner = present ? (JsonObject)value! : ProtobufZeroValues.Object(field.Message!, depth + 1);
            foreach (var name in inner.Select(p => p.Key).ToList())
            {
                var moved = inner[name];
                inner.Remove(name);
                target[name] = moved;
            }

            return;
        }

        if (!present)
        {
            switch (field.Presence)
            {
                case FieldPresence.Required:
                    target[field.JsonName] = ProtobufZeroValues.Field(field, depth);
                    break;
                case FieldPresence.NullWhenAbsent:
                    target[field.JsonName] = null;
                    break;
            }

            return;
        }

        if (field.Presence == FieldPresence.OmitEmpty && !field.Repeated && !field.IsMap && ProtobufZeroValues.IsZeroScalar(value))
        {
            return;
        }

        target[field.JsonName] = field.IsMap ? ProtobufMaps.SortedByKey((JsonObject)value!) : value;
    }

    private static JsonNode? ReadValue(ref ProtoReader reader, ProtoWireType wireType, ProtoMessage message, ProtoField field, int depth) =>
        field.Type switch
        {
            ProtoFieldType.String => Encoding.UTF8.GetString(Expect(ref reader, wireType, ProtoWireType.LengthDelimited, message, field)),
            ProtoFieldType.Bytes => Convert.ToBase64String(Expect(ref reader, wireType, ProtoWireType.LengthDelimited, message, field)),
            ProtoFieldType.Message => ConvertMessage(field.Message!, Expect(ref reader, wireType, ProtoWireType.LengthDelimited, message, field), depth),
            ProtoFieldType.Double => CheckWire(wireType, ProtoWireType.Fixed64, message, field)
                ? BitConverter.Int64BitsToDouble((long)reader.ReadFixed64()) : null,
            _ => CheckWire(wireType, ProtoWireType.Varint, message, field) ? ScalarFromVarint(field.Type, reader.ReadVarint()) : null,
        };

    private static void ReadRepeated(ref ProtoReader reader, ProtoWireType wireType, ProtoMessage message, ProtoField field, JsonArray array, int depth)
    {
        var packable = field.Type is ProtoFieldType.Int32 or ProtoFieldType.Int64 or ProtoFieldType.Bool;
        if (packable && wireType == ProtoWireType.LengthDelimited)
        {
            // Packed encoding: proto2 Kubernetes messages write repeated scalars unpacked, but both are valid protobuf.
            var packed = new ProtoReader(reader.ReadLengthDelimited());
            while (!packed.End)
            {
                array.Add(ScalarFromVarint(field.Type, packed.ReadVarint()));
            }

            return;
        }

        array.Add(ReadValue(ref reader, wireType, message, field, depth));
    }

    private static JsonValue ScalarFromVarint(ProtoFieldType type, ulong raw) => type switch
    {
        ProtoFieldType.Bool => JsonValue.Create(raw != 0),
        ProtoFieldType.Int32 => JsonValue.Create(unchecked((int)raw)),
        _ => JsonValue.Create(unchecked((long)raw)),
    };

    private static ReadOnlySpan<byte> Expect(ref ProtoReader reader, ProtoWireType actual, ProtoWireType expected, ProtoMessage message, ProtoField field)
    {
        CheckWire(actual, expected, message, field);
        return reader.ReadLengthDelimited();
    }

    private static bool CheckWire(ProtoWireType actual, ProtoWireType expected, ProtoMessage message, ProtoField field) =>
        actual == expected
            ? true
            : throw new ProtobufFormatException($"{message.Name}.{field.JsonName} (field {field.Number}): wire type {(int)actual}, expected {(int)expected}");
}
