using System.Collections.Concurrent;
using Lotse.Kube;
using Lotse.Storage;

namespace Lotse.Eks.Mapping;

/// <summary>
/// Reads each cluster's <c>kube-system/aws-auth</c> with one point read per authentication, so an edit applies to the very next
/// request; the parsed form is kept per cluster and reused while the object's mod revision is unchanged (parsing YAML costs
/// far more than the read).
/// </summary>
public sealed class AwsAuthSource(IStore store)
{
    private readonly ConcurrentDictionary<string, (long Revision, AwsAuthMap Map)> _parsed = new(StringComparer.Ordinal);

    public static string Key(KubeCluster cluster) => $"{cluster.StoragePrefix}registry/core/configmaps/kube-system/aws-auth";

    /// <summary>The cluster's map; <c>Fresh</c> is true when this call parsed a new revision (its problems are then new too).</summary>
    public async ValueTask<(AwsAuthMap Map, bool Fresh)> GetAsync(KubeCluster cluster, CancellationToken ct)
    {
        var kv = await store.GetAsync(Key(cluster), 0, ct);
        if (kv is null)
        {
            _parsed.TryRemove(cluster.Id, out _);
            return (AwsAuthMap.Empty, false);
        }

        if (_parsed.TryGetValue(cluster.Id, out var cached) && cached.Revision == kv.ModRevision)
        {
            return (cached.Map, false);
        }

        var map = AwsAuthMap.Parse(kv.Value.Span);
        _parsed[cluster.Id] = (kv.ModRevision, map);
        return (map, true);
    }
}
