using System.Net;
using System.Net.Sockets;

namespace Lotse.Kube.Registry;

/// <summary>An IPv4 service CIDR: which addresses may be handed out as ClusterIPs (network and broadcast excluded).</summary>
public sealed class ServiceIpRange
{
    private ServiceIpRange(string cidr, uint network, int prefixLength)
    {
        Cidr = cidr;
        Network = network;
        Size = prefixLength >= 31 ? 0 : (1u << (32 - prefixLength)) - 2;
    }

    public string Cidr { get; }

    /// <summary>Usable addresses (the kubernetes service takes the first).</summary>
    public uint Size { get; }

    private uint Network { get; }

    public static ServiceIpRange Parse(string cidr)
    {
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IPAddress.TryParse(cidr.AsSpan(0, slash), out var address) || address.AddressFamily != AddressFamily.InterNetwork
            || !int.TryParse(cidr.AsSpan(slash + 1), out var prefix) || prefix is < 8 or > 30)
        {
            throw new FormatException($"not an IPv4 service CIDR between /8 and /30: {cidr}");
        }

        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        return new ServiceIpRange(cidr, ToUInt(address) & mask, prefix);
    }

    /// <summary>The address at <paramref name="offset"/> (0 = first usable, e.g. 10.100.0.1).</summary>
    public string At(uint offset) => FromUInt(Network + 1 + offset);

    public string First => At(0);

    public bool Contains(string ip) => IPAddress.TryParse(ip, out var a) && a.AddressFamily == AddressFamily.InterNetwork
        && ToUInt(a) > Network && ToUInt(a) <= Network + Size;

    private static uint ToUInt(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
    }

    private static string FromUInt(uint value) => $"{value >> 24}.{(value >> 16) & 255}.{(value >> 8) & 255}.{value & 255}";
}
