using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Lotse.Aws.Ec2;

/// <summary>An IPv4 CIDR block (<c>172.31.0.0/16</c>) with the containment and overlap tests VPC and subnet rules need.</summary>
public readonly record struct Ec2Cidr(uint Network, int PrefixLength)
{
    public uint Mask => PrefixLength == 0 ? 0 : uint.MaxValue << (32 - PrefixLength);

    public uint Last => Network | ~Mask;

    /// <summary>Parses <c>a.b.c.d/n</c> whose host bits are zero; anything else is not a CIDR block EC2 accepts.</summary>
    public static bool TryParse(string? text, out Ec2Cidr cidr)
    {
        cidr = default;
        var slash = text?.IndexOf('/') ?? -1;
        if (slash <= 0
            || !IPAddress.TryParse(text![..slash], out var address) || address.AddressFamily != AddressFamily.InterNetwork
            || text[..slash].Count(c => c == '.') != 3
            || !int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix > 32)
        {
            return false;
        }

        var bytes = address.GetAddressBytes();
        var network = ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
        cidr = new Ec2Cidr(network, prefix);
        return (network & ~cidr.Mask) == 0;
    }

    public static Ec2Cidr Parse(string text) =>
        TryParse(text, out var cidr) ? cidr : throw new FormatException($"'{text}' is not an IPv4 CIDR block.");

    public bool Contains(Ec2Cidr other) => other.PrefixLength >= PrefixLength && (other.Network & Mask) == Network;

    public bool Overlaps(Ec2Cidr other) => Network <= other.Last && other.Network <= Last;

    public override string ToString() =>
        $"{Network >> 24}.{(Network >> 16) & 255}.{(Network >> 8) & 255}.{Network & 255}/{PrefixLength}";
}
