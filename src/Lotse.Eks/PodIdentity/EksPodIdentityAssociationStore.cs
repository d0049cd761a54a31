using Lotse.Storage;

namespace Lotse.Eks.PodIdentity;

/// <summary>Pod identity associations, at <c>/aws/eks/&lt;account&gt;/&lt;region&gt;/podidentityassociation/&lt;cluster&gt;/&lt;association id&gt;</c>.</summary>
public sealed class EksPodIdentityAssociationStore(IStore store) : EksClusterChildStore<EksPodIdentityAssociation>(store, Segment)
{
    private const string Segment = "podidentityassociation";

    public static string ClusterPrefix(string accountId, string region, string cluster) => PrefixOf(Segment, accountId, region, cluster);

    public static string Key(string accountId, string region, string cluster, string id) => ClusterPrefix(accountId, region, cluster) + id;

    public static StoreOperation Create(string accountId, string region, EksPodIdentityAssociation association) =>
        StoreOperation.Create(Key(accountId, region, association.ClusterName, association.AssociationId), Encode(association));

    public static StoreOperation Update(string accountId, string region, EksPodIdentityAssociation association, long revision) =>
        StoreOperation.Update(Key(accountId, region, association.ClusterName, association.AssociationId), Encode(association), revision);
}
