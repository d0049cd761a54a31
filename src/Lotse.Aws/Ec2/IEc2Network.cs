namespace Lotse.Aws.Ec2;

/// <summary>
/// What other services (EKS) ask of the EC2 subset: the subnets and security groups an account has in a region, and the
/// cluster security group EKS creates in the cluster's VPC. Every call sees the account's default VPC, created on first use.
/// </summary>
public interface IEc2Network
{
    /// <summary>The subnets among <paramref name="subnetIds"/> that exist; ids that name nothing are left out.</summary>
    ValueTask<IReadOnlyList<Ec2SubnetInfo>> FindSubnetsAsync(string accountId, string region, IReadOnlyList<string> subnetIds, CancellationToken ct);

    /// <summary>The security groups among <paramref name="groupIds"/> that exist; ids that name nothing are left out.</summary>
    ValueTask<IReadOnlyList<Ec2SecurityGroupInfo>> FindSecurityGroupsAsync(string accountId, string region, IReadOnlyList<string> groupIds, CancellationToken ct);

    /// <summary>Creates the security group EKS makes for a cluster (<c>eks-cluster-sg-&lt;cluster&gt;-&lt;digits&gt;</c>) and returns its id.</summary>
    ValueTask<string> CreateClusterSecurityGroupAsync(string accountId, string region, string vpcId, string clusterName, CancellationToken ct);

    /// <summary>Deletes a security group EKS created; a group already gone is not an error.</summary>
    ValueTask DeleteSecurityGroupAsync(string accountId, string region, string groupId, CancellationToken ct);
}

/// <param name="MapPublicIpOnLaunch">True for the default VPC's subnets; Lotse has no route tables, so this is what makes a subnet public.</param>
public sealed record Ec2SubnetInfo(string SubnetId, string VpcId, string AvailabilityZone, string AvailabilityZoneId, string CidrBlock, bool MapPublicIpOnLaunch);

public sealed record Ec2SecurityGroupInfo(string GroupId, string VpcId, string GroupName);
