using Lotse.Aws;
using Lotse.Eks.Clusters;
using Lotse.Eks.Updates;
using Lotse.Storage;

namespace Lotse.Eks.Addons;

/// <summary>
/// Each cluster's installed add-ons: CREATING → ACTIVE and DELETING → gone within the request (responses show the first
/// state, the next Describe the second). Add-ons never block DeleteCluster; the cluster takes them along.
/// </summary>
public sealed partial class EksAddonService(EksClusterStore clusters, TimeProvider time)
{
    private readonly EksAddonStore _addons = new(clusters.Store);

    private IStore Store => clusters.Store;

    public async ValueTask<EksAddon> CreateAsync(AwsCaller caller, string region, string clusterName, CreateAddonRequest request, CancellationToken ct)
    {
        if (request.Other is { Count: > 0 } other)
        {
            throw EksErrors.InvalidParameter($"Unknown parameter: {other.Keys.First()}", clusterName);
        }

        var name = request.AddonName;
        if (string.IsNullOrEmpty(name))
        {
            throw EksErrors.InvalidParameter("addonName is required.", clusterName);
        }

        while (true)
        {
            var (cluster, clusterRevision) = await clusters.GetAsync(caller.AccountId, region, clusterName, ct) ?? throw EksErrors.ClusterNotFound(clusterName);
            if (await _addons.GetAsync(caller.AccountId, region, clusterName, name, ct) is { } existing)
            {
                // A retry with the same token is the same call: answer with the add-on it created.
                return request.ClientRequestToken is not null && existing.Record.ClientRequestToken == request.ClientRequestToken
                    ? existing.Record.Addon
                    : throw AddonErrors.ResourceInUse("Addon already exists.", clusterName, name);
            }

            if (cluster.Cluster.Status != ClusterStatus.Active)
            {
                throw AddonErrors.InvalidRequest($"Cluster '{clusterName}' is not in ACTIVE status", clusterName, name);
            }

            var catalog = AddonRules.Addon(name, clusterName);
            var version = AddonRules.Version(catalog, request.AddonVersion, cluster.Cluster.Version, clusterName);
            AddonRules.Common(request.ServiceAccountRoleArn, request.ResolveConflicts, request.PodIdentityAssociations, clusterName, name);
            AddonRules.ConfigurationValues(request.ConfigurationValues, catalog, clusterName);
            AddonRules.Tags(request.Tags, clusterName);
            var record = NewRecord(caller, region, clusterName, name, version, request);

            // The CAS re-write of the cluster record orders this create against DeleteCluster.
            var created = await Store.CommitAsync([EksClusterStore.Update(cluster, clusterRevision), EksAddonStore.Create(caller.AccountId, region, record)], ct);
            if (created.Status is CommitStatus.Conflict or CommitStatus.AlreadyExists)
            {
                continue;
            }

            var snapshot = EksAddonStore.Snapshot(record).Addon;
            await SettleAsync(caller.AccountId, region, record, created.Revision, null, ct);
            return snapshot;
        }
    }

    public async ValueTask<EksAddon> DescribeAsync(AwsCaller caller, string region, string clusterName, string name, CancellationToken ct) =>
        (await GetAsync(caller, region, clusterName, name, ct)).Record.Addon;

    public async ValueTask<(List<string> Names, string? NextToken)> ListAsync(
        AwsCaller caller, string region, string clusterName, int maxResults, string? nextToken, CancellationToken ct)
    {
        _ = await clusters.GetAsync(caller.AccountId, region, clusterName, ct) ?? throw EksErrors.ClusterNotFound(clusterName);
        var names = (await _addons.ListAllAsync(caller.AccountId, region, clusterName, ct)).Select(a => a.Addon.AddonName).ToList();
        return ListToken.PageAfter(names, n => n, maxResults, nextToken, clusterName);
    }

    /// <summary>DELETING in the response, gone at the next call. <c>preserve</c> would keep the add-on's Kubernetes objects; Lotse runs none.</summary>
    public async ValueTask<EksAddon> DeleteAsync(AwsCaller caller, string region, string clusterName, string name, bool preserve, CancellationToken ct)
    {
        _ = preserve;
        while (true)
        {
            var (record, revision) = await GetAsync(caller, region, clusterName, name, ct);
            if (record.Addon.Status == AddonStatus.Deleting)
            {
                return record.Addon;
            }

            record.Addon.Status = AddonStatus.Deleting;
            record.Addon.ModifiedAt = Now();
            var marked = await Store.CommitAsync([EksAddonStore.Update(caller.AccountId, region, record, revision)], ct);
            if (marked.Status == CommitStatus.Conflict)
            {
                continue;
            }

            var snapshot = EksAddonStore.Snapshot(record).Addon;
            await FinishDeleteAsync(caller.AccountId, region, clusterName, name, ct);
            return snapshot;
        }
    }

    internal async ValueTask<(EksAddonRecord Record, long Revision)> GetAsync(AwsCaller caller, string region, string clusterName, string name, CancellationToken ct)
    {
        if (await _addons.GetAsync(caller.AccountId, region, clusterName, name, ct) is { } found)
        {
            return found;
        }

        _ = await clusters.GetAsync(caller.AccountId, region, clusterName, ct) ?? throw EksErrors.ClusterNotFound(clusterName);
        throw AddonErrors.NotFound(clusterName, name);
    }

    private async Task FinishDeleteAsync(string accountId, string region, string clusterName, string name, CancellationToken ct)
    {
        await Store.DeletePrefixAsync(EksUpdateStore.AddonScopePrefix(accountId, region, clusterName, name), ct);
        await Store.CommitAsync([StoreOperation.Delete(EksAddonStore.Key(accountId, region, clusterName, name), 0)], ct);
    }

    private EksAddonRecord NewRecord(AwsCaller caller, string region, string clusterName, string name, string version, CreateAddonRequest request)
    {
        var now = Now();
        var associations = request.PodIdentityAssociations ?? [];
        return new EksAddonRecord
        {
            Addon = new EksAddon
            {
                AddonName = name,
                ClusterName = clusterName,
                Status = AddonStatus.Creating,
                AddonVersion = version,
                Health = new AddonHealth(),
                AddonArn = $"arn:aws:eks:{region}:{caller.AccountId}:addon/{clusterName}/{name}/{Guid.NewGuid()}",
                CreatedAt = now,
                ModifiedAt = now,
                ServiceAccountRoleArn = request.ServiceAccountRoleArn,
                Tags = request.Tags ?? [],
                ConfigurationValues = string.IsNullOrEmpty(request.ConfigurationValues) ? null : request.ConfigurationValues,
                PodIdentityAssociations = associations.Select(_ => AssociationArn(caller, region, clusterName)).ToList(),
            },
            Associations = associations,
            ClientRequestToken = request.ClientRequestToken,
        };
    }

    /// <summary>Keeps the ARNs of the add-on's pod identity associations in step with the requested list (existing ones keep theirs).</summary>
    private static List<string> AssociationArns(AwsCaller caller, string region, string clusterName, EksAddonRecord record) =>
        record.Associations.Select((_, i) => i < record.Addon.PodIdentityAssociations.Count ? record.Addon.PodIdentityAssociations[i] : AssociationArn(caller, region, clusterName))
            .ToList();

    /// <summary>The ARN of a pod identity association the add-on owns (ids are <c>a-</c> plus 17 characters, as EKS makes them).</summary>
    private static string AssociationArn(AwsCaller caller, string region, string clusterName) =>
        $"arn:aws:eks:{region}:{caller.AccountId}:podidentityassociation/{clusterName}/a-{Guid.NewGuid().ToString("N")[..17]}";

    private double Now() => Math.Round(time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0, 3);
}
