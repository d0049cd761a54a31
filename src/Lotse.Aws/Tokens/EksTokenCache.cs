using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Lotse.Aws.Tokens;

/// <summary>
/// Remembers verified EKS tokens until they expire, so kubectl's repeated calls with one token (it reuses a token for up to
/// 15 minutes) skip the pre-checks and the SigV4 recomputation. Entries are keyed by SHA-256 of cluster name and token (a token
/// is only valid for the cluster it was signed for; the token itself is never kept) and bounded in number.
/// On every hit the access key is looked up again (one point read): a key deleted, deactivated or expired since the token was
/// verified is refused at once, as STS would refuse the replayed URL.
/// </summary>
public sealed class EksTokenCache(EksTokenVerifier verifier, IAccessKeyStore keys, TimeProvider time)
{
    /// <summary>Enough for every kubectl of a busy installation; a full cache drops expired entries, then everything.</summary>
    public const int Capacity = 8192;

    private readonly ConcurrentDictionary<string, (EksIdentity Identity, DateTimeOffset ExpiresAt)> _verified = new(StringComparer.Ordinal);

    public int Count => _verified.Count;

    public async ValueTask<EksTokenResult> VerifyAsync(string token, string clusterName, CancellationToken ct)
    {
        var key = KeyOf(token, clusterName);
        var now = time.GetUtcNow();
        if (_verified.TryGetValue(key, out var hit))
        {
            if (now <= hit.ExpiresAt)
            {
                var accessKey = await keys.FindAsync(hit.Identity.AccessKeyId, ct);
                if (accessKey is { Status: AccessKeyStatus.Active } && (accessKey.Expiration is not { } expiration || expiration > now))
                {
                    return EksTokenResult.Success(hit.Identity) with { ExpiresAt = hit.ExpiresAt };
                }
            }

            // Expired, or its key is gone or inactive: verify afresh, which gives the exact reason.
            _verified.TryRemove(key, out _);
        }

        var result = await verifier.VerifyAsync(token, clusterName, ct);
        if (result is { Identity: { } identity, ExpiresAt: { } expiresAt })
        {
            MakeRoom(now);
            _verified[key] = (identity, expiresAt);
        }

        return result;
    }

    private void MakeRoom(DateTimeOffset now)
    {
        if (_verified.Count < Capacity)
        {
            return;
        }

        foreach (var (key, entry) in _verified)
        {
            if (entry.ExpiresAt < now)
            {
                _verified.TryRemove(key, out _);
            }
        }

        if (_verified.Count >= Capacity)
        {
            _verified.Clear();
        }
    }

    private static string KeyOf(string token, string clusterName) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(clusterName + "\n" + token)));
}
