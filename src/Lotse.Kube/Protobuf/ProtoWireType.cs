namespace Lotse.Kube.Protobuf;

/// <summary>The protobuf wire types (the low 3 bits of a tag).</summary>
internal enum ProtoWireType
{
    Varint = 0,
    Fixed64 = 1,
    LengthDelimited = 2,
    StartGroup = 3,
    EndGroup = 4,
    Fixed32 = 5,
}
