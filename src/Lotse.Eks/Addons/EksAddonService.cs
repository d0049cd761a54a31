using Lotse.Eks.Clusters;

namespace Lotse.Eks.Addons;

/// <summary>Add-ons: the catalog of supported add-ons and each cluster's installed add-ons.</summary>
public sealed partial class EksAddonService(EksClusterStore clusters, TimeProvider time)
{
    private readonly EksClusterStore _clusters = clusters;
    private readonly TimeProvider _time = time;
}
