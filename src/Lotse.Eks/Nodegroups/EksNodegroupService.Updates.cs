using Lotse.Aws;
using Lotse.Eks.Clusters;
using Lotse.Eks.Updates;
using Lotse.Storage;

namespace Lotse.Eks.Nodegroups;

/// <summary>UpdateNodegroupConfig and UpdateNodegroupVersion: an InProgress Update with the node group UPDATING, then Successful and ACTIVE.</summary>
public sealed partial class EksNodegroupService
{
    public ValueTask<EksUpdate> UpdateConfigAsync(
        AwsCaller caller, string region, string clusterName, string name, UpdateNodegroupConfigRequest request, CancellationToken ct) =>
        ApplyAsync(caller, region, clusterName, name, UpdateType.Config, request.ClientRequestToken, (nodegroup, _) => NodegroupConfigChange.Plan(request, nodegroup), ct);

    public ValueTask<EksUpdate> UpdateVersionAsync(
        AwsCaller caller, string region, string clusterName, string name, UpdateNodegroupVersionRequest request, CancellationToken ct) =>
        ApplyAsync(caller, region, clusterName, name, UpdateType.Version, request.ClientRequestToken, (nodegroup, cluster) => PlanVersion(request, nodegroup, cluster), ct);

    private static (List<UpdateParam>, Action<EksNodegroup>) PlanVersion(UpdateNodegroupVersionRequest request, EksNodegroup nodegroup, EksCluster cluster)
    {
        var (clusterName, name) = (nodegroup.ClusterName, nodegroup.NodegroupName);
        if (request.LaunchTemplate is not null && nodegroup.LaunchTemplate is null)
        {
            throw EksErrors.InvalidParameter("A launch template can only be specified for a node group that was created with one.", clusterName, name);
        }

        var version = NodegroupVersion(request.Version ?? cluster.Version, cluster.Version, clusterName, name);
        if (ClusterVersionChange.Minor(version) < ClusterVersionChange.Minor(nodegroup.Version))
        {
            throw EksErrors.InvalidParameter($"Unsupported Kubernetes minor version update from {nodegroup.Version} to {version}", clusterName, name);
        }

        var release = request.ReleaseVersion ?? ReleaseVersion(version);
        if (version == nodegroup.Version && release == nodegroup.ReleaseVersion && request.LaunchTemplate is null)
        {
            throw EksErrors.InvalidParameter($"Nodegroup {name} is already at version {version} with release version {release}", clusterName, name);
        }

        List<UpdateParam> parameters = [new("Version", version), new("ReleaseVersion", release)];
        void Apply(EksNodegroup ng)
        {
            ng.Version = version;
            ng.ReleaseVersion = release;
            ng.LaunchTemplate = request.LaunchTemplate ?? ng.LaunchTemplate;
        }

        return (parameters, Apply);
    }

    private async ValueTask<EksUpdate> ApplyAsync(
        AwsCaller caller, string region, string clusterName, string name, string type, string? token,
        Func<EksNodegroup, EksCluster, (List<UpdateParam> Params, Action<EksNodegroup> Apply)> plan, CancellationToken ct)
    {
        var scope = EksUpdateStore.ScopePrefix(caller.AccountId, region, clusterName, name);
        while (true)
        {
            var (nodegroup, revision) = await GetAsync(caller, region, clusterName, name, ct);
            var (cluster, _) = await clusters.GetAsync(caller.AccountId, region, clusterName, ct) ?? throw EksErrors.ClusterNotFound(clusterName);
            if (token is not null && await new EksUpdateStore(Store).FindByTokenAsync(scope, token, ct) is { } previous)
            {
                return previous;
            }

            if (nodegroup.Status == NodegroupStatus.Updating)
            {
                var running = await new EksUpdateStore(Store).FindInProgressAsync(scope, ct);
                throw EksErrors.ResourceInUse($"Cannot {type} because nodegroup {name} currently has update {running?.Id} in progress", clusterName, name);
            }

            if (nodegroup.Status != NodegroupStatus.Active)
            {
                throw EksErrors.ResourceInUse($"Nodegroup {name} is currently in {nodegroup.Status} state", clusterName, name);
            }

            var (parameters, apply) = plan(nodegroup, cluster.Cluster);
            apply(nodegroup);
            nodegroup.Status = NodegroupStatus.Updating;
            nodegroup.ModifiedAt = Now();
            var update = new EksUpdate { Id = Guid.NewGuid().ToString(), Status = UpdateStatus.InProgress, Type = type, Params = parameters, CreatedAt = Now() };
            var operations = new List<StoreOperation> { EksNodegroupStore.Update(caller.AccountId, region, nodegroup, revision), EksUpdateStore.Create(scope, update) };
            if (token is not null)
            {
                operations.Add(EksUpdateStore.RememberToken(scope, token, update.Id));
            }

            var begun = await Store.CommitAsync(operations, ct);
            if (begun.Status is CommitStatus.Conflict or CommitStatus.AlreadyExists)
            {
                continue;
            }

            if (!begun.Succeeded)
            {
                throw EksErrors.NodegroupNotFound(clusterName, name);
            }

            var snapshot = EksUpdateStore.Snapshot(update);
            await SettleAsync(caller.AccountId, region, nodegroup, begun.Revision, NodegroupStatus.Active, update, ct);
            return snapshot;
        }
    }
}
