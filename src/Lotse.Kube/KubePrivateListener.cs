using System.Net;

namespace Lotse.Kube;

/// <summary>
/// The second Kubernetes listener, standing for the clusters' VPC: requests arriving on <paramref name="Address"/> are served only
/// for clusters with <c>endpointPrivateAccess=true</c>, and <c>publicAccessCidrs</c> does not apply to them (as on EKS).
/// </summary>
public sealed record KubePrivateListener(IPAddress Address)
{
    public bool Received(IPAddress? local) =>
        local is not null && (local.IsIPv4MappedToIPv6 ? local.MapToIPv4() : local).Equals(Address);
}
