using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Lotse.Aws.SigV4;

namespace Lotse.Aws.Tokens;

/// <summary>
/// Verifies <c>aws eks get-token</c> tokens (<c>k8s-aws-v1.</c> + base64url of a pre-signed STS
/// GetCallerIdentity URL) locally: aws-iam-authenticator's checks 1–11 with its error texts, then — instead of
/// replaying the URL against STS — the SigV4 signature recomputed with the key Lotse owns and with
/// <c>x-k8s-aws-id</c> = this cluster, so a token minted for another cluster fails.
/// </summary>
public sealed class EksTokenVerifier
{
    public const string Prefix = "k8s-aws-v1.";
    public const int MaxTokenLength = 4096;
    public const string ClusterIdHeader = "x-k8s-aws-id";

    private static readonly TimeSpan PresignedUrlExpiration = TimeSpan.FromMinutes(15);

    private static readonly HashSet<string> AllowedParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "action", "version", "x-amz-algorithm", "x-amz-credential", "x-amz-date", "x-amz-expires",
        "x-amz-security-token", "x-amz-signature", "x-amz-signedheaders",
    };

    private readonly IAccessKeyStore _keys;
    private readonly TimeProvider _time;
    private readonly EksTokenVerifierOptions _options;

    public EksTokenVerifier(IAccessKeyStore keys, TimeProvider time, EksTokenVerifierOptions options)
    {
        _keys = keys;
        _time = time;
        _options = options;
    }

    public async ValueTask<EksTokenResult> VerifyAsync(string token, string clusterName, CancellationToken ct)
    {
        var check = Precheck(token, out var url, out var parameters);
        if (check is not null)
        {
            return EksTokenResult.Failure(check);
        }

        var result = await VerifySignatureAsync(url!, parameters!, clusterName, ct);
        return result.IsValid && SigV4HeaderVerifier.TryParseAmzDate(parameters!["x-amz-date"], out var signedAt)
            ? result with { ExpiresAt = signedAt + PresignedUrlExpiration }
            : result;
    }

    /// <summary>Rules 1–11 of aws-iam-authenticator's <c>tokenVerifier.Verify</c>, same order, same texts.</summary>
    private string? Precheck(string token, out PresignedStsUrl? url, out Dictionary<string, string>? parameters)
    {
        url = null;
        parameters = null;
        if (token.Length > MaxTokenLength)
        {
            return Format("token is too large");
        }

        if (!token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return Format($"token is missing expected \"{Prefix}\" prefix");
        }

        var encoded = token.AsSpan(Prefix.Length);
        var illegal = encoded.IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
        if (illegal < 0 && encoded.Length % 4 == 1)
        {
            illegal = encoded.Length - 1;
        }

        if (illegal >= 0)
        {
            return Format($"illegal base64 data at input byte {illegal}");
        }

        var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(encoded));
        url = PresignedStsUrl.TryParse(text);
        if (url is null)
        {
            return Format($"parse \"{text}\": missing protocol scheme");
        }

        var ownHost = _options.ExtraStsHosts.Contains(url.Host, StringComparer.OrdinalIgnoreCase);
        if (url.Scheme != "https" && !(ownHost && url.Scheme == "http"))
        {
            return Format($"unexpected scheme \"{url.Scheme}\" in pre-signed URL");
        }

        if (!ownHost && !PresignedStsUrl.IsAwsStsHost(url.Host))
        {
            return Format($"unexpected hostname \"{url.Host}\" in pre-signed URL");
        }

        if (url.Path != "/")
        {
            return Format("unexpected path in pre-signed URL");
        }

        parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in url.RawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Contains(';'))
            {
                return Format("malformed query parameter");
            }

            var eq = part.IndexOf('=');
            var name = SigV4.SigV4.PercentDecode(eq < 0 ? part : part[..eq]);
            var value = SigV4.SigV4.PercentDecode(eq < 0 ? string.Empty : part[(eq + 1)..]);
            if (!AllowedParameters.Contains(name))
            {
                return Format($"non-whitelisted query parameter \"{name}\"");
            }

            if (!seen.Add(name))
            {
                return Format("query parameter with multiple values not supported");
            }

            if (!parameters.TryAdd(name, value))
            {
                return Format("duplicate query parameter found");
            }
        }

        if (parameters.GetValueOrDefault("action") != "GetCallerIdentity")
        {
            return Format("unexpected action parameter in pre-signed URL");
        }

        if (!parameters.GetValueOrDefault("x-amz-signedheaders", string.Empty).Split(';').Contains(ClusterIdHeader, StringComparer.OrdinalIgnoreCase))
        {
            return Format($"client did not sign the {ClusterIdHeader} header in the pre-signed URL");
        }

        if (!int.TryParse(parameters.GetValueOrDefault("x-amz-expires"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var expires) || expires is < 0 or > 900)
        {
            return Format($"invalid X-Amz-Expires parameter in pre-signed URL: {(expires is < 0 or > 900 ? expires : 0)}");
        }

        var date = parameters.GetValueOrDefault("x-amz-date", string.Empty);
        if (date.Length == 0)
        {
            return Format("X-Amz-Date parameter must be present in pre-signed URL");
        }

        if (!SigV4HeaderVerifier.TryParseAmzDate(date, out var signedAt))
        {
            return Format($"error parsing X-Amz-Date parameter {date} into format 20060102T150405Z: cannot parse \"{date}\" as \"20060102T150405Z\"");
        }

        var now = _time.GetUtcNow();
        if (now > signedAt + PresignedUrlExpiration)
        {
            return Format($"X-Amz-Date parameter is expired (15 minute expiration) {signedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} +0000 UTC");
        }

        if (signedAt > now + _options.FutureSkew)
        {
            return Format("X-Amz-Date parameter is in the future");
        }

        return null;
    }

    /// <summary>The local replacement of replaying the URL against STS (eks-api.md §6.2).</summary>
    private async ValueTask<EksTokenResult> VerifySignatureAsync(PresignedStsUrl url, Dictionary<string, string> parameters, string clusterName, CancellationToken ct)
    {
        if (parameters.GetValueOrDefault("x-amz-algorithm") != SigV4.SigV4.Algorithm)
        {
            return Sts("unsupported X-Amz-Algorithm");
        }

        var scope = parameters.GetValueOrDefault("x-amz-credential", string.Empty).Split('/');
        var amzDate = parameters["x-amz-date"];
        if (scope.Length != 5 || scope[3] != "sts" || scope[4] != SigV4.SigV4.Terminator || scope[1] != amzDate[..8] || scope[2].Length == 0)
        {
            return Sts("malformed X-Amz-Credential scope");
        }

        var key = await _keys.FindAsync(scope[0], ct);
        if (key is null || key.Status != AccessKeyStatus.Active)
        {
            return Sts("InvalidClientTokenId: The security token included in the request is invalid.");
        }

        var sessionToken = parameters.GetValueOrDefault("x-amz-security-token");
        if (key.SessionToken is null ? sessionToken is not null : sessionToken is null || !SigV4.SigV4.SignaturesEqual(key.SessionToken, sessionToken))
        {
            return Sts("InvalidClientTokenId: The security token included in the request is invalid.");
        }

        if (key.Expiration is { } expiration && expiration <= _time.GetUtcNow())
        {
            return Sts("ExpiredToken: The security token included in the request is expired");
        }

        var signedHeaders = parameters["x-amz-signedheaders"];
        var canonical = new StringBuilder(512);
        canonical.Append("GET\n/\n").Append(SigV4.SigV4.CanonicalQueryString(url.RawQuery, "X-Amz-Signature")).Append('\n');
        foreach (var name in signedHeaders.Split(';'))
        {
            // Only these two headers can be known to the verifier; a token signing anything else cannot be checked.
            var value = name.ToLowerInvariant() switch
            {
                "host" => url.Host,
                ClusterIdHeader => clusterName,
                _ => null,
            };
            if (value is null)
            {
                return Sts($"unsupported signed header {name}");
            }

            canonical.Append(name.ToLowerInvariant()).Append(':').Append(value.Trim()).Append('\n');
        }

        canonical.Append('\n').Append(signedHeaders.ToLowerInvariant()).Append('\n').Append(SigV4.SigV4.EmptyPayloadHash);
        var stringToSign = SigV4.SigV4.StringToSign(amzDate, scope[1], scope[2], "sts", canonical.ToString());
        var expected = SigV4.SigV4.ComputeSignature(key.SecretAccessKey, scope[1], scope[2], "sts", stringToSign);
        if (!SigV4.SigV4.SignaturesEqual(expected, parameters.GetValueOrDefault("x-amz-signature", string.Empty)))
        {
            return Sts("SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided.");
        }

        return ToIdentity(key.Caller);
    }

    private static EksTokenResult ToIdentity(AwsCaller caller)
    {
        var canonicalArn = ArnCanonicalizer.Canonicalize(caller.Arn, out var arnError);
        if (canonicalArn is null)
        {
            return Sts(arnError!);
        }

        // UserId is "AROA…:session" for assumed roles, a bare id for users, root and federated users.
        var parts = caller.UserId.Split(':');
        if (parts.Length > 2)
        {
            return Sts($"malformed UserID \"{caller.UserId}\"");
        }

        return EksTokenResult.Success(new EksIdentity(caller.Arn, canonicalArn, caller.AccountId, parts[0], parts.Length == 2 ? parts[1] : string.Empty, caller.AccessKeyId));
    }

    private static string Format(string reason) => "input token was not properly formatted: " + reason;

    private static EksTokenResult Sts(string reason) => EksTokenResult.Failure("sts getCallerIdentity failed: " + reason);
}
