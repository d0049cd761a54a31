using Lotse.Storage;

namespace Lotse.Aws.Iam;

public sealed partial class IamRepository
{
    public async ValueTask<IamRole?> GetRoleAsync(string accountId, string roleName, CancellationToken ct)
    {
        var kv = await _store.GetAsync(RoleKey(accountId, roleName), 0, ct);
        return kv is null ? null : Deserialize<IamRole>(kv);
    }

    /// <summary>Creates a role with a fresh AROA id; EntityAlreadyExists when the name (case-insensitively) is taken.</summary>
    public async ValueTask<IamRole> CreateRoleAsync(string accountId, string roleName, string path, string assumeRolePolicyDocument,
        string? description, int maxSessionDuration, IReadOnlyList<IamTag> tags, CancellationToken ct)
    {
        var role = new IamRole(roleName, IamIds.NewRoleId(), Arn(accountId, "role", path, roleName), path, assumeRolePolicyDocument,
            TruncateToSeconds(_time.GetUtcNow()), description, maxSessionDuration, tags.Count == 0 ? null : tags);
        var result = await _store.CreateAsync(RoleKey(accountId, roleName), Serialize(role), ct);
        if (result.Status == CommitStatus.AlreadyExists)
        {
            throw IamErrors.RoleExists(roleName);
        }

        return role;
    }

    public async ValueTask<(IReadOnlyList<IamRole> Roles, bool IsTruncated, string? Marker)> ListRolesAsync(
        string accountId, string? pathPrefix, string? marker, int maxItems, CancellationToken ct)
    {
        var prefix = $"/aws/iam/accounts/{accountId}/roles/";
        var all = await _store.ListAsync(prefix, default, ct);
        return Page<IamRole>(all.Items, prefix, r => r.Path, pathPrefix, marker, maxItems);
    }

    /// <summary>Deletes a role with no attached policies (DeleteConflict otherwise, as IAM).</summary>
    public async ValueTask DeleteRoleAsync(string accountId, string roleName, CancellationToken ct)
    {
        var kv = await _store.GetAsync(RoleKey(accountId, roleName), 0, ct) ?? throw IamErrors.NoSuchRole(roleName);
        if (Deserialize<IamRole>(kv).AttachedPolicyArns is { Count: > 0 })
        {
            throw new AwsServiceException(409, "DeleteConflict", "Cannot delete entity, must detach all policies first.");
        }

        // Expecting the read revision: a policy attached meanwhile makes this fail instead of orphaning it.
        var result = await _store.DeleteAsync(kv.Key, kv.ModRevision, ct);
        if (result.Status == CommitStatus.NotFound)
        {
            throw IamErrors.NoSuchRole(roleName);
        }

        if (result.Status == CommitStatus.Conflict)
        {
            throw IamErrors.ConcurrentModification();
        }
    }

    // IAM reports whole seconds; storing them so keeps Create and Get answers identical.
    internal static DateTimeOffset TruncateToSeconds(DateTimeOffset time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
