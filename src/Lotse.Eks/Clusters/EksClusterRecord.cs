namespace Lotse.Eks.Clusters;

/// <summary>
/// What Lotse stores for one EKS cluster: the API shape plus what only Lotse knows
/// (the opaque id that names its Kubernetes endpoint and key prefix, the creator, the service-account signing key).
/// </summary>
public sealed class EksClusterRecord
{
    public required EksCluster Cluster { get; init; }

    /// <summary>32 upper-case hex characters; the cluster's endpoint is <c>…/clusters/{Id}</c>.</summary>
    public required string Id { get; init; }

    public required string AccountId { get; init; }

    public required string Region { get; init; }

    /// <summary>The canonical IAM ARN of the identity that created the cluster (the implicit cluster admin).</summary>
    public required string CreatorArn { get; init; }

    /// <summary>The creator's IAM unique id (AIDA…/AROA…), which its bootstrap access entry matches; null in records from before it was kept.</summary>
    public string? CreatorPrincipalId { get; init; }

    /// <summary>PKCS#8 PEM of this cluster's ECDSA P-256 service-account token signing key.</summary>
    public required string ServiceAccountSigningKeyPem { get; init; }

    public static string Key(string accountId, string region, string name) => $"{KeyPrefix(accountId, region)}{name}";

    /// <summary>Clusters of one account and region; other EKS resources of the region sit beside <c>cluster/</c>, not under it.</summary>
    public static string KeyPrefix(string accountId, string region) => $"{RegionPrefix(accountId, region)}cluster/";

    /// <summary>Everything EKS stores, for every account and region (the cluster directory watches it).</summary>
    public const string AllEksPrefix = "/aws/eks/";

    /// <summary>
    /// Exactly <c>/aws/eks/&lt;account&gt;/&lt;region&gt;/cluster/&lt;name&gt;</c>: a plain "contains /cluster/" would also match
    /// the node groups and updates of a cluster that is itself named <c>cluster</c>.
    /// </summary>
    public static bool IsClusterKey(string key)
    {
        if (!key.StartsWith(AllEksPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = key[AllEksPrefix.Length..].Split('/');
        return parts is [_, _, "cluster", _];
    }

    /// <summary>The part of the key space one account and region own, e.g. <c>/aws/eks/&lt;account&gt;/&lt;region&gt;/</c>.</summary>
    public static string RegionPrefix(string accountId, string region) => $"{AllEksPrefix}{accountId}/{region}/";
}
