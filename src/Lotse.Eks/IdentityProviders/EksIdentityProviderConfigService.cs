using Lotse.Eks.Clusters;

namespace Lotse.Eks.IdentityProviders;

/// <summary>OIDC identity provider configs associated with a cluster.</summary>
public sealed partial class EksIdentityProviderConfigService(EksClusterStore clusters, TimeProvider time)
{
    private readonly EksClusterStore _clusters = clusters;
    private readonly TimeProvider _time = time;
}
