using Lotse.Storage;

namespace Lotse.Eks.Fargate;

/// <summary>Fargate profiles, at <c>/aws/eks/&lt;account&gt;/&lt;region&gt;/fargateprofile/&lt;cluster&gt;/&lt;name&gt;</c>.</summary>
public sealed class EksFargateProfileStore(IStore store) : EksClusterChildStore<EksFargateProfile>(store, Segment)
{
    private const string Segment = "fargateprofile";

    public static string ClusterPrefix(string accountId, string region, string cluster) => PrefixOf(Segment, accountId, region, cluster);

    public static string Key(string accountId, string region, string cluster, string name) => ClusterPrefix(accountId, region, cluster) + name;

    public static StoreOperation Create(string accountId, string region, EksFargateProfile profile) =>
        StoreOperation.Create(Key(accountId, region, profile.ClusterName, profile.FargateProfileName), Encode(profile));

    public static StoreOperation Update(string accountId, string region, EksFargateProfile profile, long revision) =>
        StoreOperation.Update(Key(accountId, region, profile.ClusterName, profile.FargateProfileName), Encode(profile), revision);
}
