using Lotse.Aws;
using Lotse.Aws.Ec2;
using Lotse.Eks.Access;
using Lotse.Eks.Clusters;
using Lotse.Storage;

namespace Lotse.Eks.Updates;

/// <summary>
/// UpdateClusterConfig and UpdateClusterVersion: the change and an InProgress Update are committed together with the
/// cluster UPDATING; Lotse has nothing to roll out, so the same request then commits Successful and ACTIVE.
/// The caller gets the InProgress snapshot (the state at the moment of the call), the first DescribeUpdate sees Successful.
/// </summary>
public sealed class EksClusterUpdateService(EksClusterStore clusters, EksClusterDirectory directory, IEc2Network ec2, TimeProvider time)
{
    private readonly ClusterNetwork _network = new(ec2);

    private IStore Store => clusters.Store;

    public ValueTask<EksUpdate> UpdateConfigAsync(AwsCaller caller, string region, string name, UpdateClusterConfigRequest request, CancellationToken ct)
    {
        var type = ClusterConfigChange.Classify(request, name);
        return ApplyAsync(caller, region, name, type, request.ClientRequestToken, async cluster =>
        {
            var change = ClusterConfigChange.Plan(type, request, cluster);
            if (type == UpdateType.VpcConfig)
            {
                // New subnets and security groups face the same EC2 checks as at create, and stay in the cluster's VPC.
                var (subnets, groups) = ClusterConfigChange.VpcTargets(request.ResourcesVpcConfig!, cluster);
                await _network.CheckClusterAsync(caller.AccountId, region, subnets, groups, name, cluster.ResourcesVpcConfig.VpcId, ct);
            }

            return change;
        }, ct);
    }

    public ValueTask<EksUpdate> UpdateVersionAsync(AwsCaller caller, string region, string name, UpdateClusterVersionRequest request, CancellationToken ct) =>
        ApplyAsync(caller, region, name, UpdateType.Version, request.ClientRequestToken, cluster => ValueTask.FromResult(ClusterVersionChange.Plan(request.Version, cluster)), ct);

    public ValueTask<EksUpdate> AssociateEncryptionAsync(AwsCaller caller, string region, string name, AssociateEncryptionConfigRequest request, CancellationToken ct) =>
        ApplyAsync(caller, region, name, UpdateType.AssociateEncryptionConfig, request.ClientRequestToken,
            cluster => ValueTask.FromResult(ClusterEncryptionChange.Plan(request.EncryptionConfig, cluster)), ct);

    /// <summary>
    /// Starts and finishes one cluster update planned by <paramref name="plan"/> (also used by identity provider configs, whose
    /// record is written by the change's <see cref="ClusterChange.Operations"/>).
    /// </summary>
    public async ValueTask<EksUpdate> ApplyAsync(
        AwsCaller caller, string region, string name, string type, string? token, Func<EksCluster, ValueTask<ClusterChange>> plan, CancellationToken ct)
    {
        var scope = EksUpdateStore.ScopePrefix(caller.AccountId, region, name, null);
        while (true)
        {
            var (record, revision) = await clusters.GetAsync(caller.AccountId, region, name, ct) ?? throw EksErrors.ClusterNotFound(name);

            // A retry with the same idempotency token answers with the update the first call started.
            if (token is not null && await new EksUpdateStore(Store).FindByTokenAsync(scope, token, ct) is { } previous)
            {
                return previous;
            }

            await EnsureUpdatableAsync(record.Cluster, type, scope, ct);

            var change = await plan(record.Cluster);
            var modeBefore = AccessEntryTypes.ModeOf(record.Cluster);
            change.Apply(record.Cluster);
            record.Cluster.Status = ClusterStatus.Updating;
            var update = new EksUpdate
            {
                Id = Guid.NewGuid().ToString(),
                Status = UpdateStatus.InProgress,
                Type = change.Type,
                Params = change.Params,
                CreatedAt = Math.Round(time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0, 3),
            };

            var operations = new List<StoreOperation> { EksClusterStore.Update(record, revision), EksUpdateStore.Create(scope, update) };
            operations.AddRange(change.Operations);
            if (token is not null)
            {
                operations.Add(EksUpdateStore.RememberToken(scope, token, update.Id));
            }

            if (await CreatorEntryOnEnablingAsync(record, modeBefore, update.CreatedAt, ct) is { } creatorEntry)
            {
                operations.Add(EksAccessEntryStore.Create(record.AccountId, record.Region, creatorEntry));
            }

            var begun = await Store.CommitAsync(operations, ct);
            if (begun.Status is CommitStatus.Conflict or CommitStatus.AlreadyExists)
            {
                continue;
            }

            if (!begun.Succeeded)
            {
                throw EksErrors.ClusterNotFound(name);
            }

            var snapshot = EksUpdateStore.Snapshot(update);
            await CompleteAsync(record, begun.Revision, update, ct);
            return snapshot;
        }
    }

    /// <summary>
    /// Switching access entries on (CONFIG_MAP → API_AND_CONFIG_MAP) turns the implicit, invisible creator admin into a real access
    /// entry with the cluster-admin policy, as EKS does; committed with the mode change, so no request sees the mode without it.
    /// </summary>
    private async ValueTask<EksAccessEntryRecord?> CreatorEntryOnEnablingAsync(EksClusterRecord record, string modeBefore, double now, CancellationToken ct)
    {
        var enabling = !AccessEntryTypes.UsesAccessEntries(modeBefore) && AccessEntryTypes.UsesAccessEntries(AccessEntryTypes.ModeOf(record.Cluster));
        if (!enabling || record.Cluster.AccessConfig.BootstrapClusterCreatorAdminPermissions == false)
        {
            return null;
        }

        var existing = await new EksAccessEntryStore(Store).FindAsync(record.AccountId, record.Region, record.Cluster.Name, record.CreatorArn, ct);
        return existing is null ? EksAccessEntryService.CreatorEntry(record, record.CreatorPrincipalId, now) : null;
    }

    private async ValueTask EnsureUpdatableAsync(EksCluster cluster, string type, string scope, CancellationToken ct)
    {
        if (cluster.Status == ClusterStatus.Updating)
        {
            var running = await new EksUpdateStore(Store).FindInProgressAsync(scope, ct);
            throw EksErrors.ResourceInUse($"Cannot {type} because cluster {cluster.Name} currently has update {running?.Id} in progress", cluster.Name);
        }

        if (cluster.Status != ClusterStatus.Active)
        {
            throw EksErrors.InvalidRequest($"Cluster '{cluster.Name}' is not in ACTIVE status", cluster.Name);
        }
    }

    /// <summary>Marks <paramref name="update"/> Successful and the cluster ACTIVE again (also at start-up, for updates a stopped process began).</summary>
    public async Task CompleteAsync(EksClusterRecord record, long revision, EksUpdate? update, CancellationToken ct)
    {
        var scope = EksUpdateStore.ScopePrefix(record.AccountId, record.Region, record.Cluster.Name, null);
        while (true)
        {
            // Tags may change while an update runs (EKS allows that), so the cluster's revision can move under us.
            var finishesCluster = record.Cluster.Status == ClusterStatus.Updating;
            record.Cluster.Status = finishesCluster ? ClusterStatus.Active : record.Cluster.Status;
            var operations = new List<StoreOperation>();
            if (finishesCluster)
            {
                operations.Add(EksClusterStore.Update(record, revision));
            }

            if (update is not null)
            {
                operations.Add(EksUpdateStore.Complete(scope, update));
            }

            if (operations.Count == 0)
            {
                return;
            }

            var done = await Store.CommitAsync(operations, ct);
            if (done.Succeeded)
            {
                directory.Upsert(record);
                return;
            }

            var current = await clusters.GetAsync(record.AccountId, record.Region, record.Cluster.Name, ct);
            if (done.Status != CommitStatus.Conflict || current is null)
            {
                return; // the cluster (and with it its updates) is gone
            }

            (record, revision) = current.Value;
        }
    }

    /// <summary>Finishes every InProgress update of an UPDATING cluster found at start-up.</summary>
    public async Task ResumeAsync(EksClusterRecord record, long revision, CancellationToken ct)
    {
        var scope = EksUpdateStore.ScopePrefix(record.AccountId, record.Region, record.Cluster.Name, null);
        var running = await new EksUpdateStore(Store).FindInProgressAsync(scope, ct);
        await CompleteAsync(record, revision, running, ct);
    }
}
