using System.Text.RegularExpressions;
using Lotse.Storage;

namespace Lotse.Aws.Iam;

public sealed partial class IamRepository
{
    /// <summary>IAM's default quota of managed policies per role.</summary>
    public const int MaxPoliciesPerRole = 10;

    /// <summary>
    /// Attaches a managed policy. AWS-managed ARNs (<c>arn:aws:iam::aws:policy/…</c>) are accepted by shape:
    /// Lotse does not ship AWS's catalogue of hundreds of policies, and refusing a real one would break
    /// tutorials. Customer-managed policies cannot exist yet (no CreatePolicy), so those are NoSuchEntity.
    /// </summary>
    public async ValueTask AttachRolePolicyAsync(string accountId, string roleName, string policyArn, CancellationToken ct)
    {
        if (!AwsManagedPolicyArn().IsMatch(policyArn))
        {
            throw PolicyNotAttachable(policyArn);
        }

        await UpdateRoleAsync(accountId, roleName, role =>
        {
            var attached = role.AttachedPolicyArns ?? [];
            if (attached.Contains(policyArn, StringComparer.Ordinal))
            {
                return null;
            }

            if (attached.Count >= MaxPoliciesPerRole)
            {
                throw new AwsServiceException(409, "LimitExceeded", $"Cannot exceed quota for PoliciesPerRole: {MaxPoliciesPerRole}");
            }

            return role with { AttachedPolicyArns = [.. attached, policyArn] };
        }, ct);
    }

    public async ValueTask DetachRolePolicyAsync(string accountId, string roleName, string policyArn, CancellationToken ct) =>
        await UpdateRoleAsync(accountId, roleName, role =>
        {
            var attached = role.AttachedPolicyArns ?? [];
            if (!attached.Contains(policyArn, StringComparer.Ordinal))
            {
                throw new AwsServiceException(404, "NoSuchEntity", $"Policy {policyArn} was not found.");
            }

            var rest = attached.Where(a => a != policyArn).ToList();
            return role with { AttachedPolicyArns = rest.Count == 0 ? null : rest };
        }, ct);

    /// <summary>The policy name of a managed policy ARN (its last path segment).</summary>
    public static string PolicyName(string policyArn) => policyArn[(policyArn.LastIndexOf('/') + 1)..];

    private static AwsServiceException PolicyNotAttachable(string policyArn) =>
        new(404, "NoSuchEntity", $"Policy {policyArn} does not exist or is not attachable.");

    /// <summary>Read-modify-write of a role with compare-and-swap; <paramref name="change"/> returns null for "no change".</summary>
    internal async ValueTask UpdateRoleAsync(string accountId, string roleName, Func<IamRole, IamRole?> change, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var kv = await _store.GetAsync(RoleKey(accountId, roleName), 0, ct) ?? throw IamErrors.NoSuchRole(roleName);
            var updated = change(Deserialize<IamRole>(kv));
            if (updated is null)
            {
                return;
            }

            var result = await _store.UpdateAsync(kv.Key, Serialize(updated), kv.ModRevision, ct);
            if (result.Succeeded)
            {
                return;
            }

            if (result.Status == CommitStatus.NotFound)
            {
                throw IamErrors.NoSuchRole(roleName);
            }
        }

        throw IamErrors.ConcurrentModification();
    }

    [GeneratedRegex(@"^arn:aws:iam::aws:policy/([\u0021-\u007E]+/)?[A-Za-z0-9_+=,.@-]+\z")]
    private static partial Regex AwsManagedPolicyArn();
}
