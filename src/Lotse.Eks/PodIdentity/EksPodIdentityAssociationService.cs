using Lotse.Aws;
using Lotse.Aws.Iam;
using Lotse.Eks.Clusters;
using Lotse.Storage;

namespace Lotse.Eks.PodIdentity;

/// <summary>
/// EKS Pod Identity associations (service account to IAM role): at most one per namespace and service account of a cluster, and the
/// role must exist in the caller's account. Lotse stores them; it runs no Pod Identity agent that hands out credentials.
/// </summary>
public sealed class EksPodIdentityAssociationService(EksClusterStore clusters, IamRepository iam, TimeProvider time)
{
    private readonly EksPodIdentityAssociationStore _associations = new(clusters.Store);

    private IStore Store => clusters.Store;

    public async ValueTask<EksPodIdentityAssociation> CreateAsync(
        AwsCaller caller, string region, string clusterName, CreatePodIdentityAssociationRequest request, CancellationToken ct)
    {
        PodIdentityAssociationValidator.ValidateCreate(request, clusterName);
        while (true)
        {
            var (cluster, clusterRevision) = await clusters.GetAsync(caller.AccountId, region, clusterName, ct) ?? throw EksErrors.ClusterNotFound(clusterName);
            if (cluster.Cluster.Status is not (ClusterStatus.Active or ClusterStatus.Updating))
            {
                throw EksErrors.InvalidRequest($"Cluster '{clusterName}' is not in ACTIVE status", clusterName);
            }

            var existing = await _associations.ListAllAsync(caller.AccountId, region, clusterName, ct);
            if (existing.FirstOrDefault(a => a.Namespace == request.Namespace && a.ServiceAccount == request.ServiceAccount) is { } taken)
            {
                if (request.ClientRequestToken is { Length: > 0 } token && taken.ClientRequestToken == token)
                {
                    return taken;
                }

                throw EksErrors.ResourceInUse($"Association already exists: {taken.AssociationId}", clusterName);
            }

            await EnsureRoleAsync(caller, request.RoleArn!, clusterName, ct);
            var now = Now();
            var id = PodIdentityAssociationValidator.NewId();
            var association = new EksPodIdentityAssociation
            {
                ClusterName = clusterName,
                Namespace = request.Namespace!,
                ServiceAccount = request.ServiceAccount!,
                RoleArn = request.RoleArn!,
                AssociationArn = $"arn:aws:eks:{region}:{caller.AccountId}:podidentityassociation/{clusterName}/{id}",
                AssociationId = id,
                Tags = request.Tags ?? [],
                CreatedAt = now,
                ModifiedAt = now,
                DisableSessionTags = request.DisableSessionTags ?? false,
                TargetRoleArn = NullIfEmpty(request.TargetRoleArn),
                ExternalId = NullIfEmpty(request.TargetRoleArn) is null ? null : Guid.NewGuid().ToString(),
                Policy = NullIfEmpty(request.Policy),
                ClientRequestToken = request.ClientRequestToken,
            };

            // The CAS re-write of the cluster record orders this create against DeleteCluster, as for node groups.
            var created = await Store.CommitAsync(
                [EksClusterStore.Update(cluster, clusterRevision), EksPodIdentityAssociationStore.Create(caller.AccountId, region, association)], ct);
            if (created.Succeeded)
            {
                return association;
            }
        }
    }

    public async ValueTask<EksPodIdentityAssociation> DescribeAsync(AwsCaller caller, string region, string clusterName, string id, CancellationToken ct) =>
        (await GetAsync(caller, region, clusterName, id, ct)).Association;

    public async ValueTask<EksPodIdentityAssociation> UpdateAsync(
        AwsCaller caller, string region, string clusterName, string id, UpdatePodIdentityAssociationRequest request, CancellationToken ct)
    {
        PodIdentityAssociationValidator.ValidateUpdate(request, clusterName);
        while (true)
        {
            var (association, revision) = await GetAsync(caller, region, clusterName, id, ct);
            if (request.RoleArn is { } roleArn)
            {
                await EnsureRoleAsync(caller, roleArn, clusterName, ct);
                association.RoleArn = roleArn;
            }

            if (request.TargetRoleArn is { } target)
            {
                // An empty target role removes it (and its external id); a new one keeps the external id already issued.
                association.TargetRoleArn = NullIfEmpty(target);
                association.ExternalId = association.TargetRoleArn is null ? null : association.ExternalId ?? Guid.NewGuid().ToString();
            }

            association.DisableSessionTags = request.DisableSessionTags ?? association.DisableSessionTags;
            association.Policy = request.Policy is null ? association.Policy : NullIfEmpty(request.Policy);
            association.ModifiedAt = Now();
            var committed = await Store.CommitAsync([EksPodIdentityAssociationStore.Update(caller.AccountId, region, association, revision)], ct);
            if (committed.Succeeded)
            {
                return association;
            }
        }
    }

    public async ValueTask<EksPodIdentityAssociation> DeleteAsync(AwsCaller caller, string region, string clusterName, string id, CancellationToken ct)
    {
        while (true)
        {
            var (association, revision) = await GetAsync(caller, region, clusterName, id, ct);
            var deleted = await Store.CommitAsync([StoreOperation.Delete(EksPodIdentityAssociationStore.Key(caller.AccountId, region, clusterName, id), revision)], ct);
            if (deleted.Succeeded)
            {
                return association;
            }
        }
    }

    public async ValueTask<(List<PodIdentityAssociationSummary> Associations, string? NextToken)> ListAsync(
        AwsCaller caller, string region, string clusterName, string? ns, string? serviceAccount, int maxResults, string? nextToken, CancellationToken ct)
    {
        _ = await clusters.GetAsync(caller.AccountId, region, clusterName, ct) ?? throw EksErrors.ClusterNotFound(clusterName);
        var matching = (await _associations.ListAllAsync(caller.AccountId, region, clusterName, ct))
            .Where(a => (ns is null || a.Namespace == ns) && (serviceAccount is null || a.ServiceAccount == serviceAccount))
            .ToList();

        // Ids are the store's order.
        var (page, next) = ListToken.PageAfter(matching, a => a.AssociationId, maxResults, nextToken, clusterName);
        return (page.Select(PodIdentityAssociationSummary.Of).ToList(), next);
    }

    private async ValueTask<(EksPodIdentityAssociation Association, long Revision)> GetAsync(
        AwsCaller caller, string region, string clusterName, string id, CancellationToken ct)
    {
        PodIdentityAssociationValidator.CheckId(id, clusterName);
        if (await _associations.GetAsync(caller.AccountId, region, clusterName, id, ct) is { } found)
        {
            return found;
        }

        _ = await clusters.GetAsync(caller.AccountId, region, clusterName, ct) ?? throw EksErrors.ClusterNotFound(clusterName);
        throw EksErrors.ResourceNotFound($"No Pod Identity Association found for id: {id}.", clusterName);
    }

    private async ValueTask EnsureRoleAsync(AwsCaller caller, string roleArn, string clusterName, CancellationToken ct) =>
        _ = await EksRoleLookup.RequireAsync(iam, caller, roleArn, clusterName, null, ct);

    private double Now() => Math.Round(time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0, 3);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
