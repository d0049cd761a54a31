using System.Xml.Linq;
using Lotse.Aws.Ec2;
using Lotse.Aws.Iam;
using Lotse.Aws.Tests.FrontDoor;
using Lotse.Aws.Tests.Support;

namespace Lotse.Aws.Tests.Ec2;

/// <summary>EC2's wire protocol through the front door: flattened lists, lower-camel XML, the Response/Errors envelope.</summary>
public sealed class Ec2ServiceTests : IAsyncLifetime
{
    private static readonly XNamespace Ns = Ec2Xml.Namespace;

    private readonly InMemoryStore _store = new();
    private readonly ManualTimeProvider _time = new(FrontDoorHarness.Now);
    private FrontDoorHarness _harness = null!;
    private AwsInstallation _installation = null!;

    public async Task InitializeAsync()
    {
        _installation = await AwsInstallation.InitializeAsync(_store, _time, default);
        _harness = new FrontDoorHarness(_time, new IamRepository(_store, _time), new Ec2Service(new Ec2Repository(_store)));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<FrontDoorHarness.Response> Ec2(params (string Name, string Value)[] parameters) =>
        _harness.QueryAsync("ec2", "Version=2016-11-15&" + string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(p.Value)}")),
            _installation.AdminAccessKeyId, _installation.AdminSecretAccessKey);

    private static XElement Ok(FrontDoorHarness.Response response)
    {
        response.Status.ShouldBe(200, response.Body);
        return XDocument.Parse(response.Body).Root!;
    }

    private static (string Code, string Message) Error(FrontDoorHarness.Response response, int status = 400)
    {
        response.Status.ShouldBe(status, response.Body);
        var root = XDocument.Parse(response.Body).Root!;
        root.Name.LocalName.ShouldBe("Response");
        root.Element("RequestID")!.Value.ShouldNotBeNullOrEmpty();
        var error = root.Element("Errors")!.Element("Error")!;
        return (error.Element("Code")!.Value, error.Element("Message")!.Value);
    }

    [Fact]
    public async Task DescribeSubnets_FilterAndIdLists_ParsedAsEc2FlattensThem()
    {
        var all = Ok(await Ec2(("Action", "DescribeSubnets"), ("Filter.1.Name", "default-for-az"), ("Filter.1.Value.1", "true")));
        all.Name.ShouldBe(Ns + "DescribeSubnetsResponse");
        all.Element(Ns + "requestId")!.Value.ShouldNotBeNullOrEmpty();
        var items = all.Element(Ns + "subnetSet")!.Elements(Ns + "item").ToList();
        items.Count.ShouldBe(3);
        var ids = items.Select(i => i.Element(Ns + "subnetId")!.Value).Order(StringComparer.Ordinal).ToList();

        var two = Ok(await Ec2(("Action", "DescribeSubnets"), ("SubnetId.1", ids[0]), ("SubnetId.2", ids[2]),
            ("Filter.1.Name", "availability-zone"), ("Filter.1.Value.1", "eu-central-1a"), ("Filter.1.Value.2", "eu-central-1b"), ("Filter.1.Value.3", "eu-central-1c")));
        two.Element(Ns + "subnetSet")!.Elements(Ns + "item").Select(i => i.Element(Ns + "subnetId")!.Value).ShouldBe([ids[0], ids[2]]);
    }

    [Fact]
    public async Task CreateVpc_TagSpecification_TagsTheVpc()
    {
        var created = Ok(await Ec2(("Action", "CreateVpc"), ("CidrBlock", "10.0.0.0/16"), ("TagSpecification.1.ResourceType", "vpc"),
            ("TagSpecification.1.Tag.1.Key", "Name"), ("TagSpecification.1.Tag.1.Value", "demo")));

        var vpc = created.Element(Ns + "vpc")!;
        vpc.Element(Ns + "vpcId")!.Value.ShouldMatch("^vpc-[0-9a-f]{17}$");
        vpc.Element(Ns + "isDefault")!.Value.ShouldBe("false");
        var tag = vpc.Element(Ns + "tagSet")!.Element(Ns + "item")!;
        (tag.Element(Ns + "key")!.Value, tag.Element(Ns + "value")!.Value).ShouldBe(("Name", "demo"));

        Error(await Ec2(("Action", "CreateVpc"), ("CidrBlock", "10.1.0.0/16"), ("TagSpecification.1.ResourceType", "subnet"),
            ("TagSpecification.1.Tag.1.Key", "a"))).Code.ShouldBe("InvalidParameterValue");
    }

    [Fact]
    public async Task Errors_UseEc2Envelope()
    {
        Error(await Ec2(("Action", "DescribeVpcs"), ("VpcId.1", "vpc-0000000000000000f")))
            .ShouldBe(("InvalidVpcID.NotFound", "The vpc ID 'vpc-0000000000000000f' does not exist"));
        Error(await Ec2(("Action", "DescribeVpcs"), ("Filter.1.Name", "bogus"), ("Filter.1.Value.1", "x")))
            .ShouldBe(("InvalidParameterValue", "The filter 'bogus' is invalid"));
        Error(await Ec2(("Action", "DescribeVpcs"), ("MaxResults", "2"))).Code.ShouldBe("InvalidParameterValue");
        Error(await Ec2(("Action", "RunInstances"))).Code.ShouldBe("InvalidAction");
        Error(await Ec2(("Action", "CreateVpc"), ("CidrBlock", "10.0.0.0/16"), ("TagSpecification.1.ResourceType", "vpc"),
            ("TagSpecification.1.Tag.1.Key", "aws:owner"), ("TagSpecification.1.Tag.1.Value", "me"))).Code.ShouldBe("InvalidParameterValue");
        Error(await Ec2(("Action", "DeleteVpc"), ("VpcId", "vpc-x"), ("DryRun", "true")), 412)
            .ShouldBe(("DryRunOperation", Ec2Errors.DryRunMessage));
    }

    [Fact]
    public async Task BadSignature_AnswersEc2AuthError()
    {
        var response = await _harness.QueryAsync("ec2", "Version=2016-11-15&Action=DescribeVpcs", _installation.AdminAccessKeyId, "wrong-secret");
        Error(response, 403).Code.ShouldBe("SignatureDoesNotMatch");
        var unknown = await _harness.QueryAsync("ec2", "Version=2016-11-15&Action=DescribeVpcs", "AKIAUNKNOWN000000000", "x");
        Error(unknown, 401).Code.ShouldBe("AuthFailure");
    }

    [Fact]
    public async Task DescribeSecurityGroups_Paging_CoversEveryGroupOnce()
    {
        for (var i = 0; i < 7; i++)
        {
            Ok(await Ec2(("Action", "CreateSecurityGroup"), ("GroupName", $"g{i}"), ("GroupDescription", "d")));
        }

        var seen = new List<string>();
        string? token = null;
        do
        {
            (string, string)[] paging = token is null ? [("MaxResults", "5")] : [("MaxResults", "5"), ("NextToken", token)];
            var page = Ok(await Ec2([("Action", "DescribeSecurityGroups"), .. paging]));
            seen.AddRange(page.Element(Ns + "securityGroupInfo")!.Elements(Ns + "item").Select(i => i.Element(Ns + "groupName")!.Value));
            token = page.Element(Ns + "nextToken")?.Value;
        }
        while (token is not null);

        seen.Order(StringComparer.Ordinal).ShouldBe(["default", "g0", "g1", "g2", "g3", "g4", "g5", "g6"]);
    }

    [Fact]
    public async Task DeleteTags_KeyWithoutValue_RemovesWhateverValue()
    {
        var vpcId = Ok(await Ec2(("Action", "CreateVpc"), ("CidrBlock", "10.0.0.0/16"))).Element(Ns + "vpc")!.Element(Ns + "vpcId")!.Value;
        Ok(await Ec2(("Action", "CreateTags"), ("ResourceId.1", vpcId), ("Tag.1.Key", "a"), ("Tag.1.Value", "1"), ("Tag.2.Key", "b"), ("Tag.2.Value", "2")));
        Ok(await Ec2(("Action", "DeleteTags"), ("ResourceId.1", vpcId), ("Tag.1.Key", "a"), ("Tag.2.Key", "b"), ("Tag.2.Value", "other")));

        var tags = Ok(await Ec2(("Action", "DescribeTags"), ("Filter.1.Name", "resource-id"), ("Filter.1.Value.1", vpcId)));
        tags.Element(Ns + "tagSet")!.Elements(Ns + "item").Select(i => i.Element(Ns + "key")!.Value).ShouldBe(["b"]);
    }
}
