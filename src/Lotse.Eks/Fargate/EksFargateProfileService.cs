using Lotse.Aws;
using Lotse.Aws.Ec2;
using Lotse.Aws.Iam;
using Lotse.Eks.Clusters;
using Lotse.Storage;

namespace Lotse.Eks.Fargate;

/// <summary>
/// Fargate profiles: CREATING → ACTIVE and DELETING → gone within the request (responses show the first state).
/// Immutable once created; no profile can be created while another of the cluster is DELETING.
/// </summary>
public sealed partial class EksFargateProfileService(EksClusterStore clusters, IamRepository iam, IEc2Network ec2, TimeProvider time)
{
    private readonly EksFargateProfileStore _profiles = new(clusters.Store);

    private readonly ClusterNetwork _network = new(ec2);

    private IStore Store => clusters.Store;

    public async ValueTask<EksFargateProfile> CreateAsync(AwsCaller caller, string region, string clusterName, CreateFargateProfileRequest request, CancellationToken ct)
    {
        FargateProfileValidator.Validate(request, clusterName);
        var name = request.FargateProfileName!;
        while (true)
        {
            var (cluster, clusterRevision) = await clusters.GetAsync(caller.AccountId, region, clusterName, ct) ?? throw EksErrors.ClusterNotFound(clusterName);
            var existing = await _profiles.ListAllAsync(caller.AccountId, region, clusterName, ct);
            if (existing.FirstOrDefault(p => p.FargateProfileName == name) is { } same)
            {
                // A retry with the same idempotency token returns the profile it created instead of failing.
                if (request.ClientRequestToken is { } token && same.ClientRequestToken == token)
                {
                    return same;
                }

                throw EksErrors.ResourceInUse("A Fargate Profile already exists with this name in this cluster.", clusterName);
            }

            if (existing.FirstOrDefault(p => p.Status == FargateProfileStatus.Deleting) is { } deleting)
            {
                throw EksErrors.ResourceInUse($"Cannot create a Fargate Profile while Fargate Profile {deleting.FargateProfileName} is being deleted.", clusterName);
            }

            if (cluster.Cluster.Status != ClusterStatus.Active)
            {
                throw EksErrors.InvalidRequest($"Cluster '{clusterName}' is not in ACTIVE status", clusterName);
            }

            await EnsurePodExecutionRoleAsync(caller, request.PodExecutionRoleArn, clusterName, ct);
            await _network.CheckFargateAsync(caller.AccountId, region, request.Subnets ?? [], cluster.Cluster, ct);
            var profile = new EksFargateProfile
            {
                FargateProfileName = name,
                FargateProfileArn = $"arn:aws:eks:{region}:{caller.AccountId}:fargateprofile/{clusterName}/{name}/{Guid.NewGuid()}",
                ClusterName = clusterName,
                CreatedAt = Math.Round(time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0, 3),
                PodExecutionRoleArn = request.PodExecutionRoleArn!,
                Subnets = request.Subnets ?? [],
                Selectors = request.Selectors!,
                Status = FargateProfileStatus.Creating,
                Tags = request.Tags ?? [],
                Health = new ClusterHealth(),
                ClientRequestToken = request.ClientRequestToken,
            };

            // As with node groups: the CAS re-write of the cluster record orders this create against DeleteCluster.
            var created = await Store.CommitAsync([EksClusterStore.Update(cluster, clusterRevision), EksFargateProfileStore.Create(caller.AccountId, region, profile)], ct);
            if (created.Status is CommitStatus.Conflict or CommitStatus.AlreadyExists)
            {
                continue;
            }

            var snapshot = EksFargateProfileStore.Snapshot(profile);
            await SettleAsync(caller.AccountId, region, profile, created.Revision, ct);
            return snapshot;
        }
    }

    public async ValueTask<EksFargateProfile> DescribeAsync(AwsCaller caller, string region, string clusterName, string name, CancellationToken ct) =>
        (await GetAsync(caller, region, clusterName, name, ct)).Profile;

    public async ValueTask<(List<string> Names, string? NextToken)> ListAsync(
        AwsCaller caller, string region, string clusterName, int maxResults, string? nextToken, CancellationToken ct)
    {
        _ = await clusters.GetAsync(caller.AccountId, region, clusterName, ct) ?? throw EksErrors.ClusterNotFound(clusterName);
        var names = (await _profiles.ListAllAsync(caller.AccountId, region, clusterName, ct)).Select(p => p.FargateProfileName).ToList();
        return ListToken.PageAfter(names, n => n, maxResults, nextToken, clusterName);
    }

    public async ValueTask<EksFargateProfile> DeleteAsync(AwsCaller caller, string region, string clusterName, string name, CancellationToken ct)
    {
        while (true)
        {
            var (profile, revision) = await GetAsync(caller, region, clusterName, name, ct);
            if (profile.Status == FargateProfileStatus.Deleting)
            {
                return profile;
            }

            profile.Status = FargateProfileStatus.Deleting;
            var marked = await Store.CommitAsync([EksFargateProfileStore.Update(caller.AccountId, region, profile, revision)], ct);
            if (marked.Status == CommitStatus.Conflict)
            {
                continue;
            }

            var snapshot = EksFargateProfileStore.Snapshot(profile);
            await Store.CommitAsync([StoreOperation.Delete(EksFargateProfileStore.Key(caller.AccountId, region, clusterName, name), 0)], ct);
            return snapshot;
        }
    }

    private async ValueTask<(EksFargateProfile Profile, long Revision)> GetAsync(AwsCaller caller, string region, string clusterName, string name, CancellationToken ct)
    {
        if (await _profiles.GetAsync(caller.AccountId, region, clusterName, name, ct) is { } found)
        {
            return found;
        }

        _ = await clusters.GetAsync(caller.AccountId, region, clusterName, ct) ?? throw EksErrors.ClusterNotFound(clusterName);
        throw EksErrors.FargateProfileNotFound(clusterName, name);
    }

    private async ValueTask EnsurePodExecutionRoleAsync(AwsCaller caller, string? roleArn, string clusterName, CancellationToken ct)
    {
        var role = await EksRoleLookup.RequireAsync(iam, caller, roleArn, clusterName, null, ct);
        if (!CreateClusterValidator.TrustsService(role.AssumeRolePolicyDocument, "eks-fargate-pods.amazonaws.com"))
        {
            throw EksErrors.InvalidParameter(
                $"Following required service principals [eks-fargate-pods.amazonaws.com] were not found in the trust relationships of podExecutionRoleArn {roleArn}", clusterName);
        }
    }
}
