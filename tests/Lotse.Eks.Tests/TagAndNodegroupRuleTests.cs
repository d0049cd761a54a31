using Lotse.Aws;
using Lotse.Eks.Nodegroups;
using Lotse.Eks.Tags;

namespace Lotse.Eks.Tests;

public class TagAndNodegroupRuleTests
{
    [Theory]
    [InlineData("arn:aws:eks:eu-central-1:123456789012:cluster/demo", "cluster", 1)]
    [InlineData("arn:aws:eks:eu-central-1:123456789012:nodegroup/demo/ng/6ec3b7b4-0000-4000-8000-000000000000", "nodegroup", 3)]
    public void ResourceArn_Valid_IsTakenApart(string arn, string type, int pathLength)
    {
        var parsed = EksResourceArn.Parse(arn).ShouldNotBeNull();
        parsed.Type.ShouldBe(type);
        parsed.Path.Count.ShouldBe(pathLength);
        parsed.AccountId.ShouldBe("123456789012");
    }

    [Theory]
    [InlineData("not-an-arn")]
    [InlineData("arn:aws:iam::123456789012:role/x")]
    [InlineData("arn:aws:eks:eu-central-1:12345:cluster/demo")]
    [InlineData("arn:aws:eks:eu-central-1:123456789012:cluster/")]
    public void ResourceArn_Invalid_IsNull(string arn) => EksResourceArn.Parse(arn).ShouldBeNull();

    [Fact]
    public void TagRules_Limits_AreEnforced()
    {
        TagRules.Problem(new Dictionary<string, string> { ["team"] = "blue" }).ShouldBeNull();
        TagRules.Problem(new Dictionary<string, string> { ["aws:x"] = "y" }).ShouldNotBeNull();
        TagRules.Problem(new Dictionary<string, string> { [new string('k', 129)] = "y" }).ShouldNotBeNull();
        TagRules.Problem(new Dictionary<string, string> { ["k"] = new string('v', 257) }).ShouldNotBeNull();
        TagRules.Problem(Enumerable.Range(0, 51).ToDictionary(i => $"k{i}", _ => "v")).ShouldNotBeNull();
    }

    [Theory]
    [InlineData(0, 1, 0, null)]
    [InlineData(1, 2, 2, null)]
    [InlineData(3, 5, 2, "minSize can't be greater than desiredSize")]
    [InlineData(1, 2, 3, "desiredSize can't be greater than maxSize")]
    [InlineData(4, 3, 4, "minSize can't be greater than maxSize")]
    public void Scaling_Bounds(int min, int max, int desired, string? error)
    {
        var scaling = new NodegroupScalingConfig { MinSize = min, MaxSize = max, DesiredSize = desired };
        if (error is null)
        {
            NodegroupRules.ValidateScaling(scaling, "c", "ng");
        }
        else
        {
            Should.Throw<AwsServiceException>(() => NodegroupRules.ValidateScaling(scaling, "c", "ng")).Message.ShouldBe(error);
        }
    }

    [Fact]
    public void CreateNodegroup_LaunchTemplateWithDiskOrRemoteAccess_IsRefused()
    {
        CreateNodegroupRequest Request(int? disk, RemoteAccessConfig? remote) => new()
        {
            NodegroupName = "ng",
            Subnets = ["subnet-1"],
            NodeRole = "arn:aws:iam::123456789012:role/node",
            LaunchTemplate = new LaunchTemplateSpecification { Name = "lt" },
            DiskSize = disk,
            RemoteAccess = remote,
        };

        CreateNodegroupValidator.Validate(Request(null, null), "c");
        Should.Throw<AwsServiceException>(() => CreateNodegroupValidator.Validate(Request(40, null), "c")).Message
            .ShouldBe("Disk size must be specified within the launch template.");
        Should.Throw<AwsServiceException>(() => CreateNodegroupValidator.Validate(Request(null, new RemoteAccessConfig { Ec2SshKey = "k" }), "c")).Message
            .ShouldBe("Remote access configuration cannot be specified with a launch template.");
    }

    [Fact]
    public void ConfigChange_TaintsAndLabels_MergeByKeyAndEffect()
    {
        var nodegroup = TestData.Nodegroup();
        nodegroup.Taints = [new Taint { Key = "a", Value = "1", Effect = "NO_SCHEDULE" }, new Taint { Key = "a", Value = "1", Effect = "NO_EXECUTE" }];
        var request = new UpdateNodegroupConfigRequest
        {
            Labels = new UpdateLabelsPayload { AddOrUpdateLabels = new() { ["x"] = "1" }, RemoveLabels = ["team"] },
            Taints = new UpdateTaintsPayload { RemoveTaints = [new Taint { Key = "a", Effect = "NO_EXECUTE" }] },
        };

        var (parameters, apply) = NodegroupConfigChange.Plan(request, nodegroup);
        apply(nodegroup);

        parameters.Select(p => p.Type).ShouldBe(["LabelsToAdd", "LabelsToRemove", "TaintsToRemove"]);
        nodegroup.Labels.Keys.ShouldBe(["x"]);
        nodegroup.Taints.ShouldNotBeNull().Single().Effect.ShouldBe("NO_SCHEDULE");
    }

    [Fact]
    public void ConfigChange_Nothing_IsRefused()
    {
        Should.Throw<AwsServiceException>(() => NodegroupConfigChange.Plan(new UpdateNodegroupConfigRequest(), TestData.Nodegroup()))
            .Code.ShouldBe("InvalidParameterException");
    }
}
