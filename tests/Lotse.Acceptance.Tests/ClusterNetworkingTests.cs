using System.Text.Json;

namespace Lotse.Acceptance.Tests;

/// <summary>
/// EKS networking judged against Lotse's EC2 through the real aws CLI: the cluster's VPC and cluster security group,
/// and the refusals for unknown subnets and groups, one AZ, two VPCs, a node group outside the VPC and Fargate on a public subnet.
/// </summary>
public sealed class ClusterNetworkingTests(LotseFixture fixture) : IClassFixture<LotseFixture>
{
    private const string Ec2Trust = """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}
        """;

    private const string PodsTrust = """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"eks-fargate-pods.amazonaws.com"},"Action":"sts:AssumeRole"}]}
        """;

    private const string Refused = "An error occurred (InvalidParameterException) when calling the";

    private LotseServer Server => fixture.Server;

    private Task<ToolResult> CreateClusterAsync(string name, string vpcConfig) =>
        Server.AwsAsync("eks", "create-cluster", "--name", name, "--role-arn", fixture.ClusterRoleArn, "--resources-vpc-config", vpcConfig);

    private async Task<string> TextAsync(params string[] args) => (await Server.AwsAsync([.. args, "--output", "text"])).ShouldSucceed().StdOut.Trim();

    private async Task<string> RoleAsync(string name, string trust)
    {
        var existing = await Server.AwsAsync("iam", "get-role", "--role-name", name, "--query", "Role.Arn", "--output", "text");
        if (existing.ExitCode == 0)
        {
            return existing.StdOut.Trim();
        }

        var file = Path.Combine(Server.Home, $"{name}-trust.json");
        await File.WriteAllTextAsync(file, trust);
        return await TextAsync("iam", "create-role", "--role-name", name, "--assume-role-policy-document", $"file://{file}", "--query", "Role.Arn");
    }

    private Task<string> DefaultVpcAsync() => TextAsync("ec2", "describe-subnets", "--subnet-ids", fixture.SubnetIds[0], "--query", "Subnets[0].VpcId");

    private Task<string> ZoneOfAsync(string subnet) => TextAsync("ec2", "describe-subnets", "--subnet-ids", subnet, "--query", "Subnets[0].AvailabilityZone");

    /// <summary>A new VPC with one subnet in each of the default subnets' zones.</summary>
    private async Task<(string Vpc, string[] Subnets)> OtherVpcAsync(string cidrPrefix)
    {
        var vpc = await TextAsync("ec2", "create-vpc", "--cidr-block", $"{cidrPrefix}.0.0/16", "--query", "Vpc.VpcId");
        var subnets = new string[2];
        for (var i = 0; i < 2; i++)
        {
            subnets[i] = await TextAsync("ec2", "create-subnet", "--vpc-id", vpc, "--cidr-block", $"{cidrPrefix}.{i}.0/24",
                "--availability-zone", await ZoneOfAsync(fixture.SubnetIds[i]), "--query", "Subnet.SubnetId");
        }

        return (vpc, subnets);
    }

    [CliFact]
    public async Task CreateCluster_DefaultSubnets_ShowsVpcAndClusterSecurityGroupDeletedWithTheCluster()
    {
        (await CreateClusterAsync("net-ok", $"subnetIds={fixture.SubnetIdsCsv}")).ShouldSucceed();
        var vpc = JsonDocument.Parse((await Server.AwsAsync("eks", "describe-cluster", "--name", "net-ok", "--query", "cluster.resourcesVpcConfig")).ShouldSucceed().StdOut)
            .RootElement;

        vpc.GetProperty("vpcId").GetString().ShouldBe(await DefaultVpcAsync());
        var group = vpc.GetProperty("clusterSecurityGroupId").GetString()!;
        (await TextAsync("ec2", "describe-security-groups", "--group-ids", group, "--query", "SecurityGroups[0].GroupName")).ShouldStartWith("eks-cluster-sg-net-ok-");

        (await Server.AwsAsync("eks", "delete-cluster", "--name", "net-ok")).ShouldSucceed();
        (await Server.AwsAsync("eks", "wait", "cluster-deleted", "--name", "net-ok")).ShouldSucceed();
        (await Server.AwsAsync("ec2", "describe-security-groups", "--group-ids", group)).ErrorLine().ShouldContain("InvalidGroup.NotFound");
    }

    [CliFact]
    public async Task CreateCluster_UnknownSubnet_IsEc2NotFoundAsEksPassesItOn()
    {
        (await CreateClusterAsync("net-nosubnet", $"subnetIds={fixture.SubnetIds[0]},subnet-0123456789abcdef0")).ErrorLine().ShouldStartWith(
            $"{Refused} CreateCluster operation: The subnet ID 'subnet-0123456789abcdef0' does not exist (Service: AmazonEC2; Status Code: 400; Error Code: InvalidSubnetID.NotFound;");
        (await Server.AwsAsync("eks", "describe-cluster", "--name", "net-nosubnet")).ErrorLine().ShouldContain("(ResourceNotFoundException)");
    }

    [CliFact]
    public async Task CreateCluster_SubnetsInOneAz_IsRefused()
    {
        var sameZone = await TextAsync("ec2", "create-subnet", "--vpc-id", await DefaultVpcAsync(), "--cidr-block", "172.31.96.0/20",
            "--availability-zone", await ZoneOfAsync(fixture.SubnetIds[0]), "--query", "Subnet.SubnetId");

        (await CreateClusterAsync("net-oneaz", $"subnetIds={fixture.SubnetIds[0]},{sameZone}")).ErrorLine()
            .ShouldBe($"{Refused} CreateCluster operation: Subnets specified must be in at least two different AZs");
    }

    [CliFact]
    public async Task CreateCluster_SubnetsInTwoVpcs_IsRefused()
    {
        var (_, other) = await OtherVpcAsync("10.21");

        (await CreateClusterAsync("net-twovpc", $"subnetIds={fixture.SubnetIds[0]},{other[1]}")).ErrorLine()
            .ShouldStartWith($"{Refused} CreateCluster operation: Subnets specified must belong to the same VPC");
    }

    [CliFact]
    public async Task CreateCluster_UnknownOrForeignSecurityGroup_IsRefused()
    {
        var (otherVpc, _) = await OtherVpcAsync("10.22");
        var foreign = await TextAsync("ec2", "create-security-group", "--group-name", "elsewhere", "--description", "other vpc", "--vpc-id", otherVpc,
            "--query", "GroupId");

        (await CreateClusterAsync("net-nosg", $"subnetIds={fixture.SubnetIdsCsv},securityGroupIds=sg-0123456789abcdef0")).ErrorLine().ShouldStartWith(
            $"{Refused} CreateCluster operation: The security group 'sg-0123456789abcdef0' does not exist (Service: AmazonEC2; Status Code: 400; Error Code: InvalidGroup.NotFound;");
        (await CreateClusterAsync("net-foreignsg", $"subnetIds={fixture.SubnetIdsCsv},securityGroupIds={foreign}")).ErrorLine().ShouldBe(
            $"{Refused} CreateCluster operation: Security group(s) [{foreign}] are not in the same VPC as the subnets. "
            + $"Please specify a security group that is associated with the VPC: {await DefaultVpcAsync()}.");
    }

    [CliFact]
    public async Task UpdateClusterConfig_SubnetsOfAnotherVpc_IsRefusedSameVpcAccepted()
    {
        (await CreateClusterAsync("net-update", $"subnetIds={fixture.SubnetIdsCsv}")).ShouldSucceed();
        var (_, other) = await OtherVpcAsync("10.23");

        (await Server.AwsAsync("eks", "update-cluster-config", "--name", "net-update", "--resources-vpc-config", $"subnetIds={string.Join(',', other)}"))
            .ErrorLine().ShouldBe($"{Refused} UpdateClusterConfig operation: Specified subnets must belong to cluster's vpc {await DefaultVpcAsync()}");
        (await Server.AwsAsync("eks", "update-cluster-config", "--name", "net-update", "--resources-vpc-config", $"subnetIds={fixture.SubnetIds[0]},subnet-0123456789abcdef0"))
            .ErrorLine().ShouldContain("Error Code: InvalidSubnetID.NotFound;");

        var moved = $"{fixture.SubnetIds[0]},{(await fixture.PrivateSubnetIdsAsync())[1]}";
        (await TextAsync("eks", "update-cluster-config", "--name", "net-update", "--resources-vpc-config", $"subnetIds={moved}", "--query", "update.type"))
            .ShouldBe("VpcConfigUpdate");
        (await TextAsync("eks", "describe-cluster", "--name", "net-update", "--query", "cluster.resourcesVpcConfig.subnetIds")).Replace('\t', ',').ShouldBe(moved);
    }

    [CliFact]
    public async Task CreateNodegroup_SubnetInAnotherVpc_IsRefused()
    {
        (await CreateClusterAsync("net-ng", $"subnetIds={fixture.SubnetIdsCsv}")).ShouldSucceed();
        var (_, other) = await OtherVpcAsync("10.24");
        var nodeRole = await RoleAsync("netNodeRole", Ec2Trust);

        (await Server.AwsAsync("eks", "create-nodegroup", "--cluster-name", "net-ng", "--nodegroup-name", "outside", "--subnets", other[0], "--node-role", nodeRole))
            .ErrorLine().ShouldBe($"{Refused} CreateNodegroup operation: Specified subnets must belong to cluster's vpc {await DefaultVpcAsync()}");
        (await Server.AwsAsync("eks", "create-nodegroup", "--cluster-name", "net-ng", "--nodegroup-name", "inside", "--subnets", fixture.SubnetIds[0], "--node-role", nodeRole))
            .ShouldSucceed();
    }

    [CliFact]
    public async Task CreateFargateProfile_PublicSubnet_IsRefusedPrivateSubnetsAccepted()
    {
        (await CreateClusterAsync("net-fp", $"subnetIds={fixture.SubnetIdsCsv}")).ShouldSucceed();
        var podRole = await RoleAsync("netFargatePodRole", PodsTrust);
        var privateSubnets = await fixture.PrivateSubnetIdsAsync();

        (await Server.AwsAsync("eks", "create-fargate-profile", "--cluster-name", "net-fp", "--fargate-profile-name", "public", "--pod-execution-role-arn", podRole,
            "--selectors", "namespace=default", "--subnets", privateSubnets[0], fixture.SubnetIds[1])).ErrorLine()
            .ShouldBe($"{Refused} CreateFargateProfile operation: Subnet {fixture.SubnetIds[1]} provided in Fargate Profile is not a private subnet");
        var created = await TextAsync("eks", "create-fargate-profile", "--cluster-name", "net-fp", "--fargate-profile-name", "private", "--pod-execution-role-arn", podRole,
            "--selectors", "namespace=default", "--subnets", privateSubnets[0], privateSubnets[1], "--query", "fargateProfile.subnets");
        created.Split('\t', StringSplitOptions.TrimEntries).ShouldBe(privateSubnets);
    }
}
