using System.Text.Json;
using Lotse.Eks.Clusters;
using Lotse.Storage;

namespace Lotse.Eks.Nodegroups;

/// <summary>
/// Node groups live at <c>/aws/eks/&lt;account&gt;/&lt;region&gt;/nodegroup/&lt;cluster&gt;/&lt;name&gt;</c>: beside the clusters,
/// not under <c>…/cluster/</c>, so the cluster directory never mistakes one for a cluster.
/// </summary>
public sealed class EksNodegroupStore(IStore store)
{
    public IStore Store { get; } = store;

    public static string ClusterPrefix(string accountId, string region, string cluster) =>
        $"{EksClusterRecord.RegionPrefix(accountId, region)}nodegroup/{cluster}/";

    public static string Key(string accountId, string region, string cluster, string name) => ClusterPrefix(accountId, region, cluster) + name;

    public async ValueTask<(EksNodegroup Nodegroup, long Revision)?> GetAsync(string accountId, string region, string cluster, string name, CancellationToken ct)
    {
        if (name.Length == 0 || name.Contains('/', StringComparison.Ordinal))
        {
            return null;
        }

        var kv = await Store.GetAsync(Key(accountId, region, cluster, name), 0, ct);
        return kv is null ? null : (Decode(kv.Value), kv.ModRevision);
    }

    public async ValueTask<ListResult> ListAsync(string accountId, string region, string cluster, string? startName, int limit, CancellationToken ct)
    {
        var prefix = ClusterPrefix(accountId, region, cluster);
        return await Store.ListAsync(prefix, new ListOptions(StartKey: startName is null ? null : prefix + startName, Limit: limit), ct);
    }

    public async ValueTask<bool> AnyAsync(string accountId, string region, string cluster, CancellationToken ct) =>
        (await Store.ListAsync(ClusterPrefix(accountId, region, cluster), new ListOptions(Limit: 1), ct)).Items.Count > 0;

    public static StoreOperation Create(string accountId, string region, EksNodegroup nodegroup) =>
        StoreOperation.Create(Key(accountId, region, nodegroup.ClusterName, nodegroup.NodegroupName), Encode(nodegroup));

    public static StoreOperation Update(string accountId, string region, EksNodegroup nodegroup, long revision) =>
        StoreOperation.Update(Key(accountId, region, nodegroup.ClusterName, nodegroup.NodegroupName), Encode(nodegroup), revision);

    public static byte[] Encode(EksNodegroup nodegroup) => JsonSerializer.SerializeToUtf8Bytes(nodegroup, EksJson.Options);

    public static EksNodegroup Decode(ReadOnlyMemory<byte> value) =>
        JsonSerializer.Deserialize<EksNodegroup>(value.Span, EksJson.Options) ?? throw new InvalidDataException("empty node group record");

    /// <summary>A deep copy: a response shows the state at the moment of the call.</summary>
    public static EksNodegroup Snapshot(EksNodegroup nodegroup) => Decode(Encode(nodegroup));
}
