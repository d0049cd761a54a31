using System.Text.Json.Nodes;
using Lotse.Kube.Serialization;
using Lotse.Storage;

namespace Lotse.Kube.Registry;

public sealed partial class KubeObjectStore
{
    /// <summary>
    /// Reads one page at <paramref name="revision"/> (0 = latest) starting at <paramref name="startKey"/>. With a
    /// selector, keeps reading until <paramref name="limit"/> matches are found, as etcd3's store does, so a page is
    /// never short unless the list is done. Store exceptions (compacted, too large) propagate to the handler.
    /// </summary>
    public async ValueTask<KubeListPage> ListAsync(KubeScope scope, ObjectFilter filter, long revision, string? startKey, int limit, CancellationToken cancellationToken)
    {
        var prefix = scope.CollectionPrefix;
        var items = new List<(KeyValue, JsonObject?)>();
        var start = startKey;
        long readRevision = revision;
        while (true)
        {
            var want = limit <= 0 ? 0 : Math.Max(limit - items.Count, filter.IsEverything ? 0 : 64);
            var page = await store.ListAsync(prefix, new ListOptions(readRevision, start, want), cancellationToken);
            readRevision = page.Revision;
            foreach (var storedKv in page.Items)
            {
                var kv = scope.Resource.SharedStorage is { } conversion ? conversion.Present(storedKv) : storedKv;
                if (limit > 0 && items.Count == limit)
                {
                    return new KubeListPage(items, readRevision, kv.Key);
                }

                if (filter.IsEverything)
                {
                    items.Add((kv, null));
                    continue;
                }

                var parsed = ObjectBytes.Parse(kv.Value, kv.ModRevision);
                if (filter.Matches(parsed))
                {
                    items.Add((kv, parsed));
                }
            }

            if (!page.HasMore || page.Items.Count == 0)
            {
                return new KubeListPage(items, readRevision, null);
            }

            start = page.Items[^1].Key + "\0";
            if (limit > 0 && items.Count == limit)
            {
                return new KubeListPage(items, readRevision, start);
            }
        }
    }
}
