namespace Lotse.Aws;

/// <summary>Looks up the secret and identity behind an access key id; used by every SigV4 check.</summary>
public interface IAccessKeyStore
{
    /// <summary>The key, or null when no such key exists (deleted keys are gone; inactive keys are returned with their status).</summary>
    ValueTask<AccessKeyRecord?> FindAsync(string accessKeyId, CancellationToken ct);
}
