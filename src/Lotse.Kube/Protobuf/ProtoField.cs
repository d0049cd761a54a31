namespace Lotse.Kube.Protobuf;

/// <summary>One field of a Kubernetes protobuf message: wire number, JSON name, value type and JSON presence rule.</summary>
/// <param name="MessageName">For <see cref="ProtoFieldType.Message"/> and <see cref="ProtoFieldType.MapStringMessage"/>: the schema name of the value message.</param>
internal sealed record ProtoField(
    int Number,
    string JsonName,
    ProtoFieldType Type,
    FieldPresence Presence,
    bool Repeated = false,
    string? MessageName = null)
{
    /// <summary>Resolved from <see cref="MessageName"/> once the whole schema is defined (messages refer to each other).</summary>
    public ProtoMessage? Message { get; set; }

    public bool IsMap => Type is ProtoFieldType.MapStringString or ProtoFieldType.MapStringBytes or ProtoFieldType.MapStringMessage;
}
