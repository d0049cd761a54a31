using Microsoft.AspNetCore.Http;

namespace Lotse.Aws.SigV4;

/// <summary>
/// A parsed <c>Authorization: AWS4-HMAC-SHA256 Credential=AKID/date/region/service/aws4_request,
/// SignedHeaders=a;b, Signature=hex</c> header.
/// </summary>
public sealed record SigV4Authorization(string AccessKeyId, string Date, string Region, string Service, string SignedHeaders, string Signature)
{
    /// <summary>
    /// Parses the header. On failure <paramref name="error"/> holds the IncompleteSignature message AWS gives
    /// ("Authorization header requires 'Credential' parameter. …").
    /// </summary>
    public static bool TryParse(string header, out SigV4Authorization? authorization, out string? error)
    {
        authorization = null;
        var span = header.AsSpan().Trim();
        if (!span.StartsWith(SigV4.Algorithm + " ", StringComparison.Ordinal))
        {
            error = "Unsupported AWS 'algorithm': '" + FirstToken(span) + "'";
            return false;
        }

        string? credential = null, signedHeaders = null, signature = null;
        var rest = span[(SigV4.Algorithm.Length + 1)..];
        foreach (var range in rest.Split(','))
        {
            var part = rest[range].Trim();
            var eq = part.IndexOf('=');
            if (eq <= 0)
            {
                continue;
            }

            var name = part[..eq].Trim();
            var value = part[(eq + 1)..].Trim().ToString();
            if (name.SequenceEqual("Credential"))
            {
                credential = value;
            }
            else if (name.SequenceEqual("SignedHeaders"))
            {
                signedHeaders = value;
            }
            else if (name.SequenceEqual("Signature"))
            {
                signature = value;
            }
        }

        var missing = string.Concat(
            credential is null ? "Authorization header requires 'Credential' parameter. " : string.Empty,
            signature is null ? "Authorization header requires 'Signature' parameter. " : string.Empty,
            signedHeaders is null ? "Authorization header requires 'SignedHeaders' parameter. " : string.Empty);
        if (missing.Length > 0)
        {
            error = missing + "Authorization=" + header;
            return false;
        }

        var scope = credential!.Split('/');
        if (scope.Length != 5 || scope[0].Length == 0)
        {
            error = "Credential should be scoped to a valid region. ";
            return false;
        }

        if (scope[4] != SigV4.Terminator)
        {
            error = "Credential should be scoped with a valid terminator: 'aws4_request', not '" + scope[4] + "'. ";
            return false;
        }

        if (scope[2].Length == 0)
        {
            error = "Credential should be scoped to a valid region. ";
            return false;
        }

        authorization = new SigV4Authorization(scope[0], scope[1], scope[2], scope[3], signedHeaders!, signature!);
        error = null;
        return true;
    }

    /// <summary>
    /// Reads query-string authentication (a pre-signed URL: <c>X-Amz-Algorithm</c>, <c>X-Amz-Credential</c>,
    /// <c>X-Amz-SignedHeaders</c>, <c>X-Amz-Signature</c>), as aws-iam-authenticator replays EKS tokens against STS.
    /// </summary>
    public static bool TryParseQuery(IQueryCollection query, out SigV4Authorization? authorization, out string? error)
    {
        authorization = null;
        var algorithm = query["X-Amz-Algorithm"].ToString();
        if (algorithm != SigV4.Algorithm)
        {
            error = "Unsupported AWS 'algorithm': '" + algorithm + "'";
            return false;
        }

        var header = string.Concat(
            SigV4.Algorithm, " Credential=", query["X-Amz-Credential"].ToString(),
            ", SignedHeaders=", query["X-Amz-SignedHeaders"].ToString(),
            ", Signature=", query["X-Amz-Signature"].ToString());
        return TryParse(header, out authorization, out error);
    }

    private static string FirstToken(ReadOnlySpan<char> span)
    {
        var space = span.IndexOf(' ');
        return (space < 0 ? span : span[..space]).ToString();
    }
}
