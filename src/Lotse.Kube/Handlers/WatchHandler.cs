using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text.Json;
using System.Threading.Channels;
using Lotse.Kube.Errors;
using Lotse.Kube.Registry;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;
using Lotse.Kube.Watch;
using Lotse.Storage;

namespace Lotse.Kube.Handlers;

/// <summary>
/// WATCH: HTTP 200, then one <c>{"type":…,"object":…}</c> line per event, flushed each time. Without a
/// resourceVersion (or "0") current objects come first as synthetic ADDED events; from a given one, only later
/// changes. A compacted start is an ERROR event (410 Expired) and the end of the stream; so is the timeout.
/// </summary>
public static class WatchHandler
{
    private static readonly TimeSpan BookmarkInterval = TimeSpan.FromMinutes(1);

    public static async Task HandleAsync(KubeRequestContext request)
    {
        var filter = ObjectFilter.Create(request.Resource, request.Query("labelSelector"), request.Query("fieldSelector"));
        var rvText = request.Query("resourceVersion");
        long from = 0;
        var initial = rvText is null or "" or "0";
        if (!initial && !long.TryParse(rvText, NumberStyles.None, CultureInfo.InvariantCulture, out from))
        {
            throw KubeStatus.BadRequest($"invalid resource version: {rvText}").ToException();
        }

        var timeout = request.Query("timeoutSeconds") is { } t && int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromSeconds(1800 + Random.Shared.Next(1800)); // upstream: random in [min-request-timeout, 2x)
        var bookmarks = request.Query("allowWatchBookmarks") == "true";

        KubeListPage? snapshot = null;
        if (initial)
        {
            snapshot = await request.Objects.ListAsync(request.Scope, filter, 0, null, 0, request.Aborted);
            from = snapshot.Revision;
        }

        var http = request.Http;
        http.Response.StatusCode = 200;
        http.Response.ContentType = ResponseWriter.JsonContentType;
        http.Response.Headers.CacheControl = "no-cache, private";
        await http.Response.StartAsync(request.Aborted);
        var output = http.Response.BodyWriter;
        var encoder = new EventEncoder(request);

        foreach (var (kv, parsed) in snapshot?.Items ?? [])
        {
            encoder.Write(output, new KubeWatchEvent("ADDED", kv.Value, kv.ModRevision, parsed));
        }

        await output.FlushAsync(request.Aborted);

        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(request.Aborted);
        lifetime.CancelAfter(timeout);
        var channel = Channel.CreateBounded<WatchEvent>(new BoundedChannelOptions(1024) { SingleReader = true, SingleWriter = true });
        var pump = PumpAsync(request.Objects.Store.Watch(request.Scope.CollectionPrefix, from, lifetime.Token), channel.Writer, lifetime.Token);
        var lastRevision = from;
        try
        {
            while (true)
            {
                bool more;
                using (var wait = CancellationTokenSource.CreateLinkedTokenSource(lifetime.Token))
                {
                    if (bookmarks)
                    {
                        wait.CancelAfter(BookmarkInterval);
                    }

                    try
                    {
                        more = await channel.Reader.WaitToReadAsync(wait.Token);
                    }
                    catch (OperationCanceledException) when (!lifetime.IsCancellationRequested)
                    {
                        encoder.WriteBookmark(output, lastRevision);
                        await output.FlushAsync(request.Aborted);
                        continue;
                    }
                }

                if (!more)
                {
                    break;
                }

                while (channel.Reader.TryRead(out var change))
                {
                    lastRevision = change.Kv.ModRevision;
                    var served = request.Resource.SharedStorage is { } conversion ? conversion.Present(change) : change;
                    if (WatchEventTranslator.Translate(served, filter) is { } ev)
                    {
                        encoder.Write(output, ev);
                    }
                }

                // Not the lifetime token: a flush cancelled mid-way would abort the connection instead of ending the stream.
                await output.FlushAsync(request.Aborted);
            }
        }
        catch (RevisionCompactedException e)
        {
            encoder.WriteError(output, KubeStatus.Expired($"too old resource version: {from} ({e.CompactedRevision})"));
            await output.FlushAsync(request.Aborted);
        }
        catch (OperationCanceledException)
        {
            // Timeout or client gone: the stream simply ends, as upstream's does.
        }
        finally
        {
            await lifetime.CancelAsync();
            await pump;
        }
    }

    private static async Task PumpAsync(IAsyncEnumerable<WatchEvent> changes, ChannelWriter<WatchEvent> writer, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in changes.WithCancellation(cancellationToken))
            {
                await writer.WriteAsync(change, cancellationToken);
            }

            writer.TryComplete();
        }
        catch (OperationCanceledException)
        {
            writer.TryComplete();
        }
        catch (Exception e)
        {
            writer.TryComplete(e);
        }
    }

    /// <summary>Encodes events in the negotiated shape; a Table carries column definitions on its first event only.</summary>
    private sealed class EventEncoder(KubeRequestContext request)
    {
        private readonly IncludeObject _include = TableWriter.ParseInclude(request.Query("includeObject"));
        private bool _columnsSent;

        public void Write(PipeWriter output, KubeWatchEvent ev)
        {
            output.Write("{\"type\":\""u8);
            output.Write(System.Text.Encoding.UTF8.GetBytes(ev.Type));
            output.Write("\",\"object\":"u8);
            if (request.Format.Shape == ResponseShape.Object && request.Resource.ConvertsOnRead)
            {
                output.Write(ObjectBytes.Serialize(request.Resource.ToServedVersion(ObjectBytes.Parse(ev.Stored, ev.Revision))));
            }
            else if (request.Format.Shape == ResponseShape.Object)
            {
                ObjectBytes.WriteWithResourceVersion(output, ev.Stored.Span, ev.Revision);
            }
            else
            {
                var obj = ev.Parsed is { } parsed && parsed.MetaString("resourceVersion") == ev.Revision.ToString(CultureInfo.InvariantCulture)
                    ? parsed
                    : ObjectBytes.Parse(ev.Stored, ev.Revision);
                using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = ObjectBytes.SerializerOptions.Encoder });
                if (request.Format.Shape == ResponseShape.Table)
                {
                    TableWriter.Write(writer, request.Resource, request.Format.MetaApiVersion, [obj], !_columnsSent, _include,
                        ev.Revision.ToString(CultureInfo.InvariantCulture), null, request.Now);
                    _columnsSent = true;
                }
                else
                {
                    TableWriter.WritePartialObjectMetadata(writer, request.Format.MetaApiVersion, obj);
                }
            }

            output.Write("}\n"u8);
        }

        public void WriteBookmark(PipeWriter output, long revision)
        {
            using var writer = new Utf8JsonWriter(output);
            writer.WriteStartObject();
            writer.WriteString("type", "BOOKMARK");
            writer.WriteStartObject("object");
            writer.WriteString("kind", request.Resource.Kind);
            writer.WriteString("apiVersion", request.Resource.GroupVersion);
            writer.WriteStartObject("metadata");
            writer.WriteString("resourceVersion", revision.ToString(CultureInfo.InvariantCulture));
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.Flush();
            output.Write("\n"u8);
        }

        public void WriteError(PipeWriter output, KubeStatus status)
        {
            output.Write("{\"type\":\"ERROR\",\"object\":"u8);
            output.Write(status.ToJsonBytes());
            output.Write("}\n"u8);
        }
    }
}
