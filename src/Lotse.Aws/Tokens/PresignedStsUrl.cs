using System.Text.RegularExpressions;

namespace Lotse.Aws.Tokens;

/// <summary>
/// The decoded pre-signed STS URL inside an EKS token, split from the raw text without normalisation (so the
/// host, path and query are exactly what the client signed).
/// </summary>
internal sealed partial class PresignedStsUrl
{
    private PresignedStsUrl(string scheme, string host, string path, string rawQuery)
    {
        Scheme = scheme;
        Host = host;
        Path = path;
        RawQuery = rawQuery;
    }

    public string Scheme { get; }

    /// <summary>host[:port] as written in the URL.</summary>
    public string Host { get; }

    public string Path { get; }

    public string RawQuery { get; }

    public static PresignedStsUrl? TryParse(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            return null;
        }

        var rest = url[(schemeEnd + 3)..];
        var hash = rest.IndexOf('#');
        if (hash >= 0)
        {
            rest = rest[..hash];
        }

        var hostEnd = rest.IndexOfAny(['/', '?']);
        var host = hostEnd < 0 ? rest : rest[..hostEnd];
        var pathAndQuery = hostEnd < 0 ? string.Empty : rest[hostEnd..];
        var q = pathAndQuery.IndexOf('?');
        var path = q < 0 ? pathAndQuery : pathAndQuery[..q];
        var query = q < 0 ? string.Empty : pathAndQuery[(q + 1)..];
        return new PresignedStsUrl(url[..schemeEnd].ToLowerInvariant(), host, path, query);
    }

    /// <summary>AWS STS hosts aws-iam-authenticator accepts: global, regional, FIPS and dual-stack (api.aws) forms.</summary>
    public static bool IsAwsStsHost(string host)
    {
        if (host.Equals("sts.amazonaws.com", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var match = RegionalHost().Match(host);
        return match.Success && RegionLabel().IsMatch(match.Groups["region"].Value);
    }

    [GeneratedRegex(@"^sts(-fips)?\.(?<region>[^.]+)\.(amazonaws\.com|api\.aws)\z", RegexOptions.IgnoreCase)]
    private static partial Regex RegionalHost();

    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9\-]*[A-Za-z0-9])?\z")]
    private static partial Regex RegionLabel();
}
