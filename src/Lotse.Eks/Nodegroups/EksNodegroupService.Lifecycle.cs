using Lotse.Aws;
using Lotse.Eks.Clusters;
using Lotse.Eks.Updates;
using Lotse.Storage;

namespace Lotse.Eks.Nodegroups;

/// <summary>Building a new node group, its version and role checks, and settling a transition (CAS loop).</summary>
public sealed partial class EksNodegroupService
{
    /// <summary>AMI release of a minor, as EKS names them: <c>&lt;kubernetes patch&gt;-&lt;build date&gt;</c>.</summary>
    internal static string ReleaseVersion(string version) => $"{EksVersionCatalog.PatchVersion(version)}-20251120";

    private static string NodegroupVersion(string? requested, string clusterVersion, string clusterName, string name)
    {
        if (requested is null)
        {
            return clusterVersion;
        }

        if (ClusterVersionChange.Minor(requested) is not { } minor || !EksVersions.IsSupported(requested))
        {
            throw EksErrors.InvalidParameter("unsupported Kubernetes version", clusterName, name);
        }

        // Nodes may lag the control plane by up to three minors, never lead it.
        var clusterMinor = ClusterVersionChange.Minor(clusterVersion)!.Value;
        return minor <= clusterMinor && minor >= clusterMinor - 3
            ? requested
            : throw EksErrors.InvalidParameter($"Requested Nodegroup Kubernetes version {requested} is not supported with cluster version {clusterVersion}", clusterName, name);
    }

    private async ValueTask EnsureNodeRoleAsync(AwsCaller caller, string? nodeRole, string clusterName, string name, CancellationToken ct)
    {
        var role = await EksRoleLookup.RequireAsync(iam, caller, nodeRole, clusterName, name, ct);
        if (!CreateClusterValidator.TrustsService(role.AssumeRolePolicyDocument, "ec2.amazonaws.com"))
        {
            throw EksErrors.InvalidParameter(
                $"Following required service principals [ec2.amazonaws.com] were not found in the trust relationships of nodeRole {nodeRole}", clusterName, name);
        }
    }

    private EksNodegroup NewNodegroup(AwsCaller caller, string region, EksCluster cluster, CreateNodegroupRequest request, string version)
    {
        var id = Guid.NewGuid().ToString();
        var name = request.NodegroupName!;
        var now = Now();
        var amiType = request.AmiType ?? "AL2023_x86_64_STANDARD";
        var windows = amiType.StartsWith("WINDOWS_", StringComparison.Ordinal);
        return new EksNodegroup
        {
            NodegroupName = name,
            NodegroupArn = $"arn:aws:eks:{region}:{caller.AccountId}:nodegroup/{cluster.Name}/{name}/{id}",
            ClusterName = cluster.Name,
            Version = version,
            ReleaseVersion = request.ReleaseVersion ?? ReleaseVersion(version),
            CreatedAt = now,
            ModifiedAt = now,
            Status = NodegroupStatus.Creating,
            CapacityType = request.CapacityType ?? "ON_DEMAND",
            ScalingConfig = CreateNodegroupValidator.ScalingOrDefault(request.ScalingConfig),
            InstanceTypes = request.InstanceTypes is { Count: > 0 } types ? types : ["t3.medium"],
            Subnets = request.Subnets!,
            RemoteAccess = request.RemoteAccess,
            AmiType = amiType,
            NodeRole = request.NodeRole!,
            Labels = request.Labels ?? [],
            Taints = request.Taints,
            Resources = new NodegroupResources
            {
                AutoScalingGroups = [new AutoScalingGroup($"eks-{name}-{id}")],
                RemoteAccessSecurityGroup = request.RemoteAccess is null ? null : "sg-" + id.Replace("-", "", StringComparison.Ordinal)[..17],
            },

            // With a launch template the disk is the template's business, so EKS reports none.
            DiskSize = request.LaunchTemplate is not null ? null : request.DiskSize ?? (windows ? 50 : 20),
            Health = new ClusterHealth(),
            UpdateConfig = request.UpdateConfig ?? new NodegroupUpdateConfig { MaxUnavailable = 1 },
            LaunchTemplate = request.LaunchTemplate,
            Tags = request.Tags ?? [],
            ClientRequestToken = request.ClientRequestToken,
        };
    }

    /// <summary>Moves <paramref name="nodegroup"/> to <paramref name="status"/> (and completes <paramref name="update"/>), retrying on CAS conflicts.</summary>
    private async Task SettleAsync(string accountId, string region, EksNodegroup nodegroup, long revision, string status, EksUpdate? update, CancellationToken ct)
    {
        var scope = EksUpdateStore.ScopePrefix(accountId, region, nodegroup.ClusterName, nodegroup.NodegroupName);
        while (true)
        {
            nodegroup.Status = status;
            var operations = new List<StoreOperation> { EksNodegroupStore.Update(accountId, region, nodegroup, revision) };
            if (update is not null)
            {
                operations.Add(EksUpdateStore.Complete(scope, update));
            }

            var done = await Store.CommitAsync(operations, ct);
            if (done.Status != CommitStatus.Conflict)
            {
                return;
            }

            // Tags may have changed meanwhile; anything other than a tag change (e.g. a delete) wins over us.
            var current = await _nodegroups.GetAsync(accountId, region, nodegroup.ClusterName, nodegroup.NodegroupName, ct);
            if (current is not { } found || found.Record.Status is NodegroupStatus.Deleting)
            {
                return;
            }

            (nodegroup, revision) = found;
        }
    }
}
