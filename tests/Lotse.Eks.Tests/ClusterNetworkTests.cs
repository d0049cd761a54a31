using Lotse.Aws;
using Lotse.Eks.Clusters;

namespace Lotse.Eks.Tests;

/// <summary>The EC2 checks of cluster, node group and Fargate networking, with EKS's messages, against the in-memory EC2.</summary>
public class ClusterNetworkTests
{
    private const string Account = "123456789012";
    private const string Region = "eu-central-1";
    private readonly ClusterNetwork _network = new(new FakeEc2Network());

    [Fact]
    public async Task CheckCluster_TwoAzsOneVpc_ReturnsTheVpc()
    {
        var vpc = await _network.CheckClusterAsync(Account, Region, ["subnet-1", "subnet-2"], ["sg-default"], "demo", null, default);

        vpc.ShouldBe(FakeEc2Network.DefaultVpc);
    }

    [Fact]
    public async Task CheckCluster_UnknownSubnet_IsEc2NotFoundPassedThrough()
    {
        var error = await Fails(_network.CheckClusterAsync(Account, Region, ["subnet-1", "subnet-0404"], [], "demo", null, default));

        error.Message.ShouldStartWith("The subnet ID 'subnet-0404' does not exist (Service: AmazonEC2; Status Code: 400; Error Code: InvalidSubnetID.NotFound; Request ID: ");
    }

    [Fact]
    public async Task CheckCluster_OneAz_IsRefused()
    {
        var error = await Fails(_network.CheckClusterAsync(Account, Region, ["subnet-1", "subnet-4"], [], "demo", null, default));

        error.Message.ShouldBe("Subnets specified must be in at least two different AZs");
    }

    [Fact]
    public async Task CheckCluster_TwoVpcs_IsRefused()
    {
        var error = await Fails(_network.CheckClusterAsync(Account, Region, ["subnet-1", "subnet-b2"], [], "demo", null, default));

        error.Message.ShouldStartWith("Subnets specified must belong to the same VPC");
    }

    [Fact]
    public async Task CheckCluster_UnknownOrForeignSecurityGroup_IsRefused()
    {
        var unknown = await Fails(_network.CheckClusterAsync(Account, Region, ["subnet-1", "subnet-2"], ["sg-0404"], "demo", null, default));
        var foreign = await Fails(_network.CheckClusterAsync(Account, Region, ["subnet-1", "subnet-2"], ["sg-other"], "demo", null, default));

        unknown.Message.ShouldStartWith("The security group 'sg-0404' does not exist (Service: AmazonEC2; Status Code: 400; Error Code: InvalidGroup.NotFound;");
        foreign.Message.ShouldBe(
            "Security group(s) [sg-other] are not in the same VPC as the subnets. Please specify a security group that is associated with the VPC: vpc-default.");
    }

    [Fact]
    public async Task CheckCluster_UpdateLeavingTheClusterVpc_IsRefused()
    {
        var error = await Fails(_network.CheckClusterAsync(Account, Region, ["subnet-b1", "subnet-b2"], [], "demo", FakeEc2Network.DefaultVpc, default));

        error.Message.ShouldBe("Specified subnets must belong to cluster's vpc vpc-default");
    }

    [Fact]
    public async Task CheckNodegroup_SubnetInAnotherVpc_NamesTheNodegroup()
    {
        await _network.CheckNodegroupAsync(Account, Region, ["subnet-1"], TestData.Cluster(), "ng", default);
        var error = await Fails(_network.CheckNodegroupAsync(Account, Region, ["subnet-b1"], TestData.Cluster(), "ng", default));

        error.Message.ShouldBe("Specified subnets must belong to cluster's vpc vpc-default");
        error.Members["nodegroupName"].ShouldBe("ng");
    }

    [Fact]
    public async Task CheckFargate_PublicSubnet_IsRefusedPrivateIsAccepted()
    {
        await _network.CheckFargateAsync(Account, Region, ["subnet-c1", "subnet-c2"], TestData.Cluster(), default);
        var error = await Fails(_network.CheckFargateAsync(Account, Region, ["subnet-c1", "subnet-2"], TestData.Cluster(), default));

        error.Message.ShouldBe("Subnet subnet-2 provided in Fargate Profile is not a private subnet");
    }

    private static async Task<AwsServiceException> Fails<T>(ValueTask<T> check)
    {
        var error = await Should.ThrowAsync<AwsServiceException>(async () => await check);
        error.Code.ShouldBe("InvalidParameterException");
        return error;
    }

    private static async Task<AwsServiceException> Fails(ValueTask check)
    {
        var error = await Should.ThrowAsync<AwsServiceException>(async () => await check);
        error.Code.ShouldBe("InvalidParameterException");
        return error;
    }
}
