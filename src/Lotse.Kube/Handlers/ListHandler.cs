using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Registry;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;
using Lotse.Storage;

namespace Lotse.Kube.Handlers;

/// <summary>
/// LIST with selectors, <c>limit</c>/<c>continue</c> paging and resourceVersion semantics (unset/0 = latest,
/// NotOlderThan, Exact; the legacy "rv with limit" means Exact). Items are copied from stored bytes unless a
/// selector or a Table needed them parsed.
/// </summary>
public static class ListHandler
{
    public const string ContinueTooOldMessage =
        "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.";

    public static async Task HandleAsync(KubeRequestContext request)
    {
        var filter = ObjectFilter.Create(request.Resource, request.Query("labelSelector"), request.Query("fieldSelector"));
        var limit = ParseLimit(request.Query("limit"));
        var (revision, start) = ReadPosition(request, limit);
        KubeListPage page;
        try
        {
            page = await request.Objects.ListAsync(request.Scope, filter, revision, start, limit, request.Aborted);
        }
        catch (RevisionCompactedException) when (request.Query("continue") is { } token)
        {
            var inconsistent = new ContinueToken(-1, ContinueToken.Decode(token).Start).Encode();
            throw (KubeStatus.Expired(ContinueTooOldMessage) with { ListContinue = inconsistent }).ToException();
        }
        catch (RevisionCompactedException)
        {
            throw KubeStatus.Expired("The resourceVersion for the provided list is too old.").ToException();
        }

        var prefix = request.Scope.CollectionPrefix;
        var continueToken = page.ContinueKey is { } next ? new ContinueToken(page.Revision, next[prefix.Length..]).Encode() : null;
        var rv = page.Revision.ToString(CultureInfo.InvariantCulture);
        var buffer = new ArrayBufferWriter<byte>(4096);
        if (request.Format.Shape == ResponseShape.Object)
        {
            WriteList(buffer, request.Resource, page, rv, continueToken);
        }
        else
        {
            using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = ObjectBytes.SerializerOptions.Encoder });
            var objects = page.Items.Select(i => i.Parsed ?? ObjectBytes.Parse(i.Kv.Value, i.Kv.ModRevision));
            if (request.Format.Shape == ResponseShape.Table)
            {
                TableWriter.Write(writer, request.Resource, request.Format.MetaApiVersion, objects, withColumns: true,
                    TableWriter.ParseInclude(request.Query("includeObject")), rv, continueToken, request.Now);
            }
            else
            {
                WritePartialList(writer, request.Format.MetaApiVersion, objects, rv, continueToken);
            }
        }

        await ResponseWriter.WriteBytesAsync(request.Http, 200, buffer.WrittenMemory);
    }

    /// <summary>Writes <c>{"kind":"XList",...,"items":[...]}</c> by splicing each stored object's resourceVersion.</summary>
    public static void WriteList(IBufferWriter<byte> output, KubeResource resource, KubeListPage page, string rv, string? continueToken)
    {
        using (var header = new Utf8JsonWriter(output))
        {
            header.WriteStartObject();
            header.WriteString("kind", resource.ListKind);
            header.WriteString("apiVersion", resource.GroupVersion);
            header.WriteStartObject("metadata");
            header.WriteString("resourceVersion", rv);
            if (continueToken is not null)
            {
                header.WriteString("continue", continueToken);
            }

            header.WriteEndObject();
            header.WritePropertyName("items");
            header.WriteStartArray();
            header.Flush();
        }

        for (var i = 0; i < page.Items.Count; i++)
        {
            if (i > 0)
            {
                output.Write(","u8);
            }

            var kv = page.Items[i].Kv;
            if (resource.ConvertsOnRead)
            {
                output.Write(ObjectBytes.Serialize(resource.ToServedVersion(ObjectBytes.Parse(kv.Value, kv.ModRevision))));
                continue;
            }

            ObjectBytes.WriteWithResourceVersion(output, kv.Value.Span, kv.ModRevision);
        }

        output.Write("]}"u8);
    }

    private static void WritePartialList(Utf8JsonWriter writer, string metaApiVersion, IEnumerable<JsonObject> objects, string rv, string? continueToken)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", "PartialObjectMetadataList");
        writer.WriteString("apiVersion", metaApiVersion);
        writer.WriteStartObject("metadata");
        writer.WriteString("resourceVersion", rv);
        if (continueToken is not null)
        {
            writer.WriteString("continue", continueToken);
        }

        writer.WriteEndObject();
        writer.WriteStartArray("items");
        foreach (var obj in objects)
        {
            TableWriter.WritePartialObjectMetadata(writer, metaApiVersion, obj);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static int ParseLimit(string? value)
    {
        if (value is null)
        {
            return 0;
        }

        if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit))
        {
            throw KubeStatus.BadRequest($"limit: Invalid value: \"{value}\": must be an integer").ToException();
        }

        return limit <= 0 ? 0 : (int)Math.Min(limit, int.MaxValue);
    }

    /// <summary>Revision to read at (0 = latest) and the key to start at, from continue / resourceVersion / resourceVersionMatch.</summary>
    private static (long Revision, string? Start) ReadPosition(KubeRequestContext request, int limit)
    {
        var rvText = request.Query("resourceVersion");
        var match = request.Query("resourceVersionMatch");
        var token = request.Query("continue");
        if (match is not null && rvText is null)
        {
            throw ListOptionsInvalid(FieldError.Forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden unless resourceVersion is provided"));
        }

        if (token is not null)
        {
            if (match is not null)
            {
                throw ListOptionsInvalid(FieldError.Forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden when continue is provided"));
            }

            if (rvText is not null && rvText != "0")
            {
                throw KubeStatus.BadRequest("specifying resource version is not allowed when using continue").ToException();
            }

            var decoded = ContinueToken.Decode(token);
            return (Math.Max(decoded.Revision, 0), request.Scope.CollectionPrefix + decoded.Start);
        }

        if (match is not null and not ("Exact" or "NotOlderThan"))
        {
            throw ListOptionsInvalid(FieldError.NotSupported("resourceVersionMatch", match, ["Exact", "NotOlderThan"]));
        }

        if (rvText is null or "" or "0")
        {
            if (match == "Exact" && rvText == "0")
            {
                throw ListOptionsInvalid(FieldError.Forbidden("resourceVersionMatch", "resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\""));
            }

            return (0, null);
        }

        if (!long.TryParse(rvText, NumberStyles.None, CultureInfo.InvariantCulture, out var rv))
        {
            throw KubeStatus.BadRequest($"invalid resource version: {rvText}").ToException();
        }

        var current = request.Objects.Store.CurrentRevision;
        if (rv > current)
        {
            throw KubeStatus.TooLargeResourceVersion(rv, current).ToException();
        }

        var exact = match == "Exact" || (match is null && limit > 0);
        return (exact ? rv : 0, null);
    }

    private static KubeStatusException ListOptionsInvalid(FieldError error) =>
        KubeStatus.Invalid("meta.k8s.io", "ListOptions", "", [error]).ToException();
}
