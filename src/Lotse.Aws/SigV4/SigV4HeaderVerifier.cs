using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Lotse.Aws.SigV4;

/// <summary>
/// Verifies a request signed in the SigV4 header form (what botocore sends to iam, sts and eks): recomputes the
/// canonical request from the method, the RAW request target, the signed headers and the body, and compares
/// signatures in constant time.
/// </summary>
public static class SigV4HeaderVerifier
{
    public const string AmzDateFormat = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary>Reads <c>X-Amz-Date</c> (or an ISO-8601 basic <c>Date</c>) of the request.</summary>
    public static bool TryGetRequestTime(IHeaderDictionary headers, out string amzDate, out DateTimeOffset time)
    {
        amzDate = headers["X-Amz-Date"].ToString();
        if (amzDate.Length == 0)
        {
            amzDate = headers.Date.ToString();
        }

        return TryParseAmzDate(amzDate, out time);
    }

    public static bool TryParseAmzDate(string value, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(value, AmzDateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    /// <summary>
    /// Checks the request time against <paramref name="now"/> and returns AWS's message when outside the skew:
    /// "Signature expired: X is now earlier than Y (NOW - 5 min.)" or "Signature not yet current: X is still later than Y (NOW + 5 min.)".
    /// </summary>
    public static string? CheckSkew(string amzDate, DateTimeOffset requestTime, DateTimeOffset now, TimeSpan skew)
    {
        var minutes = (int)skew.TotalMinutes;
        if (requestTime < now - skew)
        {
            return $"Signature expired: {amzDate} is now earlier than {Format(now - skew)} ({Format(now)} - {minutes} min.)";
        }

        if (requestTime > now + skew)
        {
            return $"Signature not yet current: {amzDate} is still later than {Format(now + skew)} ({Format(now)} + {minutes} min.)";
        }

        return null;
    }

    /// <summary>Builds the canonical request of a header-signed request.</summary>
    /// <param name="method">The HTTP method as sent.</param>
    /// <param name="rawTarget">The raw request target (path and query, still percent-encoded), e.g. from <c>IHttpRequestFeature.RawTarget</c>.</param>
    /// <param name="headers">The request headers.</param>
    /// <param name="signedHeaders">The <c>SignedHeaders</c> list of the Authorization header.</param>
    /// <param name="body">The request body; hashed here unless <c>x-amz-content-sha256</c> says <c>UNSIGNED-PAYLOAD</c>.</param>
    /// <param name="presigned">True for query-string authentication: <c>X-Amz-Signature</c> is left out of the canonical query.</param>
    public static string BuildCanonicalRequest(string method, string rawTarget, IHeaderDictionary headers, string signedHeaders, ReadOnlySpan<byte> body, bool presigned = false)
    {
        var target = rawTarget.AsSpan();
        var q = target.IndexOf('?');
        var path = q < 0 ? target : target[..q];
        var query = q < 0 ? [] : target[(q + 1)..];

        var sb = new StringBuilder(256 + rawTarget.Length);
        sb.Append(method).Append('\n');
        sb.Append(SigV4.CanonicalUri(path)).Append('\n');
        sb.Append(SigV4.CanonicalQueryString(query, presigned ? "X-Amz-Signature" : null)).Append('\n');

        var names = signedHeaders.AsSpan();
        foreach (var range in names.Split(';'))
        {
            var name = names[range].ToString();
            sb.Append(name).Append(':');
            AppendCanonicalHeaderValue(sb, headers[name]);
            sb.Append('\n');
        }

        sb.Append('\n').Append(signedHeaders).Append('\n');
        var declared = headers["x-amz-content-sha256"].ToString();
        sb.Append(declared == "UNSIGNED-PAYLOAD" ? declared : SigV4.Sha256Hex(body));
        return sb.ToString();
    }

    /// <summary>Verifies the signature of a request whose Authorization header was parsed into <paramref name="authorization"/>.</summary>
    /// <returns><see cref="SigV4Failure.None"/> when the signature matches, else <see cref="SigV4Failure.Mismatch"/>.</returns>
    /// <param name="presigned">True when the signature came from the query string (pre-signed URL) rather than the Authorization header.</param>
    public static SigV4Failure Verify(SigV4Authorization authorization, string secretAccessKey, string amzDate, string method, string rawTarget, IHeaderDictionary headers,
        ReadOnlySpan<byte> body, bool presigned = false)
    {
        // SigV4 requires the host header to be signed; without it a request could be replayed to another endpoint.
        if (!IsSigned(authorization.SignedHeaders, "host"))
        {
            return SigV4Failure.Mismatch;
        }

        var canonical = BuildCanonicalRequest(method, rawTarget, headers, authorization.SignedHeaders, body, presigned);
        var stringToSign = SigV4.StringToSign(amzDate, authorization.Date, authorization.Region, authorization.Service, canonical);
        var expected = SigV4.ComputeSignature(secretAccessKey, authorization.Date, authorization.Region, authorization.Service, stringToSign);
        return SigV4.SignaturesEqual(expected, authorization.Signature) ? SigV4Failure.None : SigV4Failure.Mismatch;
    }

    private static bool IsSigned(ReadOnlySpan<char> signedHeaders, ReadOnlySpan<char> name)
    {
        foreach (var range in signedHeaders.Split(';'))
        {
            if (signedHeaders[range].SequenceEqual(name))
            {
                return true;
            }
        }

        return false;
    }

    // Values trimmed, inner runs of spaces collapsed to one, several values joined with ','.
    private static void AppendCanonicalHeaderValue(StringBuilder sb, Microsoft.Extensions.Primitives.StringValues values)
    {
        for (var v = 0; v < values.Count; v++)
        {
            if (v > 0)
            {
                sb.Append(',');
            }

            var value = (values[v] ?? string.Empty).AsSpan().Trim();
            var lastWasSpace = false;
            foreach (var c in value)
            {
                var space = c is ' ' or '\t';
                if (space && lastWasSpace)
                {
                    continue;
                }

                sb.Append(space ? ' ' : c);
                lastWasSpace = space;
            }
        }
    }

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(AmzDateFormat, CultureInfo.InvariantCulture);
}
