using Lotse.Storage;

namespace Lotse.Aws.Iam;

public sealed partial class IamRepository
{
    public async ValueTask<IamUser?> GetUserAsync(string accountId, string userName, CancellationToken ct)
    {
        var kv = await _store.GetAsync(UserKey(accountId, userName), 0, ct);
        return kv is null ? null : Deserialize<IamUser>(kv);
    }

    /// <summary>A new user record (not yet stored), with a fresh AIDA id.</summary>
    public IamUser NewUser(string accountId, string userName, string path, IReadOnlyList<IamTag>? tags) =>
        new(userName, IamIds.NewUserId(), Arn(accountId, "user", path, userName), path, TruncateToSeconds(_time.GetUtcNow()), tags is { Count: > 0 } ? tags : null);

    /// <summary>A new active key for <paramref name="user"/> (not yet stored).</summary>
    public IamAccessKey NewAccessKey(IamUser user) =>
        new(IamIds.NewAccessKeyId(), IamIds.NewSecretAccessKey(), AccessKeyStatus.Active, user.AccountId, user.UserName, user.Arn, user.UserId,
            TruncateToSeconds(_time.GetUtcNow()));

    /// <summary>The writes that store a new key of an existing user (key record + index entry).</summary>
    public static StoreOperation[] AccessKeyCreateOperations(IamAccessKey key) =>
    [
        StoreOperation.Create(AccessKeyKey(key.AccessKeyId), Serialize(key)),
        StoreOperation.Create(UserKeysPrefix(key.AccountId, key.UserName) + key.AccessKeyId, "{}"u8.ToArray()),
    ];

    public async ValueTask<IamUser> CreateUserAsync(string accountId, string userName, string path, IReadOnlyList<IamTag> tags, CancellationToken ct)
    {
        var user = NewUser(accountId, userName, path, tags);
        var result = await _store.CreateAsync(UserKey(accountId, userName), Serialize(user), ct);
        if (result.Status == CommitStatus.AlreadyExists)
        {
            throw IamErrors.UserExists(userName);
        }

        return user;
    }

    public async ValueTask<(IReadOnlyList<IamUser> Users, bool IsTruncated, string? Marker)> ListUsersAsync(
        string accountId, string? pathPrefix, string? marker, int maxItems, CancellationToken ct)
    {
        var prefix = $"/aws/iam/accounts/{accountId}/users/";
        var all = await _store.ListAsync(prefix, default, ct);
        return Page<IamUser>(all.Items, prefix, u => u.Path, pathPrefix, marker, maxItems);
    }

    /// <summary>Deletes a user that has no access keys left (DeleteConflict otherwise, as IAM).</summary>
    public async ValueTask DeleteUserAsync(string accountId, string userName, CancellationToken ct)
    {
        var kv = await _store.GetAsync(UserKey(accountId, userName), 0, ct) ?? throw IamErrors.NoSuchUser(userName);
        if (await _store.CountAsync(UserKeysPrefix(accountId, userName), ct) > 0)
        {
            throw IamErrors.DeleteConflictAccessKeys();
        }

        // Expecting the read revision: a key created meanwhile rewrote the user record, so this fails instead.
        var result = await _store.DeleteAsync(kv.Key, kv.ModRevision, ct);
        if (result.Status == CommitStatus.NotFound)
        {
            throw IamErrors.NoSuchUser(userName);
        }

        if (result.Status == CommitStatus.Conflict)
        {
            throw IamErrors.ConcurrentModification();
        }
    }

    /// <summary>Read-modify-write of a user with compare-and-swap (it also orders against concurrent key creation).</summary>
    internal async ValueTask UpdateUserAsync(string accountId, string userName, Func<IamUser, IamUser> change, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var kv = await _store.GetAsync(UserKey(accountId, userName), 0, ct) ?? throw IamErrors.NoSuchUser(userName);
            var result = await _store.UpdateAsync(kv.Key, Serialize(change(Deserialize<IamUser>(kv))), kv.ModRevision, ct);
            if (result.Succeeded)
            {
                return;
            }

            if (result.Status == CommitStatus.NotFound)
            {
                throw IamErrors.NoSuchUser(userName);
            }
        }

        throw IamErrors.ConcurrentModification();
    }
}
