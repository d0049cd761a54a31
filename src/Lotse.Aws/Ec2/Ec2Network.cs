namespace Lotse.Aws.Ec2;

/// <summary><see cref="IEc2Network"/> over the stored EC2 subset: what EKS sees is exactly what <c>aws ec2</c> shows.</summary>
public sealed class Ec2Network(Ec2Repository repository) : IEc2Network
{
    public const string ClusterGroupDescription =
        "EKS created security group applied to ENI that is attached to EKS Control Plane master nodes, as well as any managed workloads.";

    public async ValueTask<IReadOnlyList<Ec2SubnetInfo>> FindSubnetsAsync(string accountId, string region, IReadOnlyList<string> subnetIds, CancellationToken ct)
    {
        var all = await repository.ListSubnetsAsync(accountId, region, ct);
        return [.. subnetIds.Select(id => all.FirstOrDefault(s => s.SubnetId == id)).OfType<Ec2Subnet>().Select(s => s.ToInfo())];
    }

    public async ValueTask<IReadOnlyList<Ec2SecurityGroupInfo>> FindSecurityGroupsAsync(string accountId, string region, IReadOnlyList<string> groupIds, CancellationToken ct)
    {
        var all = await repository.ListGroupsAsync(accountId, region, ct);
        return [.. groupIds.Select(id => all.FirstOrDefault(g => g.GroupId == id)).OfType<Ec2SecurityGroup>().Select(g => g.ToInfo())];
    }

    /// <summary>Creates <c>eks-cluster-sg-&lt;cluster&gt;-&lt;10 digits&gt;</c> tagged as EKS tags it.</summary>
    public async ValueTask<string> CreateClusterSecurityGroupAsync(string accountId, string region, string vpcId, string clusterName, CancellationToken ct)
    {
        var name = $"eks-cluster-sg-{clusterName}-{Ec2Ids.NewDigits(10)}";
        Ec2Tag[] tags = [new("aws:eks:cluster-name", clusterName), new($"kubernetes.io/cluster/{clusterName}", "owned"), new("Name", name)];
        var group = await repository.CreateGroupAsync(accountId, region, vpcId, name, ClusterGroupDescription, tags, ct);
        return group.GroupId;
    }

    public async ValueTask DeleteSecurityGroupAsync(string accountId, string region, string groupId, CancellationToken ct)
    {
        try
        {
            await repository.DeleteGroupAsync(accountId, region, groupId, ct);
        }
        catch (AwsServiceException error) when (error.Code == "InvalidGroup.NotFound")
        {
            // Already gone: deleting a cluster twice (or after a manual delete) must not fail.
        }
    }
}
