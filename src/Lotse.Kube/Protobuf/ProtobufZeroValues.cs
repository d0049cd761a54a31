using System.Text.Json.Nodes;

namespace Lotse.Kube.Protobuf;

/// <summary>The JSON Go writes for zero values: what a field absent from the wire looks like in kube-apiserver's JSON.</summary>
internal static class ProtobufZeroValues
{
    /// <summary>Zero of a <see cref="FieldPresence.Required"/> field: a nil list or map is <c>null</c>, a struct is its zero object.</summary>
    public static JsonNode? Field(ProtoField field, int depth)
    {
        if (field.Repeated || field.IsMap)
        {
            return null;
        }

        return field.Type switch
        {
            ProtoFieldType.String => "",
            ProtoFieldType.Bool => false,
            ProtoFieldType.Int32 => 0,
            ProtoFieldType.Int64 => 0L,
            ProtoFieldType.Double => 0.0,
            ProtoFieldType.Bytes => null,
            _ => Message(field.Message!, depth + 1),
        };
    }

    /// <summary>A map entry written without its value field.</summary>
    public static JsonNode? MapValue(ProtoField field, int depth) => field.Type switch
    {
        ProtoFieldType.MapStringString => "",
        ProtoFieldType.MapStringBytes => null,
        _ => Message(field.Message!, depth + 1),
    };

    public static JsonNode? Message(ProtoMessage message, int depth) => message.Special switch
    {
        ProtoSpecial.None => Object(message, depth),
        _ => ProtobufSpecialTypes.Convert(message.Special, []),
    };

    /// <summary>The zero object of a plain message: only its Required (and NullWhenAbsent) fields appear.</summary>
    public static JsonObject Object(ProtoMessage message, int depth)
    {
        var obj = new JsonObject();
        ProtobufJsonConverter.AppendMessage(message, [], obj, depth);
        return obj;
    }

    /// <summary>Go's omitempty test for scalars: "", false, 0.</summary>
    public static bool IsZeroScalar(JsonNode? value) => value switch
    {
        null => true,
        JsonValue v when v.TryGetValue(out string? s) => s.Length == 0,
        JsonValue v when v.TryGetValue(out bool b) => !b,
        JsonValue v when v.TryGetValue(out int i) => i == 0,
        JsonValue v when v.TryGetValue(out long l) => l == 0,
        JsonValue v when v.TryGetValue(out double d) => d == 0,
        _ => false,
    };
}
