using System.Text.Json.Nodes;

namespace Lotse.Kube.Protobuf;

/// <summary>
/// Decodes Kubernetes protobuf request bodies (what kubectl's typed clients send) into the JSON object
/// kube-apiserver would produce, so the rest of Lotse only ever sees JSON.
/// Body = magic <c>k8s\0</c> + runtime.Unknown { typeMeta=1 {apiVersion=1, kind=2}, raw=2, contentEncoding=3, contentType=4 }.
/// </summary>
public static class KubeProtobuf
{
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    private static ReadOnlySpan<byte> Magic => "k8s\0"u8;

    public static bool TryDecode(ReadOnlySpan<byte> body, out JsonObject? obj, out string? error)
    {
        obj = null;
        if (!body.StartsWith(Magic))
        {
            // The apimachinery protobuf serializer's wording.
            error = "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]";
            return false;
        }

        try
        {
            var envelope = ReadEnvelope(body[Magic.Length..], out var raw);
            var apiVersion = (string?)envelope.TypeMeta["apiVersion"] ?? "";
            var kind = (string?)envelope.TypeMeta["kind"] ?? "";
            if (envelope.ContentEncoding.Length > 0)
            {
                error = $"unsupported protobuf content encoding \"{envelope.ContentEncoding}\"";
                return false;
            }

            if (kind.Length == 0)
            {
                error = "Object 'Kind' is missing in protobuf envelope";
                return false;
            }

            if (!ProtobufSchema.TryGetKind(apiVersion, kind, out var message))
            {
                error = $"no kind \"{kind}\" is registered for version \"{apiVersion}\" in scheme \"pkg/api/legacyscheme/scheme.go:30\"";
                return false;
            }

            // TypeMeta is inline in Go (kind first); protobuf carries it only in the envelope.
            var result = new JsonObject { ["kind"] = kind, ["apiVersion"] = apiVersion };
            ProtobufJsonConverter.AppendMessage(message, raw, result);
            obj = result;
            error = null;
            return true;
        }
        catch (ProtobufFormatException e)
        {
            error = "unable to decode protobuf body: " + e.Message;
            return false;
        }
    }

    private static (JsonObject TypeMeta, string ContentEncoding) ReadEnvelope(ReadOnlySpan<byte> unknown, out ReadOnlySpan<byte> raw)
    {
        var typeMeta = new JsonObject();
        var contentEncoding = "";
        raw = default;
        var reader = new ProtoReader(unknown);
        while (!reader.End)
        {
            var (number, wireType) = reader.ReadTag();
            if (wireType != ProtoWireType.LengthDelimited || number > 4)
            {
                reader.Skip(wireType);
                continue;
            }

            var bytes = reader.ReadLengthDelimited();
            switch (number)
            {
                case 1:
                    typeMeta = new JsonObject();
                    ProtobufJsonConverter.AppendMessage(ProtobufSchema.Get("TypeMeta"), bytes, typeMeta);
                    break;
                case 2:
                    raw = bytes;
                    break;
                case 3:
                    contentEncoding = System.Text.Encoding.UTF8.GetString(bytes);
                    break;
            }
        }

        return (typeMeta, contentEncoding);
    }
}
