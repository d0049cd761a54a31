using Lotse.Storage;

namespace Lotse.Aws.Iam;

public sealed partial class IamRepository
{
    /// <summary>Creates an access key for the user; LimitExceeded beyond two keys, NoSuchEntity for an unknown user.</summary>
    public async ValueTask<IamAccessKey> CreateAccessKeyAsync(string accountId, string userName, CancellationToken ct)
    {
        // Retried on conflict: the user record is the lock that orders concurrent key creations.
        for (var attempt = 0; ; attempt++)
        {
            var kv = await _store.GetAsync(UserKey(accountId, userName), 0, ct) ?? throw IamErrors.NoSuchUser(userName);
            var user = Deserialize<IamUser>(kv);
            var existing = await _store.CountAsync(UserKeysPrefix(accountId, userName), ct);
            if (existing >= MaxAccessKeysPerUser)
            {
                throw IamErrors.AccessKeyQuota();
            }

            var key = NewAccessKey(user);
            StoreOperation[] operations = [StoreOperation.Update(kv.Key, kv.Value, kv.ModRevision), .. AccessKeyCreateOperations(key)];
            var result = await _store.CommitAsync(operations, ct);
            if (result.Succeeded)
            {
                return key;
            }

            if (result.Status == CommitStatus.NotFound)
            {
                throw IamErrors.NoSuchUser(userName);
            }

            if (attempt == 5)
            {
                throw IamErrors.ConcurrentModification();
            }
        }
    }

    public async ValueTask<IReadOnlyList<IamAccessKey>> ListAccessKeysAsync(string accountId, string userName, CancellationToken ct)
    {
        if (await _store.GetAsync(UserKey(accountId, userName), 0, ct) is null)
        {
            throw IamErrors.NoSuchUser(userName);
        }

        var prefix = UserKeysPrefix(accountId, userName);
        var index = await _store.ListAsync(prefix, default, ct);
        var keys = new List<IamAccessKey>(index.Items.Count);
        foreach (var entry in index.Items)
        {
            if (await GetAccessKeyAsync(entry.Key[prefix.Length..], ct) is { } key)
            {
                keys.Add(key);
            }
        }

        return keys;
    }

    /// <summary>Deletes one of the user's keys; NoSuchEntity when the key does not exist or belongs to someone else.</summary>
    public async ValueTask DeleteAccessKeyAsync(string accountId, string userName, string accessKeyId, CancellationToken ct)
    {
        if (await _store.GetAsync(UserKey(accountId, userName), 0, ct) is null)
        {
            throw IamErrors.NoSuchUser(userName);
        }

        var kv = await _store.GetAsync(AccessKeyKey(accessKeyId), 0, ct);
        if (kv is null || !string.Equals(Deserialize<IamAccessKey>(kv).UserName, userName, StringComparison.OrdinalIgnoreCase)
            || Deserialize<IamAccessKey>(kv).AccountId != accountId)
        {
            throw IamErrors.NoSuchAccessKey(accessKeyId);
        }

        var result = await _store.CommitAsync(
            [StoreOperation.Delete(kv.Key, kv.ModRevision), StoreOperation.Delete(UserKeysPrefix(accountId, userName) + accessKeyId, 0)], ct);
        if (!result.Succeeded)
        {
            throw IamErrors.NoSuchAccessKey(accessKeyId);
        }
    }

    /// <summary>Sets a key Active or Inactive; NoSuchEntity when the user or the key (of that user) does not exist.</summary>
    public async ValueTask UpdateAccessKeyStatusAsync(string accountId, string userName, string accessKeyId, AccessKeyStatus status, CancellationToken ct)
    {
        if (await _store.GetAsync(UserKey(accountId, userName), 0, ct) is null)
        {
            throw IamErrors.NoSuchUser(userName);
        }

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var kv = await _store.GetAsync(AccessKeyKey(accessKeyId), 0, ct);
            var key = kv is null ? null : Deserialize<IamAccessKey>(kv);
            if (key is null || key.AccountId != accountId || !string.Equals(key.UserName, userName, StringComparison.OrdinalIgnoreCase))
            {
                throw IamErrors.NoSuchAccessKey(accessKeyId);
            }

            if (key.Status == status)
            {
                return;
            }

            var result = await _store.UpdateAsync(kv!.Key, Serialize(key with { Status = status }), kv.ModRevision, ct);
            if (result.Succeeded)
            {
                return;
            }

            if (result.Status == CommitStatus.NotFound)
            {
                throw IamErrors.NoSuchAccessKey(accessKeyId);
            }
        }

        throw IamErrors.ConcurrentModification();
    }
}
