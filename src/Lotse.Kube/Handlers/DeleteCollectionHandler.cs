using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Lotse.Kube.Errors;
using Lotse.Kube.Registry;
using Lotse.Kube.Serialization;

namespace Lotse.Kube.Handlers;

/// <summary>DELETE on a collection: deletes every object the selectors match, one by one (as upstream), and returns them as a list.</summary>
public static class DeleteCollectionHandler
{
    public static async Task HandleAsync(KubeRequestContext request)
    {
        var dryRun = request.DryRun;
        var preconditions = await DeleteOptions.ReadAsync(request);
        var filter = ObjectFilter.Create(request.Resource, request.Query("labelSelector"), request.Query("fieldSelector"));
        var page = await request.Objects.ListAsync(request.Scope, filter, 0, null, 0, request.Aborted);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = ObjectBytes.SerializerOptions.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", request.Resource.ListKind);
            writer.WriteString("apiVersion", request.Resource.GroupVersion);
            writer.WriteStartObject("metadata");
            writer.WriteString("resourceVersion", request.Objects.Store.CurrentRevision.ToString(CultureInfo.InvariantCulture));
            writer.WriteEndObject();
            writer.WriteStartArray("items");
            foreach (var (kv, parsed) in page.Items)
            {
                var obj = parsed ?? ObjectBytes.Parse(kv.Value, kv.ModRevision);
                var scope = request.Scope with { Namespace = obj.Namespace() };
                try
                {
                    var (deleted, _) = await request.Objects.DeleteAsync(scope, obj.Name(), preconditions, dryRun, request.Aborted);
                    deleted.WriteTo(writer);
                }
                catch (KubeStatusException e) when (e.Status.Code == 404)
                {
                    // Deleted concurrently: nothing left to do for this one.
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        await ResponseWriter.WriteBytesAsync(request.Http, 200, buffer.WrittenMemory);
    }
}
