using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Lotse.Kube.Errors;

namespace Lotse.Kube.Validation;

/// <summary>
/// IP and CIDR checks as Go's <c>net.ParseIP</c>/<c>ParseCIDR</c> accept them (dotted-quad IPv4 or IPv6 without a
/// zone; .NET alone would also take "1" or "1.2.3"), with apimachinery's messages.
/// </summary>
public static class IpRules
{
    public const string InvalidIpMessage = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";

    public const string InvalidCidrMessage = "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)";

    public static IPAddress? Parse(string text)
    {
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return !text.Contains('%', StringComparison.Ordinal) && IPAddress.TryParse(text, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6 ? v6 : null;
        }

        var parts = text.Split('.');
        if (parts.Length != 4 || parts.Any(p => p.Length is 0 or > 3 || !p.All(char.IsAsciiDigit) || int.Parse(p, CultureInfo.InvariantCulture) > 255))
        {
            return null;
        }

        return IPAddress.Parse(text);
    }

    /// <summary>The network and prefix length of <c>ip/prefix</c>; null when it does not parse.</summary>
    public static (IPAddress Network, int Prefix)? ParseCidr(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || Parse(text[..slash]) is not { } address)
        {
            return null;
        }

        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefixText = text[(slash + 1)..];
        if (prefixText.Length is 0 or > 3 || !prefixText.All(char.IsAsciiDigit) || int.Parse(prefixText, CultureInfo.InvariantCulture) is var prefix && prefix > bits)
        {
            return null;
        }

        return (Mask(address, prefix), prefix);
    }

    /// <summary>True when <paramref name="inner"/> lies inside the network <paramref name="outer"/>.</summary>
    public static bool Contains((IPAddress Network, int Prefix) outer, IPAddress inner) =>
        outer.Network.AddressFamily == inner.AddressFamily && Mask(inner, outer.Prefix).Equals(outer.Network);

    /// <summary>apimachinery <c>IsValidIPv4Address</c> / <c>IsValidIPv6Address</c>.</summary>
    public static void ValidateFamily(string path, string value, AddressFamily family, List<FieldError> errors)
    {
        if (Parse(value)?.AddressFamily != family)
        {
            errors.Add(FieldError.Invalid(path, value, family == AddressFamily.InterNetwork ? "must be a valid IPv4 address" : "must be a valid IPv6 address"));
        }
    }

    /// <summary>core <c>ValidateNonSpecialIP</c>: no unspecified, loopback or link-local addresses.</summary>
    public static void ValidateNonSpecial(string path, string value, List<FieldError> errors)
    {
        if (Parse(value) is not { } ip)
        {
            errors.Add(FieldError.Invalid(path, value, "must be a valid IP address"));
            return;
        }

        var bytes = ip.GetAddressBytes();
        var v4 = ip.AddressFamily == AddressFamily.InterNetwork;
        if (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any))
        {
            errors.Add(FieldError.Invalid(path, value, $"may not be unspecified ({value})"));
        }

        if (IPAddress.IsLoopback(ip))
        {
            errors.Add(FieldError.Invalid(path, value, "may not be in the loopback range (127.0.0.0/8, ::1/128)"));
        }

        if (v4 ? bytes[0] == 169 && bytes[1] == 254 : ip.IsIPv6LinkLocal)
        {
            errors.Add(FieldError.Invalid(path, value, "may not be in the link-local range (169.254.0.0/16, fe80::/10)"));
        }

        if (v4 ? bytes[0] == 224 && bytes[1] == 0 && bytes[2] == 0 : bytes[0] == 0xff && (bytes[1] & 0x0f) == 0x02)
        {
            errors.Add(FieldError.Invalid(path, value, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)"));
        }
    }

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xff << (8 - keep));
        }

        return new IPAddress(bytes);
    }
}
