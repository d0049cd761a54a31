using Lotse.Storage;

namespace Lotse.Eks.Nodegroups;

/// <summary>Managed node groups, at <c>/aws/eks/&lt;account&gt;/&lt;region&gt;/nodegroup/&lt;cluster&gt;/&lt;name&gt;</c>.</summary>
public sealed class EksNodegroupStore(IStore store) : EksClusterChildStore<EksNodegroup>(store, Segment)
{
    private const string Segment = "nodegroup";

    public static string ClusterPrefix(string accountId, string region, string cluster) => PrefixOf(Segment, accountId, region, cluster);

    public static string Key(string accountId, string region, string cluster, string name) => ClusterPrefix(accountId, region, cluster) + name;

    public static StoreOperation Create(string accountId, string region, EksNodegroup nodegroup) =>
        StoreOperation.Create(Key(accountId, region, nodegroup.ClusterName, nodegroup.NodegroupName), Encode(nodegroup));

    public static StoreOperation Update(string accountId, string region, EksNodegroup nodegroup, long revision) =>
        StoreOperation.Update(Key(accountId, region, nodegroup.ClusterName, nodegroup.NodegroupName), Encode(nodegroup), revision);
}
