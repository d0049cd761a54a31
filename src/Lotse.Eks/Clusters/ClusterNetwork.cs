using Lotse.Aws.Ec2;

namespace Lotse.Eks.Clusters;

/// <summary>
/// The networking checks EKS makes against EC2 before it accepts a cluster, a VPC update, a node group or a Fargate profile:
/// the subnets and security groups exist, sit in one VPC (the cluster's, once there is a cluster), span two AZs where
/// the control plane needs them, and are private where Fargate needs them. One subnet read and at most one group read per call.
/// </summary>
public sealed class ClusterNetwork(IEc2Network ec2)
{
    /// <summary>Checks a cluster's subnets and security groups; returns the VPC they are in.</summary>
    /// <param name="clusterVpcId">The cluster's VPC when it already has one (an update): the subnets must stay in it.</param>
    public async ValueTask<string> CheckClusterAsync(
        string accountId, string region, IReadOnlyList<string> subnetIds, IReadOnlyList<string> groupIds, string clusterName, string? clusterVpcId, CancellationToken ct)
    {
        var subnets = await FindAllSubnetsAsync(accountId, region, subnetIds, clusterName, null, ct);
        if (subnets.Select(s => s.AvailabilityZone).Distinct(StringComparer.Ordinal).Count() < 2)
        {
            throw EksErrors.InvalidParameter("Subnets specified must be in at least two different AZs", clusterName);
        }

        var vpcs = subnets.Select(s => s.VpcId).Distinct(StringComparer.Ordinal).ToList();
        if (vpcs.Count > 1)
        {
            // Lotse's wording: no published EKS text for subnets of several VPCs was found.
            throw EksErrors.InvalidParameter($"Subnets specified must belong to the same VPC, but they are in [{string.Join(", ", vpcs)}]", clusterName);
        }

        var vpcId = vpcs[0];
        if (clusterVpcId is not null && vpcId != clusterVpcId)
        {
            throw EksErrors.InvalidParameter($"Specified subnets must belong to cluster's vpc {clusterVpcId}", clusterName);
        }

        await CheckSecurityGroupsAsync(accountId, region, groupIds, vpcId, clusterName, ct);
        return vpcId;
    }

    /// <summary>A node group's subnets exist and are in the cluster's VPC.</summary>
    public async ValueTask CheckNodegroupAsync(
        string accountId, string region, IReadOnlyList<string> subnetIds, EksCluster cluster, string nodegroupName, CancellationToken ct)
    {
        var subnets = await FindAllSubnetsAsync(accountId, region, subnetIds, cluster.Name, nodegroupName, ct);
        RequireClusterVpc(subnets, cluster, nodegroupName);
    }

    /// <summary>A Fargate profile's subnets exist, are in the cluster's VPC and are private (Fargate pods get no public IP).</summary>
    public async ValueTask CheckFargateAsync(string accountId, string region, IReadOnlyList<string> subnetIds, EksCluster cluster, CancellationToken ct)
    {
        if (subnetIds.Count == 0)
        {
            return;
        }

        var subnets = await FindAllSubnetsAsync(accountId, region, subnetIds, cluster.Name, null, ct);
        RequireClusterVpc(subnets, cluster, null);

        // Lotse has no route tables: a subnet that hands out public IPs is what makes it public here.
        if (subnets.FirstOrDefault(s => s.MapPublicIpOnLaunch) is { } open)
        {
            throw EksErrors.InvalidParameter($"Subnet {open.SubnetId} provided in Fargate Profile is not a private subnet", cluster.Name);
        }
    }

    private async ValueTask<IReadOnlyList<Ec2SubnetInfo>> FindAllSubnetsAsync(
        string accountId, string region, IReadOnlyList<string> subnetIds, string clusterName, string? nodegroupName, CancellationToken ct)
    {
        var found = await ec2.FindSubnetsAsync(accountId, region, subnetIds, ct);
        var known = found.Select(s => s.SubnetId).ToHashSet(StringComparer.Ordinal);
        if (subnetIds.FirstOrDefault(id => !known.Contains(id)) is { } missing)
        {
            // EKS passes EC2's error through, wrapped in the Java SDK's detail suffix.
            throw EksErrors.InvalidParameter(Ec2NotFound($"The subnet ID '{missing}' does not exist", "InvalidSubnetID.NotFound"), clusterName, nodegroupName);
        }

        return found;
    }

    private async ValueTask CheckSecurityGroupsAsync(string accountId, string region, IReadOnlyList<string> groupIds, string vpcId, string clusterName, CancellationToken ct)
    {
        if (groupIds.Count == 0)
        {
            return;
        }

        var found = await ec2.FindSecurityGroupsAsync(accountId, region, groupIds, ct);
        var known = found.Select(g => g.GroupId).ToHashSet(StringComparer.Ordinal);
        if (groupIds.FirstOrDefault(id => !known.Contains(id)) is { } missing)
        {
            throw EksErrors.InvalidParameter(Ec2NotFound($"The security group '{missing}' does not exist", "InvalidGroup.NotFound"), clusterName);
        }

        var elsewhere = found.Where(g => g.VpcId != vpcId).Select(g => g.GroupId).ToList();
        if (elsewhere.Count > 0)
        {
            throw EksErrors.InvalidParameter(
                $"Security group(s) [{string.Join(", ", elsewhere)}] are not in the same VPC as the subnets. Please specify a security group that is associated with the VPC: {vpcId}.",
                clusterName);
        }
    }

    private static void RequireClusterVpc(IReadOnlyList<Ec2SubnetInfo> subnets, EksCluster cluster, string? nodegroupName)
    {
        var vpcId = cluster.ResourcesVpcConfig.VpcId;
        if (subnets.Any(s => s.VpcId != vpcId))
        {
            throw EksErrors.InvalidParameter($"Specified subnets must belong to cluster's vpc {vpcId}", cluster.Name, nodegroupName);
        }
    }

    private static string Ec2NotFound(string message, string code) =>
        $"{message} (Service: AmazonEC2; Status Code: 400; Error Code: {code}; Request ID: {Guid.NewGuid()}; Proxy: null)";
}
