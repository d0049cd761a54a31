using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;
using Microsoft.AspNetCore.Http;

namespace Lotse.Kube.Handlers;

/// <summary>Writes JSON answers: objects, tables and Status errors, always <c>application/json</c>.</summary>
public static class ResponseWriter
{
    public const string JsonContentType = "application/json";

    public static Task WriteBytesAsync(HttpContext http, int statusCode, ReadOnlyMemory<byte> body, string contentType = JsonContentType)
    {
        http.Response.StatusCode = statusCode;
        http.Response.ContentType = contentType;
        http.Response.ContentLength = body.Length;
        return http.Response.Body.WriteAsync(body, http.RequestAborted).AsTask();
    }

    public static Task WriteStatusAsync(HttpContext http, KubeStatus status) =>
        WriteBytesAsync(http, status.Code, status.ToJsonBytes());

    /// <summary>One object (GET, create, update, patch), as itself or as a one-row Table / PartialObjectMetadata.</summary>
    public static Task WriteObjectAsync(KubeRequestContext request, int statusCode, JsonObject obj)
    {
        obj = request.Resource.ToServedVersion(obj);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = ObjectBytes.SerializerOptions.Encoder }))
        {
            switch (request.Format.Shape)
            {
                case ResponseShape.Table:
                    TableWriter.Write(writer, request.Resource, request.Format.MetaApiVersion, [obj], withColumns: true,
                        TableWriter.ParseInclude(request.Query("includeObject")), obj.MetaString("resourceVersion"), null, request.Now);
                    break;
                case ResponseShape.PartialObjectMetadata:
                    TableWriter.WritePartialObjectMetadata(writer, request.Format.MetaApiVersion, obj);
                    break;
                default:
                    obj.WriteTo(writer);
                    break;
            }
        }

        return WriteBytesAsync(request.Http, statusCode, buffer.WrittenMemory);
    }
}
