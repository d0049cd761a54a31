using Lotse.Storage;

namespace Lotse.Eks.Addons;

/// <summary>Add-ons, at <c>/aws/eks/&lt;account&gt;/&lt;region&gt;/addon/&lt;cluster&gt;/&lt;name&gt;</c>.</summary>
public sealed class EksAddonStore(IStore store) : EksClusterChildStore<EksAddonRecord>(store, Segment)
{
    private const string Segment = "addon";

    public static string ClusterPrefix(string accountId, string region, string cluster) => PrefixOf(Segment, accountId, region, cluster);

    public static string Key(string accountId, string region, string cluster, string name) => ClusterPrefix(accountId, region, cluster) + name;

    public static StoreOperation Create(string accountId, string region, EksAddonRecord record) =>
        StoreOperation.Create(Key(accountId, region, record.Addon.ClusterName, record.Addon.AddonName), Encode(record));

    public static StoreOperation Update(string accountId, string region, EksAddonRecord record, long revision) =>
        StoreOperation.Update(Key(accountId, region, record.Addon.ClusterName, record.Addon.AddonName), Encode(record), revision);
}
