using System.Text.Json;
using Lotse.Eks.Clusters;
using Lotse.Storage;

namespace Lotse.Eks;

/// <summary>
/// Records that belong to one cluster (node groups, Fargate profiles), stored beside the clusters at
/// <c>/aws/eks/&lt;account&gt;/&lt;region&gt;/&lt;segment&gt;/&lt;cluster&gt;/&lt;name&gt;</c> — not under <c>…/cluster/</c>,
/// so the cluster directory never mistakes one for a cluster. Each kind adds only its segment and the key of a record.
/// </summary>
public abstract class EksClusterChildStore<T>(IStore store, string segment)
    where T : class
{
    public IStore Store { get; } = store;

    protected static string PrefixOf(string segment, string accountId, string region, string cluster) =>
        $"{EksClusterRecord.RegionPrefix(accountId, region)}{segment}/{cluster}/";

    public async ValueTask<(T Record, long Revision)?> GetAsync(string accountId, string region, string cluster, string name, CancellationToken ct)
    {
        if (name.Length == 0 || name.Contains('/', StringComparison.Ordinal))
        {
            return null;
        }

        var kv = await Store.GetAsync(PrefixOf(segment, accountId, region, cluster) + name, 0, ct);
        return kv is null ? null : (Decode(kv.Value), kv.ModRevision);
    }

    public async ValueTask<ListResult> ListAsync(string accountId, string region, string cluster, string? startName, int limit, CancellationToken ct)
    {
        var prefix = PrefixOf(segment, accountId, region, cluster);
        return await Store.ListAsync(prefix, new ListOptions(StartKey: startName is null ? null : prefix + startName, Limit: limit), ct);
    }

    public async ValueTask<List<T>> ListAllAsync(string accountId, string region, string cluster, CancellationToken ct) =>
        (await Store.ListAsync(PrefixOf(segment, accountId, region, cluster), default, ct)).Items.Select(kv => Decode(kv.Value)).ToList();

    public async ValueTask<bool> AnyAsync(string accountId, string region, string cluster, CancellationToken ct) =>
        (await Store.ListAsync(PrefixOf(segment, accountId, region, cluster), new ListOptions(Limit: 1), ct)).Items.Count > 0;

    public static byte[] Encode(T record) => JsonSerializer.SerializeToUtf8Bytes(record, EksJson.Options);

    public static T Decode(ReadOnlyMemory<byte> value) =>
        JsonSerializer.Deserialize<T>(value.Span, EksJson.Options) ?? throw new InvalidDataException($"empty {typeof(T).Name} record");

    /// <summary>A deep copy: a response shows the state at the moment of the call.</summary>
    public static T Snapshot(T record) => Decode(Encode(record));
}
