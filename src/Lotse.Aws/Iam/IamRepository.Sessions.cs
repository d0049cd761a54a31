using Lotse.Aws.Sts;
using Lotse.Storage;

namespace Lotse.Aws.Iam;

public sealed partial class IamRepository
{
    public static string SessionKey(string accessKeyId) => $"/aws/sts/sessions/{accessKeyId}";

    /// <summary>Stores the temporary credentials of an assumed-role session.</summary>
    public async ValueTask SaveSessionAsync(StsSession session, CancellationToken ct)
    {
        var result = await _store.CreateAsync(SessionKey(session.AccessKeyId), Serialize(session), ct);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Session key id collision ({result.Status}).");
        }
    }

    public async ValueTask<StsSession?> GetSessionAsync(string accessKeyId, CancellationToken ct)
    {
        var kv = await _store.GetAsync(SessionKey(accessKeyId), 0, ct);
        return kv is null ? null : Deserialize<StsSession>(kv);
    }

    /// <summary>Removes sessions that expired before <paramref name="now"/>; returns how many.</summary>
    public async ValueTask<int> DeleteExpiredSessionsAsync(DateTimeOffset now, CancellationToken ct)
    {
        var sessions = await _store.ListAsync("/aws/sts/sessions/", default, ct);
        var removed = 0;
        foreach (var kv in sessions.Items)
        {
            if (Deserialize<StsSession>(kv).Expiration < now && (await _store.DeleteAsync(kv.Key, kv.ModRevision, ct)).Succeeded)
            {
                removed++;
            }
        }

        return removed;
    }
}
