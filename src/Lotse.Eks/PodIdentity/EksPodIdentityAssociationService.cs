using Lotse.Eks.Clusters;

namespace Lotse.Eks.PodIdentity;

/// <summary>EKS Pod Identity associations (service account to IAM role).</summary>
public sealed partial class EksPodIdentityAssociationService(EksClusterStore clusters, TimeProvider time)
{
    private readonly EksClusterStore _clusters = clusters;
    private readonly TimeProvider _time = time;
}
