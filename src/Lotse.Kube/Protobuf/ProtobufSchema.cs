using System.Diagnostics.CodeAnalysis;
using static Lotse.Kube.Protobuf.FieldPresence;

namespace Lotse.Kube.Protobuf;

/// <summary>
/// The Kubernetes messages Lotse decodes from protobuf: field numbers and JSON names as in the upstream
/// <c>generated.proto</c> files, presence as in the Go JSON tags (see <see cref="FieldPresence"/>).
/// Fields are listed in Go declaration order because that is the order kube-apiserver writes JSON in.
/// Messages refer to each other by name; names are resolved once after every group is defined.
/// </summary>
internal static partial class ProtobufSchema
{
    private static readonly Dictionary<string, ProtoMessage> Messages = new(StringComparer.Ordinal);
    private static readonly Dictionary<(string ApiVersion, string Kind), ProtoMessage> Kinds = [];
    private static readonly List<(string ApiVersion, string Kind, string Message)> KindNames = [];

    static ProtobufSchema()
    {
        DefineMeta();
        DefineCore();
        DefinePod();
        DefineContainer();
        DefineVolumes();
        DefineWorkloads();
        DefineRbac();
        DefineNetworkingAndPolicy();
        DefineAuthentication();
        DefineAutoscaling();
        DefineCertificates();
        Resolve();
    }

    public static bool TryGetKind(string apiVersion, string kind, [NotNullWhen(true)] out ProtoMessage? message) =>
        Kinds.TryGetValue((apiVersion, kind), out message);

    /// <summary>A message by schema name (the TypeMeta of the envelope, and tests).</summary>
    public static ProtoMessage Get(string name) => Messages[name];

    public static IEnumerable<(string ApiVersion, string Kind)> RegisteredKinds => Kinds.Keys;

    private static void Resolve()
    {
        foreach (var (apiVersion, kind, message) in KindNames)
        {
            Kinds.Add((apiVersion, kind), Messages[message]);
        }

        foreach (var field in Messages.Values.SelectMany(m => m.Fields))
        {
            if (field.MessageName is null)
            {
                continue;
            }

            field.Message = Messages.TryGetValue(field.MessageName, out var target)
                ? target
                : throw new InvalidOperationException($"protobuf schema: unknown message {field.MessageName}");
        }

        foreach (var message in Messages.Values)
        {
            foreach (var field in message.Fields)
            {
                // Go never omits a struct for omitempty; a message field is Required, Pointer, NullWhenAbsent or Inline.
                if (field.Type == ProtoFieldType.Message && !field.Repeated && field.Presence == OmitEmpty)
                {
                    throw new InvalidOperationException($"protobuf schema: {message.Name}.{field.JsonName} cannot be OmitEmpty");
                }
            }
        }
    }

    private static void Define(string name, params ProtoField[] fields) => Messages.Add(name, new ProtoMessage(name, ProtoSpecial.None, fields));

    private static void Special(string name, ProtoSpecial special) => Messages.Add(name, new ProtoMessage(name, special, []));

    private static void Kind(string apiVersion, string kind, string? message = null) => KindNames.Add((apiVersion, kind, message ?? kind));

    private static ProtoField Str(int number, string json, FieldPresence presence = OmitEmpty) => new(number, json, ProtoFieldType.String, presence);

    private static ProtoField Bool(int number, string json, FieldPresence presence = OmitEmpty) => new(number, json, ProtoFieldType.Bool, presence);

    private static ProtoField I32(int number, string json, FieldPresence presence = OmitEmpty) => new(number, json, ProtoFieldType.Int32, presence);

    private static ProtoField I64(int number, string json, FieldPresence presence = OmitEmpty) => new(number, json, ProtoFieldType.Int64, presence);

    private static ProtoField Bytes(int number, string json, FieldPresence presence = OmitEmpty) => new(number, json, ProtoFieldType.Bytes, presence);

    /// <summary>A message field; most are Go pointers with omitempty, structs pass <see cref="Required"/>.</summary>
    private static ProtoField Msg(int number, string json, string type, FieldPresence presence = Pointer) =>
        new(number, json, ProtoFieldType.Message, presence, MessageName: type);

    private static ProtoField Strs(int number, string json, FieldPresence presence = OmitEmpty) => new(number, json, ProtoFieldType.String, presence, Repeated: true);

    private static ProtoField I32s(int number, string json, FieldPresence presence = OmitEmpty) => new(number, json, ProtoFieldType.Int32, presence, Repeated: true);

    private static ProtoField I64s(int number, string json, FieldPresence presence = OmitEmpty) => new(number, json, ProtoFieldType.Int64, presence, Repeated: true);

    private static ProtoField Msgs(int number, string json, string type, FieldPresence presence = OmitEmpty) =>
        new(number, json, ProtoFieldType.Message, presence, Repeated: true, MessageName: type);

    private static ProtoField StrMap(int number, string json, FieldPresence presence = OmitEmpty) => new(number, json, ProtoFieldType.MapStringString, presence);

    private static ProtoField BytesMap(int number, string json, FieldPresence presence = OmitEmpty) => new(number, json, ProtoFieldType.MapStringBytes, presence);

    private static ProtoField MsgMap(int number, string json, string type, FieldPresence presence = OmitEmpty) =>
        new(number, json, ProtoFieldType.MapStringMessage, presence, MessageName: type);
}
