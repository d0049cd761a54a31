using Lotse.Storage;

namespace Lotse.Eks.IdentityProviders;

/// <summary>OIDC identity provider configs, at <c>/aws/eks/&lt;account&gt;/&lt;region&gt;/identityproviderconfig/&lt;cluster&gt;/&lt;name&gt;</c>.</summary>
public sealed class EksIdentityProviderConfigStore(IStore store) : EksClusterChildStore<EksOidcIdentityProviderConfig>(store, Segment)
{
    private const string Segment = "identityproviderconfig";

    public static string ClusterPrefix(string accountId, string region, string cluster) => PrefixOf(Segment, accountId, region, cluster);

    public static string Key(string accountId, string region, string cluster, string name) => ClusterPrefix(accountId, region, cluster) + name;

    public static StoreOperation Create(string accountId, string region, EksOidcIdentityProviderConfig config) =>
        StoreOperation.Create(Key(accountId, region, config.ClusterName, config.IdentityProviderConfigName), Encode(config));

    public static StoreOperation Update(string accountId, string region, EksOidcIdentityProviderConfig config, long revision) =>
        StoreOperation.Update(Key(accountId, region, config.ClusterName, config.IdentityProviderConfigName), Encode(config), revision);
}
