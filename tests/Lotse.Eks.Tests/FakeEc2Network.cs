using Lotse.Aws.Ec2;

namespace Lotse.Eks.Tests;

/// <summary>
/// An in-memory EC2 for unit tests: a default VPC with public subnets <c>subnet-1</c>…<c>subnet-3</c> in three AZs
/// (the ids <see cref="TestData"/> uses), private subnets <c>subnet-c1</c>/<c>subnet-c2</c>, and a second VPC with two subnets.
/// </summary>
internal sealed class FakeEc2Network : IEc2Network
{
    public const string DefaultVpc = "vpc-default";
    public const string OtherVpc = "vpc-other";

    public List<Ec2SubnetInfo> Subnets { get; } =
    [
        new("subnet-1", DefaultVpc, "eu-central-1a", "euc1-az2", "172.31.0.0/20", true),
        new("subnet-2", DefaultVpc, "eu-central-1b", "euc1-az3", "172.31.16.0/20", true),
        new("subnet-3", DefaultVpc, "eu-central-1c", "euc1-az1", "172.31.32.0/20", true),
        new("subnet-4", DefaultVpc, "eu-central-1a", "euc1-az2", "172.31.48.0/20", true),
        new("subnet-c1", DefaultVpc, "eu-central-1a", "euc1-az2", "172.31.64.0/20", false),
        new("subnet-c2", DefaultVpc, "eu-central-1b", "euc1-az3", "172.31.80.0/20", false),
        new("subnet-b1", OtherVpc, "eu-central-1a", "euc1-az2", "10.0.0.0/24", false),
        new("subnet-b2", OtherVpc, "eu-central-1b", "euc1-az3", "10.0.1.0/24", false),
    ];

    public List<Ec2SecurityGroupInfo> SecurityGroups { get; } =
    [
        new("sg-default", DefaultVpc, "default"),
        new("sg-other", OtherVpc, "default"),
    ];

    public ValueTask<IReadOnlyList<Ec2SubnetInfo>> FindSubnetsAsync(string accountId, string region, IReadOnlyList<string> subnetIds, CancellationToken ct) =>
        ValueTask.FromResult<IReadOnlyList<Ec2SubnetInfo>>([.. Subnets.Where(s => subnetIds.Contains(s.SubnetId))]);

    public ValueTask<IReadOnlyList<Ec2SecurityGroupInfo>> FindSecurityGroupsAsync(string accountId, string region, IReadOnlyList<string> groupIds, CancellationToken ct) =>
        ValueTask.FromResult<IReadOnlyList<Ec2SecurityGroupInfo>>([.. SecurityGroups.Where(g => groupIds.Contains(g.GroupId))]);

    public ValueTask<string> CreateClusterSecurityGroupAsync(string accountId, string region, string vpcId, string clusterName, CancellationToken ct)
    {
        var group = new Ec2SecurityGroupInfo($"sg-{SecurityGroups.Count:x17}", vpcId, $"eks-cluster-sg-{clusterName}-1");
        SecurityGroups.Add(group);
        return ValueTask.FromResult(group.GroupId);
    }

    public ValueTask DeleteSecurityGroupAsync(string accountId, string region, string groupId, CancellationToken ct)
    {
        SecurityGroups.RemoveAll(g => g.GroupId == groupId);
        return ValueTask.CompletedTask;
    }
}
