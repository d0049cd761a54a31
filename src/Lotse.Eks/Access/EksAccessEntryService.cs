using Lotse.Aws;
using Lotse.Aws.Iam;
using Lotse.Eks.Clusters;
using Lotse.Storage;

namespace Lotse.Eks.Access;

/// <summary>
/// The access-entry operations of the EKS API (Create/Describe/List/Update/DeleteAccessEntry) on clusters whose authentication
/// mode includes the API. Entries change under CAS; each create also re-writes the unchanged cluster record under CAS so a
/// concurrent DeleteCluster cannot leave an entry behind. The policy operations live in the partial beside this file.
/// </summary>
public sealed partial class EksAccessEntryService(EksClusterStore clusters, IamRepository iam, EksAccessEntryCache cache, TimeProvider time)
{
    public const string EntryNotFound = "The specified principalArn could not be found. You can view your available access entries with 'list-access-entries'.";

    private readonly EksAccessEntryStore _entries = new(clusters.Store);

    private IStore Store => clusters.Store;

    public async ValueTask<EksAccessEntry> CreateAsync(AwsCaller caller, string region, string clusterName, CreateAccessEntryRequest request, CancellationToken ct)
    {
        while (true)
        {
            var (cluster, clusterRevision) = await GetClusterAsync(caller, region, clusterName, ct);
            var (principal, type) = AccessEntryRules.ValidateCreate(request, caller.AccountId, clusterName);
            var principalArn = request.PrincipalArn!;
            if (await _entries.FindAsync(caller.AccountId, region, clusterName, principalArn, ct) is { } existing)
            {
                // A retry with the same idempotency token answers with the entry the first call created.
                if (request.ClientRequestToken is { } token && existing.Record.ClientRequestToken == token)
                {
                    return existing.Record.Entry;
                }

                throw EksErrors.ResourceInUse("The specified access entry resource is already in use on this cluster.", clusterName);
            }

            var principalId = await PrincipalIdAsync(principal, principalArn, clusterName, ct);
            var record = NewRecord(region, cluster, principal, principalArn, principalId, type, request);
            var created = await Store.CommitAsync(
                [EksClusterStore.Update(cluster, clusterRevision), EksAccessEntryStore.Create(caller.AccountId, region, record)], ct);
            if (created.Status is CommitStatus.Conflict or CommitStatus.AlreadyExists)
            {
                continue;
            }

            if (!created.Succeeded)
            {
                throw EksErrors.ClusterNotFound(clusterName);
            }

            Changed(caller, region, clusterName);
            return record.Entry;
        }
    }

    public async ValueTask<EksAccessEntry> DescribeAsync(AwsCaller caller, string region, string clusterName, string principalArn, CancellationToken ct)
    {
        await GetClusterAsync(caller, region, clusterName, ct);
        return (await GetEntryAsync(caller, region, clusterName, principalArn, ct)).Record.Entry;
    }

    public async ValueTask<Page<string>> ListAsync(
        AwsCaller caller, string region, string clusterName, string? associatedPolicyArn, int maxResults, string? nextToken, CancellationToken ct)
    {
        await GetClusterAsync(caller, region, clusterName, ct);
        var all = await _entries.ListAllAsync(caller.AccountId, region, clusterName, ct);
        var arns = all
            .Where(r => associatedPolicyArn is null || r.AccessPolicies.Any(p => p.PolicyArn == associatedPolicyArn))
            .Select(r => r.Entry.PrincipalArn)
            .Order(StringComparer.Ordinal)
            .ToList();
        return Page<string>.Of(arns, arn => arn, maxResults, nextToken, clusterName);
    }

    public async ValueTask<EksAccessEntry> UpdateAsync(
        AwsCaller caller, string region, string clusterName, string principalArn, UpdateAccessEntryRequest request, CancellationToken ct)
    {
        await GetClusterAsync(caller, region, clusterName, ct);
        AccessEntryRules.ValidateUsername(request.Username, clusterName);
        AccessEntryRules.ValidateGroups(request.KubernetesGroups, clusterName);
        return (await ChangeAsync(caller, region, clusterName, principalArn, record =>
        {
            var entry = record.Entry;
            if (entry.Type != AccessEntryTypes.Standard && (request.KubernetesGroups is not null || request.Username is not null))
            {
                throw EksErrors.InvalidParameter($"kubernetesGroups and username cannot be changed for an access entry of type {entry.Type}.", clusterName);
            }

            entry.KubernetesGroups = request.KubernetesGroups is { } groups ? [.. groups.Distinct(StringComparer.Ordinal)] : entry.KubernetesGroups;
            entry.Username = request.Username ?? entry.Username;
        }, ct)).Entry;
    }

    public async ValueTask DeleteAsync(AwsCaller caller, string region, string clusterName, string principalArn, CancellationToken ct)
    {
        await GetClusterAsync(caller, region, clusterName, ct);
        while (true)
        {
            var (record, revision) = await GetEntryAsync(caller, region, clusterName, principalArn, ct);
            var deleted = await Store.CommitAsync([EksAccessEntryStore.Delete(caller.AccountId, region, record, revision)], ct);
            if (deleted.Succeeded)
            {
                Changed(caller, region, clusterName);
                return;
            }

            if (deleted.Status != CommitStatus.Conflict)
            {
                throw EksErrors.ResourceNotFound(EntryNotFound, clusterName);
            }
        }
    }

    /// <summary>The entry EKS creates for the cluster creator (bootstrapClusterCreatorAdminPermissions): cluster admin at cluster scope.</summary>
    public static EksAccessEntryRecord CreatorEntry(EksClusterRecord cluster, string? creatorPrincipalId, double now)
    {
        var principal = AccessEntryRules.PrincipalArn.Parse(cluster.CreatorArn)!;
        var entry = NewEntry(cluster.Region, cluster.Cluster.Name, principal, cluster.CreatorArn, AccessEntryTypes.Standard, now);
        entry.Username = AccessEntryRules.DefaultUsername(principal, cluster.CreatorArn, AccessEntryTypes.Standard);
        return new EksAccessEntryRecord
        {
            Entry = entry,
            PrincipalId = creatorPrincipalId,
            AccessPolicies =
            [
                new AssociatedAccessPolicy
                {
                    PolicyArn = EksAccessPolicies.ClusterAdmin,
                    AccessScope = new AccessScope { Type = "cluster", Namespaces = [] },
                    AssociatedAt = now,
                    ModifiedAt = now,
                },
            ],
        };
    }

    private EksAccessEntryRecord NewRecord(
        string region, EksClusterRecord cluster, AccessEntryRules.PrincipalArn principal, string principalArn, string principalId, string type, CreateAccessEntryRequest request)
    {
        var entry = NewEntry(region, cluster.Cluster.Name, principal, principalArn, type, Now());
        entry.Username = request.Username ?? AccessEntryRules.DefaultUsername(principal, principalArn, type);
        entry.KubernetesGroups = type == AccessEntryTypes.Standard
            ? [.. (request.KubernetesGroups ?? []).Distinct(StringComparer.Ordinal)]
            : AccessEntryRules.DefaultGroups(type);
        foreach (var (key, value) in request.Tags ?? [])
        {
            entry.Tags[key] = value;
        }

        return new EksAccessEntryRecord { Entry = entry, PrincipalId = principalId, ClientRequestToken = request.ClientRequestToken };
    }

    private static EksAccessEntry NewEntry(string region, string clusterName, AccessEntryRules.PrincipalArn principal, string principalArn, string type, double now) => new()
    {
        ClusterName = clusterName,
        PrincipalArn = principalArn,
        KubernetesGroups = [],
        AccessEntryArn = $"arn:aws:eks:{region}:{principal.AccountId}:access-entry/{clusterName}/{principal.Kind}/{principal.AccountId}/{principal.Name}/{Guid.NewGuid()}",
        CreatedAt = now,
        ModifiedAt = now,
        Tags = [],
        Username = "",
        Type = type,
    };

    /// <summary>EKS checks that the principal exists; it keeps the principal's unique id, which is what a token later proves.</summary>
    private async ValueTask<string> PrincipalIdAsync(AccessEntryRules.PrincipalArn principal, string principalArn, string clusterName, CancellationToken ct)
    {
        string? id = principal.Kind switch
        {
            "user" => await iam.GetUserAsync(principal.AccountId, principal.Name, ct) is { } user && user.Arn == principalArn ? user.UserId : null,
            "role" => await iam.GetRoleAsync(principal.AccountId, principal.Name, ct) is { } role && role.Arn == principalArn ? role.RoleId : null,
            _ => principal.AccountId,
        };
        return id ?? throw EksErrors.InvalidParameter(AccessEntryRules.InvalidPrincipal, clusterName);
    }

    /// <summary>The cluster, if it exists and its authentication mode serves access entries.</summary>
    private async ValueTask<(EksClusterRecord Record, long Revision)> GetClusterAsync(AwsCaller caller, string region, string clusterName, CancellationToken ct)
    {
        var found = await clusters.GetAsync(caller.AccountId, region, clusterName, ct) ?? throw EksErrors.ClusterNotFound(clusterName);
        if (found.Record.Cluster.Status == ClusterStatus.Deleting)
        {
            throw EksErrors.ClusterNotFound(clusterName);
        }

        if (!AccessEntryTypes.UsesAccessEntries(AccessEntryTypes.ModeOf(found.Record.Cluster)))
        {
            throw EksErrors.InvalidRequest("The cluster's authentication mode must be set to one of [API, API_AND_CONFIG_MAP] to perform this operation.", clusterName);
        }

        return found;
    }

    private async ValueTask<(EksAccessEntryRecord Record, long Revision)> GetEntryAsync(AwsCaller caller, string region, string clusterName, string principalArn, CancellationToken ct) =>
        await _entries.FindAsync(caller.AccountId, region, clusterName, principalArn, ct) ?? throw EksErrors.ResourceNotFound(EntryNotFound, clusterName);

    /// <summary>Applies <paramref name="change"/> to the entry under CAS (re-reading on conflict) and stamps modifiedAt.</summary>
    private async ValueTask<EksAccessEntryRecord> ChangeAsync(
        AwsCaller caller, string region, string clusterName, string principalArn, Action<EksAccessEntryRecord> change, CancellationToken ct)
    {
        while (true)
        {
            var (record, revision) = await GetEntryAsync(caller, region, clusterName, principalArn, ct);
            change(record);
            record.Entry.ModifiedAt = Now();
            var committed = await Store.CommitAsync([EksAccessEntryStore.Update(caller.AccountId, region, record, revision)], ct);
            if (committed.Succeeded)
            {
                Changed(caller, region, clusterName);
                return record;
            }

            if (committed.Status != CommitStatus.Conflict)
            {
                throw EksErrors.ResourceNotFound(EntryNotFound, clusterName);
            }
        }
    }

    private void Changed(AwsCaller caller, string region, string clusterName) =>
        cache.Invalidate(EksAccessEntryStore.ClusterPrefix(caller.AccountId, region, clusterName));

    private double Now() => Math.Round(time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0, 3);
}
