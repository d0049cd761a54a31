using System.Net;

namespace Lotse.Eks.Clusters;

/// <summary>EKS's rule for a cluster's service IPv4 range: a /12 to /24 block inside one RFC 1918 range.</summary>
public static class ServiceCidr
{
    /// <summary>EKS picks 10.100.0.0/16 unless the VPC overlaps 10.0.0.0/8; Lotse's simulated VPCs never do.</summary>
    public const string Default = "10.100.0.0/16";

    private static readonly IPNetwork[] Private =
    [
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.168.0.0/16"),
    ];

    public static bool IsValid(string cidr)
    {
        if (!IPNetwork.TryParse(cidr, out var network) || network.BaseAddress.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            return false;
        }

        if (network.PrefixLength is < 12 or > 24 || network.ToString() != cidr)
        {
            return false;
        }

        return Private.Any(p => p.PrefixLength <= network.PrefixLength && p.Contains(network.BaseAddress));
    }
}
