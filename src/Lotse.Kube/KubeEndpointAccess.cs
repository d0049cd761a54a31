using System.Net;

namespace Lotse.Kube;

/// <summary>
/// Who may reach a cluster, like an EKS endpoint's <c>endpointPublicAccess</c>, <c>publicAccessCidrs</c> and
/// <c>endpointPrivateAccess</c>: the public listener checks the first two, the private listener (standing for the VPC) only the
/// third. Built once per cluster record (CIDRs parsed up front) so the check on every request only compares bytes.
/// </summary>
public sealed class KubeEndpointAccess(bool publicAccess, IReadOnlyList<IPNetwork> publicAccessCidrs, bool privateAccess = false)
{
    /// <summary>EKS's default: public access from everywhere.</summary>
    public static readonly KubeEndpointAccess Open = new(true, [IPNetwork.Parse("0.0.0.0/0"), IPNetwork.Parse("::/0")]);

    private readonly IPNetwork[] _cidrs = [.. publicAccessCidrs];

    public bool PublicAccess { get; } = publicAccess;

    public bool PrivateAccess { get; } = privateAccess;

    /// <summary>
    /// Parses the stored settings; a missing flag means on and a missing list means <c>0.0.0.0/0</c>. EKS's <c>0.0.0.0/0</c> also
    /// lets IPv6 clients in (the listener may be dual-stack), so it is widened to <c>::/0</c>. Unparsable entries are skipped
    /// (UpdateClusterConfig validates them before they are stored).
    /// </summary>
    public static KubeEndpointAccess From(bool? publicAccess, IReadOnlyList<string>? cidrs, bool? privateAccess = null)
    {
        var everywhere = cidrs is null || cidrs.Count == 0 || cidrs.Contains("0.0.0.0/0");
        if (publicAccess != false && everywhere && privateAccess != true)
        {
            return Open;
        }

        var parsed = new List<IPNetwork>();
        foreach (var cidr in everywhere ? ["0.0.0.0/0", "::/0"] : cidrs!)
        {
            if (IPNetwork.TryParse(cidr, out var network))
            {
                parsed.Add(network);
            }
        }

        return new KubeEndpointAccess(publicAccess != false, parsed, privateAccess == true);
    }

    /// <summary>True when a client at <paramref name="remote"/> may use the listener it came in on.</summary>
    public bool Allows(IPAddress? remote, bool viaPrivateListener) => viaPrivateListener ? PrivateAccess : AllowsPublic(remote);

    /// <summary>True when a client at <paramref name="remote"/> may use the public listener; IPv4-mapped IPv6 addresses match IPv4 CIDRs.</summary>
    public bool AllowsPublic(IPAddress? remote)
    {
        if (ReferenceEquals(this, Open))
        {
            return true;
        }

        if (!PublicAccess || remote is null)
        {
            return false;
        }

        var address = remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;
        foreach (var network in _cidrs)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
