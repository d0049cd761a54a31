using Lotse.Aws;
using Lotse.Aws.Ec2;
using Lotse.Aws.Iam;
using Lotse.Eks.Clusters;
using Lotse.Eks.Updates;
using Lotse.Storage;

namespace Lotse.Eks.Nodegroups;

/// <summary>
/// Managed node groups: CREATING → ACTIVE at once (there are no instances to launch; the simulated nodes are built
/// from the stored record), UPDATING → ACTIVE for updates, DELETING → gone. Responses show the state at the moment
/// of the call, so the first DescribeNodegroup already sees the result.
/// </summary>
public sealed partial class EksNodegroupService(EksClusterStore clusters, IamRepository iam, IEc2Network ec2, TimeProvider time)
{
    private readonly EksNodegroupStore _nodegroups = new(clusters.Store);

    private readonly ClusterNetwork _network = new(ec2);

    private IStore Store => clusters.Store;

    public async ValueTask<EksNodegroup> CreateAsync(AwsCaller caller, string region, string clusterName, CreateNodegroupRequest request, CancellationToken ct)
    {
        CreateNodegroupValidator.Validate(request, clusterName);
        var name = request.NodegroupName!;
        while (true)
        {
            var (cluster, clusterRevision) = await clusters.GetAsync(caller.AccountId, region, clusterName, ct) ?? throw EksErrors.ClusterNotFound(clusterName);
            if (await _nodegroups.GetAsync(caller.AccountId, region, clusterName, name, ct) is { } existing)
            {
                // A retry with the same idempotency token returns the node group it created instead of failing.
                if (request.ClientRequestToken is { } token && existing.Record.ClientRequestToken == token)
                {
                    return existing.Record;
                }

                throw EksErrors.ResourceInUse($"NodeGroup already exists with name {name} and cluster name {clusterName}", clusterName, name);
            }

            if (cluster.Cluster.Status != ClusterStatus.Active)
            {
                throw EksErrors.InvalidRequest($"Cluster '{clusterName}' is not in ACTIVE status", clusterName, name);
            }

            var version = NodegroupVersion(request.Version, cluster.Cluster.Version, clusterName, name);
            await EnsureNodeRoleAsync(caller, request.NodeRole, clusterName, name, ct);
            await _network.CheckNodegroupAsync(caller.AccountId, region, request.Subnets!, cluster.Cluster, name, ct);

            var nodegroup = NewNodegroup(caller, region, cluster.Cluster, request, version);

            // Re-writing the unchanged cluster record under CAS ties this create to the cluster's revision: a concurrent
            // DeleteCluster (which checks for node groups, then CAS-marks the cluster DELETING) cannot slip in between.
            var created = await Store.CommitAsync(
                [EksClusterStore.Update(cluster, clusterRevision), EksNodegroupStore.Create(caller.AccountId, region, nodegroup)], ct);
            if (created.Status is CommitStatus.Conflict or CommitStatus.AlreadyExists)
            {
                continue;
            }

            if (!created.Succeeded)
            {
                throw EksErrors.ClusterNotFound(clusterName);
            }

            var snapshot = EksNodegroupStore.Snapshot(nodegroup);
            await SettleAsync(caller.AccountId, region, nodegroup, created.Revision, NodegroupStatus.Active, null, ct);
            return snapshot;
        }
    }

    public async ValueTask<EksNodegroup> DescribeAsync(AwsCaller caller, string region, string clusterName, string name, CancellationToken ct) =>
        (await GetAsync(caller, region, clusterName, name, ct)).Nodegroup;

    public async ValueTask<(List<string> Names, string? NextToken)> ListAsync(
        AwsCaller caller, string region, string clusterName, int maxResults, string? nextToken, CancellationToken ct)
    {
        _ = await clusters.GetAsync(caller.AccountId, region, clusterName, ct) ?? throw EksErrors.ClusterNotFound(clusterName);
        string? start = null;
        if (nextToken is not null)
        {
            start = ListToken.Decode(nextToken) ?? throw EksErrors.InvalidParameter("The nextToken provided is invalid.", clusterName);
        }

        var page = await _nodegroups.ListAsync(caller.AccountId, region, clusterName, start, maxResults, ct);
        var prefix = EksNodegroupStore.ClusterPrefix(caller.AccountId, region, clusterName);
        var names = page.Items.Select(kv => kv.Key[prefix.Length..]).ToList();
        return (names, page.HasMore ? ListToken.Encode(names[^1] + "\0") : null);
    }

    public async ValueTask<EksNodegroup> DeleteAsync(AwsCaller caller, string region, string clusterName, string name, CancellationToken ct)
    {
        while (true)
        {
            var (nodegroup, revision) = await GetAsync(caller, region, clusterName, name, ct);
            if (nodegroup.Status == NodegroupStatus.Deleting)
            {
                return nodegroup;
            }

            nodegroup.Status = NodegroupStatus.Deleting;
            nodegroup.ModifiedAt = Now();
            var marked = await Store.CommitAsync([EksNodegroupStore.Update(caller.AccountId, region, nodegroup, revision)], ct);
            if (marked.Status == CommitStatus.Conflict)
            {
                continue;
            }

            if (!marked.Succeeded)
            {
                throw EksErrors.NodegroupNotFound(clusterName, name);
            }

            var snapshot = EksNodegroupStore.Snapshot(nodegroup);
            await FinishDeleteAsync(caller.AccountId, region, clusterName, name, ct);
            return snapshot;
        }
    }

    private async Task FinishDeleteAsync(string accountId, string region, string clusterName, string name, CancellationToken ct)
    {
        await Store.DeletePrefixAsync(EksUpdateStore.ScopePrefix(accountId, region, clusterName, name), ct);
        await Store.CommitAsync([StoreOperation.Delete(EksNodegroupStore.Key(accountId, region, clusterName, name), 0)], ct);
    }

    private async ValueTask<(EksNodegroup Nodegroup, long Revision)> GetAsync(AwsCaller caller, string region, string clusterName, string name, CancellationToken ct)
    {
        if (await _nodegroups.GetAsync(caller.AccountId, region, clusterName, name, ct) is { } found)
        {
            return found;
        }

        // Which of the two is missing decides the message.
        _ = await clusters.GetAsync(caller.AccountId, region, clusterName, ct) ?? throw EksErrors.ClusterNotFound(clusterName);
        throw EksErrors.NodegroupNotFound(clusterName, name);
    }

    private double Now() => Math.Round(time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0, 3);
}
