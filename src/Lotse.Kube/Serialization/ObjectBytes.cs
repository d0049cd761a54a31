using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lotse.Kube.Serialization;

/// <summary>
/// Stored objects are JSON bytes without <c>metadata.resourceVersion</c> (the store revision is the resourceVersion,
/// unknown until commit). Serving splices it in right after <c>"metadata":{</c>, so a list or a watch event is
/// produced by copying bytes instead of parsing and re-serialising each object.
/// </summary>
public static class ObjectBytes
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonSerializerOptions SerializerOptions => Options;

    /// <summary>Writes <paramref name="stored"/> with <c>metadata.resourceVersion</c> = <paramref name="revision"/>.</summary>
    public static void WriteWithResourceVersion(IBufferWriter<byte> output, ReadOnlySpan<byte> stored, long revision)
    {
        var at = FindMetadataBodyStart(stored);
        if (at < 0)
        {
            output.Write(stored);
            return;
        }

        output.Write(stored[..at]);
        Span<byte> number = stackalloc byte[24];
        revision.TryFormat(number, out var written, default, CultureInfo.InvariantCulture);
        output.Write("\"resourceVersion\":\""u8);
        output.Write(number[..written]);
        output.Write("\""u8);
        var rest = stored[at..];
        if (rest.Length > 0 && rest[0] != (byte)'}')
        {
            output.Write(","u8);
        }

        output.Write(rest);
    }

    public static byte[] WithResourceVersion(ReadOnlySpan<byte> stored, long revision)
    {
        var buffer = new ArrayBufferWriter<byte>(stored.Length + 32);
        WriteWithResourceVersion(buffer, stored, revision);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Parses stored bytes into an object carrying its resourceVersion.</summary>
    public static JsonObject Parse(ReadOnlyMemory<byte> stored, long revision)
    {
        var obj = JsonNode.Parse(stored.Span) as JsonObject ?? throw new InvalidDataException("stored value is not a JSON object");
        obj.Metadata()["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture);
        return obj;
    }

    /// <summary>Serialises for storage: canonical order, no resourceVersion.</summary>
    public static byte[] ToStored(JsonObject obj)
    {
        obj.Metadata().Remove("resourceVersion");
        return JsonSerializer.SerializeToUtf8Bytes(obj, Options);
    }

    public static byte[] Serialize(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node, Options);

    public static string ToJsonString(JsonNode node) => Encoding.UTF8.GetString(Serialize(node));

    /// <summary>Index just after the '{' of the top-level "metadata" object, or -1.</summary>
    private static int FindMetadataBodyStart(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("metadata"u8))
            {
                if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    return (int)reader.TokenStartIndex + 1;
                }

                return -1;
            }

            if (reader.CurrentDepth >= 1 && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }
        }

        return -1;
    }
}
