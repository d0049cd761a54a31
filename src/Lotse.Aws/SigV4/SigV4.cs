using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Lotse.Aws.SigV4;

/// <summary>
/// The pieces of AWS Signature Version 4 shared by the header verifier (front door) and the presigned-URL
/// verifier (EKS tokens). Everything works on spans: verification runs on every request, so hashing goes
/// through stack or pooled buffers and only the canonical strings themselves are allocated.
/// </summary>
public static class SigV4
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    public const string Terminator = "aws4_request";

    /// <summary>hex(sha256("")), the payload hash of a bodiless request.</summary>
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>The length of a hex HMAC-SHA256 signature.</summary>
    public const int SignatureHexLength = 64;

    /// <summary>
    /// RFC 3986 percent-encoding as SigV4 wants it: keep <c>A-Za-z0-9-_.~</c>, encode every other UTF-8 byte as
    /// upper-case <c>%XX</c>; <paramref name="keepSlash"/> keeps <c>/</c> (canonical URI).
    /// </summary>
    public static string UriEncode(ReadOnlySpan<char> value, bool keepSlash = false)
    {
        if (!NeedsEncoding(value, keepSlash))
        {
            return value.ToString();
        }

        var sb = new StringBuilder(value.Length + 16);
        AppendUriEncoded(sb, value, keepSlash);
        return sb.ToString();
    }

    internal static void AppendUriEncoded(StringBuilder sb, ReadOnlySpan<char> value, bool keepSlash)
    {
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (IsUnreserved(c) || (keepSlash && c == '/'))
            {
                sb.Append(c);
                continue;
            }

            int count;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                count = Encoding.UTF8.GetBytes(value.Slice(i, 2), utf8);
                i++;
            }
            else
            {
                count = Encoding.UTF8.GetBytes(value.Slice(i, 1), utf8);
            }

            for (var b = 0; b < count; b++)
            {
                sb.Append('%').Append(HexUpper[utf8[b] >> 4]).Append(HexUpper[utf8[b] & 0xF]);
            }
        }
    }

    /// <summary>
    /// The canonical query string of a raw (still percent-encoded) query, without the leading <c>?</c>:
    /// names and values are decoded (a <c>+</c> stays a <c>+</c> — SDKs send <c>%2B</c> for a plus and
    /// <c>%20</c> for a space), re-encoded per RFC 3986, sorted by name then value, joined with <c>&amp;</c>.
    /// <paramref name="exclude"/> names a parameter left out (<c>X-Amz-Signature</c> for presigned URLs).
    /// </summary>
    public static string CanonicalQueryString(ReadOnlySpan<char> rawQuery, string? exclude = null)
    {
        if (rawQuery.StartsWith("?"))
        {
            rawQuery = rawQuery[1..];
        }

        if (rawQuery.IsEmpty)
        {
            return string.Empty;
        }

        var pairs = new List<(string Name, string Value)>();
        foreach (var range in rawQuery.Split('&'))
        {
            var part = rawQuery[range];
            if (part.IsEmpty)
            {
                continue;
            }

            var eq = part.IndexOf('=');
            var name = UriEncode(PercentDecode(eq < 0 ? part : part[..eq]));
            if (exclude is not null && name == exclude)
            {
                continue;
            }

            var value = eq < 0 ? string.Empty : UriEncode(PercentDecode(part[(eq + 1)..]));
            pairs.Add((name, value));
        }

        pairs.Sort(static (a, b) =>
        {
            var byName = string.CompareOrdinal(a.Name, b.Name);
            return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
        });

        var sb = new StringBuilder(rawQuery.Length + 16);
        for (var i = 0; i < pairs.Count; i++)
        {
            if (i > 0)
            {
                sb.Append('&');
            }

            sb.Append(pairs[i].Name).Append('=').Append(pairs[i].Value);
        }

        return sb.ToString();
    }

    /// <summary>
    /// The canonical URI of a non-S3 request from the RAW request path (as sent, still percent-encoded):
    /// dot segments removed, then every byte except unreserved characters and <c>/</c> encoded again —
    /// so <c>%3A</c> becomes <c>%253A</c>, exactly what botocore signs.
    /// </summary>
    public static string CanonicalUri(ReadOnlySpan<char> rawPath)
    {
        if (rawPath.IsEmpty)
        {
            return "/";
        }

        var path = RemoveDotSegments(rawPath.ToString());
        return UriEncode(path.Length == 0 ? "/" : path, keepSlash: true);
    }

    /// <summary>Percent-decodes a query component as UTF-8, leaving <c>+</c> alone; malformed escapes stay literal.</summary>
    public static string PercentDecode(ReadOnlySpan<char> value)
    {
        if (!value.Contains('%'))
        {
            return value.ToString();
        }

        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(value.Length));
        try
        {
            var n = 0;
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (c == '%' && i + 2 < value.Length && IsHex(value[i + 1]) && IsHex(value[i + 2]))
                {
                    rented[n++] = (byte)((HexValue(value[i + 1]) << 4) | HexValue(value[i + 2]));
                    i += 2;
                }
                else
                {
                    n += Encoding.UTF8.GetBytes(value.Slice(i, char.IsHighSurrogate(c) && i + 1 < value.Length ? 2 : 1), rented.AsSpan(n));
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length)
                    {
                        i++;
                    }
                }
            }

            return Encoding.UTF8.GetString(rented, 0, n);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Derives the SigV4 signing key HMAC(HMAC(HMAC(HMAC("AWS4"+secret, date), region), service), "aws4_request").</summary>
    public static void DeriveSigningKey(ReadOnlySpan<char> secret, ReadOnlySpan<char> date, ReadOnlySpan<char> region, ReadOnlySpan<char> service, Span<byte> signingKey)
    {
        if (signingKey.Length < 32)
        {
            throw new ArgumentException("The signing key buffer must hold 32 bytes.", nameof(signingKey));
        }

        var keyLength = 4 + Encoding.UTF8.GetByteCount(secret);
        var rented = keyLength <= 256 ? null : ArrayPool<byte>.Shared.Rent(keyLength);
        var key = rented is null ? stackalloc byte[keyLength] : rented.AsSpan(0, keyLength);
        try
        {
            "AWS4"u8.CopyTo(key);
            Encoding.UTF8.GetBytes(secret, key[4..]);
            Span<byte> k = stackalloc byte[32];
            HmacText(key, date, k);
            HmacText(k, region, k);
            HmacText(k, service, k);
            HmacText(k, Terminator, signingKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The lower-case hex signature of <paramref name="stringToSign"/> with the key derived from the secret and scope.</summary>
    public static string ComputeSignature(ReadOnlySpan<char> secret, ReadOnlySpan<char> date, ReadOnlySpan<char> region, ReadOnlySpan<char> service, ReadOnlySpan<char> stringToSign)
    {
        Span<byte> signingKey = stackalloc byte[32];
        DeriveSigningKey(secret, date, region, service, signingKey);
        Span<byte> signature = stackalloc byte[32];
        HmacText(signingKey, stringToSign, signature);
        CryptographicOperations.ZeroMemory(signingKey);
        return Convert.ToHexStringLower(signature);
    }

    /// <summary><c>AWS4-HMAC-SHA256\n&lt;amzDate&gt;\n&lt;date&gt;/&lt;region&gt;/&lt;service&gt;/aws4_request\n&lt;hex(sha256(canonicalRequest))&gt;</c>.</summary>
    public static string StringToSign(string amzDate, string date, string region, string service, ReadOnlySpan<char> canonicalRequest) =>
        string.Concat(Algorithm, "\n", amzDate, "\n", date, "/", region, "/", service, "/", Terminator, "\n", Sha256Hex(canonicalRequest));

    /// <summary>Lower-case hex SHA-256 of the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static string Sha256Hex(ReadOnlySpan<char> text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var n = Encoding.UTF8.GetBytes(text, rented);
            return Sha256Hex(rented.AsSpan(0, n));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Lower-case hex SHA-256 of <paramref name="data"/>.</summary>
    public static string Sha256Hex(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return EmptyPayloadHash;
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(data, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Constant-time comparison of two ASCII signatures (a mismatch position must not leak through timing).</summary>
    public static bool SignaturesEqual(ReadOnlySpan<char> expected, ReadOnlySpan<char> provided)
    {
        if (expected.Length != provided.Length)
        {
            return false;
        }

        var diff = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            diff |= expected[i] ^ provided[i];
        }

        return diff == 0;
    }

    private static void HmacText(ReadOnlySpan<byte> key, ReadOnlySpan<char> text, Span<byte> destination)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        var rented = length <= 512 ? null : ArrayPool<byte>.Shared.Rent(length);
        var data = rented is null ? stackalloc byte[length] : rented.AsSpan(0, length);
        Encoding.UTF8.GetBytes(text, data);
        HMACSHA256.HashData(key, data, destination);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static bool NeedsEncoding(ReadOnlySpan<char> value, bool keepSlash)
    {
        foreach (var c in value)
        {
            if (!IsUnreserved(c) && !(keepSlash && c == '/'))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsUnreserved(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~';

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    // RFC 3986 §5.2.4, as botocore's remove_dot_segments does before signing.
    private static string RemoveDotSegments(string path)
    {
        if (!path.Contains("/.", StringComparison.Ordinal) && !path.StartsWith('.'))
        {
            return path;
        }

        var output = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (output.Count > 0)
                {
                    output.RemoveAt(output.Count - 1);
                }

                continue;
            }

            output.Add(segment);
        }

        var result = string.Join('/', output);
        if (path.StartsWith('/') && !result.StartsWith('/'))
        {
            result = "/" + result;
        }

        if ((path.EndsWith("/.", StringComparison.Ordinal) || path.EndsWith("/..", StringComparison.Ordinal)) && !result.EndsWith('/'))
        {
            result += "/";
        }

        return result;
    }

    private static readonly char[] HexUpper = "0123456789ABCDEF".ToCharArray();
}
