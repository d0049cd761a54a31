namespace Lotse.Kube.Protobuf;

/// <summary>The protobuf value type of a field, as far as the JSON conversion needs to know it.</summary>
internal enum ProtoFieldType
{
    String,
    Bool,
    Int32,
    Int64,
    Double,
    Bytes,
    Message,
    MapStringString,
    MapStringBytes,
    MapStringMessage,
}
