using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Protobuf;
using Microsoft.AspNetCore.Http;
using YamlDotNet.Core;

namespace Lotse.Kube.Serialization;

/// <summary>Reads request bodies: at most 3 MiB (kube-apiserver's limit), JSON or YAML, with Go-shaped error messages.</summary>
public static class RequestBody
{
    public const int MaxBytes = 3 * 1024 * 1024;

    public static async ValueTask<byte[]> ReadBytesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            throw KubeStatus.RequestEntityTooLarge(MaxBytes).ToException();
        }

        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is > 0 and var length ? (int)length : 4096);
        while (true)
        {
            var memory = buffer.GetMemory(8192);
            var read = await request.Body.ReadAsync(memory, cancellationToken);
            if (read == 0)
            {
                return buffer.WrittenSpan.ToArray();
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > MaxBytes)
            {
                throw KubeStatus.RequestEntityTooLarge(MaxBytes).ToException();
            }
        }
    }

    /// <summary>Base media type without parameters, lower-case ("application/json" when absent).</summary>
    public static string MediaType(HttpRequest request)
    {
        var contentType = request.ContentType;
        if (string.IsNullOrEmpty(contentType))
        {
            return "application/json";
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon < 0 ? contentType : contentType[..semicolon]).Trim().ToLowerInvariant();
    }

    /// <summary>Parses a JSON or YAML document; syntax errors become 400 with the decoder's message shape.</summary>
    public static JsonNode? Parse(ReadOnlySpan<byte> body, bool yaml, string errorPrefix, List<string>? duplicates = null)
    {
        if (yaml)
        {
            try
            {
                return YamlToJson.Convert(Encoding.UTF8.GetString(body));
            }
            catch (YamlException e)
            {
                throw KubeStatus.BadRequest($"{errorPrefix}error converting YAML to JSON: yaml: line {e.Start.Line}: {e.Message}").ToException();
            }
        }

        try
        {
            return JsonBody.Parse(body, duplicates ?? []);
        }
        catch (JsonException e)
        {
            throw KubeStatus.BadRequest(errorPrefix + GoJsonError(body, e)).ToException();
        }
    }

    /// <summary>Parses the body of a create or update into an object, or answers 400 as the apiserver's decoder does.</summary>
    public static JsonObject ParseObject(ReadOnlySpan<byte> body, string mediaType, List<string> duplicates)
    {
        if (mediaType == KubeProtobuf.MediaType)
        {
            // kubectl's typed clients (create configmap|secret|namespace|...) send protobuf and do not fall back on 415.
            return KubeProtobuf.TryDecode(body, out var decoded, out var error)
                ? decoded!
                : throw KubeStatus.BadRequest(error ?? "unable to decode protobuf body").ToException();
        }

        var yaml = mediaType is "application/yaml" or "application/x-yaml" or "text/yaml";
        if (!yaml && mediaType != "application/json")
        {
            throw KubeStatus.UnsupportedMediaType($"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf, application/cbor").ToException();
        }

        var node = Parse(body, yaml, "couldn't get version/kind; json parse error: ", duplicates);
        return node as JsonObject ?? throw KubeStatus.BadRequest(
            node is null
                ? "Object 'Kind' is missing in 'null'"
                : "couldn't get version/kind; json parse error: json: cannot unmarshal " + (node is JsonArray ? "array" : "string") + " into Go value of type struct { APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" }").ToException();
    }

    /// <summary>encoding/json's wording for the first syntax error: "invalid character 'x' looking for beginning of value".</summary>
    private static string GoJsonError(ReadOnlySpan<byte> body, JsonException e)
    {
        if (body.Trim(" \t\r\n"u8).Length == 0)
        {
            return "unexpected end of JSON input";
        }

        var line = (int)(e.LineNumber ?? 0);
        var column = (int)(e.BytePositionInLine ?? 0);
        var offset = 0;
        for (var i = 0; i < line && offset < body.Length; i++)
        {
            var next = body[offset..].IndexOf((byte)'\n');
            offset = next < 0 ? body.Length : offset + next + 1;
        }

        offset += column;
        if (offset >= body.Length)
        {
            return "unexpected end of JSON input";
        }

        var c = (char)body[offset];
        return $"invalid character '{c}' looking for beginning of {(e.Message.Contains("property name", StringComparison.OrdinalIgnoreCase) ? "object key string" : "value")}";
    }
}
