using Lotse.Aws;
using Lotse.Eks.Clusters;
using Lotse.Eks.Updates;

namespace Lotse.Eks.Tests;

public class ClusterConfigChangeTests
{
    private static string Message(Action action) => Should.Throw<AwsServiceException>(action).Message;

    [Fact]
    public void Classify_TwoKinds_OnlyOneTypeAllowed()
    {
        var request = new UpdateClusterConfigRequest { ResourcesVpcConfig = new VpcConfig { EndpointPrivateAccess = true }, DeletionProtection = true };
        Message(() => ClusterConfigChange.Classify(request, "demo")).ShouldBe("Only one type of update can be allowed.");
    }

    [Fact]
    public void Classify_SubnetsAndEndpointTogether_AreTwoKinds()
    {
        var request = new UpdateClusterConfigRequest { ResourcesVpcConfig = new VpcConfig { SubnetIds = ["subnet-3", "subnet-4"], EndpointPrivateAccess = true } };
        Message(() => ClusterConfigChange.Classify(request, "demo")).ShouldBe("Only one type of update can be allowed.");
    }

    [Fact]
    public void Classify_Nothing_IsInvalid()
    {
        Should.Throw<AwsServiceException>(() => ClusterConfigChange.Classify(new UpdateClusterConfigRequest(), "demo")).Code.ShouldBe("InvalidParameterException");
    }

    [Fact]
    public void Plan_LoggingTypeAdded_KeepsOtherTypesAndWordsTheParamAsJson()
    {
        var cluster = TestData.Cluster();
        var request = new UpdateClusterConfigRequest { Logging = new Logging { ClusterLogging = [new LogSetup { Types = ["audit"], Enabled = true }] } };

        var change = ClusterConfigChange.Plan(ClusterConfigChange.Classify(request, "demo"), request, cluster);
        change.Apply(cluster);

        change.Type.ShouldBe("LoggingUpdate");
        change.Params.Single().ShouldBe(new UpdateParam("ClusterLogging", """{"clusterLogging":[{"types":["audit"],"enabled":true}]}"""));
        cluster.Logging.ClusterLogging[0].Types.ShouldBe(["audit"]);
        Message(() => ClusterConfigChange.Plan("LoggingUpdate", request, cluster)).ShouldBe("No changes needed for the logging config provided");
    }

    [Theory]
    [InlineData("CONFIG_MAP", "API_AND_CONFIG_MAP", null)]
    [InlineData("API_AND_CONFIG_MAP", "API", null)]
    [InlineData("CONFIG_MAP", "API", "Unsupported authentication mode update from CONFIG_MAP to API")]
    [InlineData("API", "API_AND_CONFIG_MAP", "Unsupported authentication mode update from API to API_AND_CONFIG_MAP")]
    [InlineData("API_AND_CONFIG_MAP", "CONFIG_MAP", "Unsupported authentication mode update from API_AND_CONFIG_MAP to CONFIG_MAP")]
    [InlineData("API", "API", "Cluster is already at the desired configuration with authenticationMode: API")]
    public void Plan_AuthenticationMode_OnlyForwardOneStep(string from, string to, string? error)
    {
        var cluster = TestData.Cluster(mode: from);
        var request = new UpdateClusterConfigRequest { AccessConfig = new AccessConfigUpdate { AuthenticationMode = to } };
        if (error is null)
        {
            ClusterConfigChange.Plan("AccessConfigUpdate", request, cluster).Apply(cluster);
            cluster.AccessConfig.AuthenticationMode.ShouldBe(to);
        }
        else
        {
            Message(() => ClusterConfigChange.Plan("AccessConfigUpdate", request, cluster)).ShouldBe(error);
        }
    }

    [Fact]
    public void Plan_EndpointAccessUnchanged_NamesTheCurrentConfiguration()
    {
        var request = new UpdateClusterConfigRequest { ResourcesVpcConfig = new VpcConfig { EndpointPublicAccess = true } };
        Message(() => ClusterConfigChange.Plan("EndpointAccessUpdate", request, TestData.Cluster()))
            .ShouldBe("Cluster is already at the desired configuration with endpointPrivateAccess: false and endpointPublicAccess: true");
    }

    [Fact]
    public void Plan_EndpointBothOff_IsRefused()
    {
        var request = new UpdateClusterConfigRequest { ResourcesVpcConfig = new VpcConfig { EndpointPublicAccess = false } };
        Should.Throw<AwsServiceException>(() => ClusterConfigChange.Plan("EndpointAccessUpdate", request, TestData.Cluster())).Code.ShouldBe("InvalidParameterException");
    }

    [Fact]
    public void Plan_SubnetsOnly_KeepsSecurityGroupsAndListsSubnetsParam()
    {
        var cluster = TestData.Cluster();
        var request = new UpdateClusterConfigRequest { ResourcesVpcConfig = new VpcConfig { SubnetIds = ["subnet-3", "subnet-4"] } };
        var change = ClusterConfigChange.Plan("VpcConfigUpdate", request, cluster);
        change.Apply(cluster);
        change.Params.Single().ShouldBe(new UpdateParam("Subnets", """["subnet-3","subnet-4"]"""));
        cluster.ResourcesVpcConfig.SubnetIds.ShouldBe(["subnet-3", "subnet-4"]);
    }

    [Theory]
    [InlineData("1.31", "1.32", null)]
    [InlineData("1.31", "1.33", "Unsupported Kubernetes minor version update from 1.31 to 1.33")]
    [InlineData("1.31", "1.31", "Unsupported Kubernetes minor version update from 1.31 to 1.31")]
    [InlineData("1.31", "1.30", "Unsupported Kubernetes minor version update from 1.31 to 1.30")]
    [InlineData("1.31", "1.32.1", "unsupported Kubernetes version")]
    [InlineData("1.33", "1.34", "unsupported Kubernetes version")]
    public void VersionPlan_OnlyOneMinorUpToASupportedVersion(string from, string to, string? error)
    {
        var cluster = TestData.Cluster(version: from);
        if (error is null)
        {
            var change = ClusterVersionChange.Plan(to, cluster);
            change.Apply(cluster);
            cluster.Version.ShouldBe(to);
            change.Params.Select(p => p.Type).ShouldBe(["Version", "PlatformVersion"]);
        }
        else
        {
            Message(() => ClusterVersionChange.Plan(to, cluster)).ShouldBe(error);
        }
    }

    [Theory]
    [InlineData("/aws/eks/123456789012/eu-central-1/cluster/demo", true)]
    [InlineData("/aws/eks/123456789012/eu-central-1/nodegroup/cluster/ng", false)]
    [InlineData("/aws/eks/123456789012/eu-central-1/update/cluster/control-plane/x", false)]
    [InlineData("/aws/iam/cluster/demo", false)]
    public void IsClusterKey_OnlyClusterRecords(string key, bool expected) => EksClusterRecord.IsClusterKey(key).ShouldBe(expected);
}
