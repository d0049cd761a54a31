using System.Text.Json;
using System.Xml.Linq;

namespace Lotse.Acceptance.Tests;

/// <summary>The EC2 subset (VPCs, subnets, security groups, zones, tags) through the real aws CLI, as the EKS workshop drives it.</summary>
public sealed class Ec2Tests(LotseFixture fixture) : IClassFixture<LotseFixture>
{
    private LotseServer Server => fixture.Server;

    private async Task<JsonElement> JsonAsync(params string[] args) =>
        JsonDocument.Parse((await Server.AwsAsync(["ec2", .. args])).ShouldSucceed().StdOut).RootElement;

    private async Task<string> TextAsync(params string[] args) =>
        (await Server.AwsAsync(["ec2", .. args, "--output", "text"])).ShouldSucceed().StdOut.Trim();

    private async Task<string> ErrorAsync(params string[] args) => (await Server.AwsAsync(["ec2", .. args])).ErrorLine();

    private Task<string> CreateVpcAsync(string cidr) => TextAsync("create-vpc", "--cidr-block", cidr, "--query", "Vpc.VpcId");

    [Fact]
    public async Task SdkSigner_DescribeVpcsAndBadSecret_AnswerEc2Xml()
    {
        XNamespace ns = "http://ec2.amazonaws.com/doc/2016-11-15/";
        const string Form = "Action=DescribeVpcs&Version=2016-11-15&Filter.1.Name=isDefault&Filter.1.Value.1=true";
        const string FormType = "application/x-www-form-urlencoded; charset=utf-8";
        using var aws = new SignedAwsClient(Server.AwsEndpoint, Server.Env["AWS_ACCESS_KEY_ID"], Server.Env["AWS_SECRET_ACCESS_KEY"], Server.Env["AWS_DEFAULT_REGION"]);
        var (status, body) = await aws.SendAsync("ec2", HttpMethod.Post, "/", Form, FormType);
        status.ShouldBe(200, body);
        var vpc = XDocument.Parse(body).Root!.Element(ns + "vpcSet")!.Elements(ns + "item").ShouldHaveSingleItem();
        vpc.Element(ns + "cidrBlock")!.Value.ShouldBe("172.31.0.0/16");

        using var impostor = new SignedAwsClient(Server.AwsEndpoint, Server.Env["AWS_ACCESS_KEY_ID"], new string('x', 40), Server.Env["AWS_DEFAULT_REGION"]);
        var refused = await impostor.SendAsync("ec2", HttpMethod.Post, "/", Form, FormType);
        refused.Status.ShouldBe(403);
        XDocument.Parse(refused.Body).Root!.Element("Errors")!.Element("Error")!.Element("Code")!.Value.ShouldBe("SignatureDoesNotMatch");
    }

    [CliFact]
    public async Task DescribeVpcs_FirstUse_ShowsTheDefaultVpcWithThreeDefaultSubnets()
    {
        var vpcs = (await JsonAsync("describe-vpcs", "--filters", "Name=is-default,Values=true")).GetProperty("Vpcs");
        vpcs.GetArrayLength().ShouldBe(1);
        var vpc = vpcs[0];
        vpc.GetProperty("CidrBlock").GetString().ShouldBe("172.31.0.0/16");
        vpc.GetProperty("IsDefault").GetBoolean().ShouldBeTrue();
        vpc.GetProperty("State").GetString().ShouldBe("available");
        var vpcId = vpc.GetProperty("VpcId").GetString()!;
        vpcId.ShouldMatch("^vpc-[0-9a-f]{17}$");

        var subnets = (await JsonAsync("describe-subnets", "--filters", "Name=default-for-az,Values=true")).GetProperty("Subnets")
            .EnumerateArray().OrderBy(s => s.GetProperty("AvailabilityZone").GetString()).ToList();
        subnets.Select(s => s.GetProperty("CidrBlock").GetString()).ShouldBe(["172.31.0.0/20", "172.31.16.0/20", "172.31.32.0/20"]);
        subnets.Select(s => s.GetProperty("AvailabilityZone").GetString()).ShouldBe(["us-east-1a", "us-east-1b", "us-east-1c"]);
        subnets.ShouldAllBe(s => s.GetProperty("VpcId").GetString() == vpcId && s.GetProperty("MapPublicIpOnLaunch").GetBoolean()
            && s.GetProperty("AvailableIpAddressCount").GetInt32() == 4091 && s.GetProperty("State").GetString() == "available");
        subnets[0].GetProperty("AvailabilityZoneId").GetString().ShouldBe("use1-az1");
        subnets[0].GetProperty("SubnetArn").GetString().ShouldBe($"arn:aws:ec2:us-east-1:{subnets[0].GetProperty("OwnerId").GetString()}:subnet/{subnets[0].GetProperty("SubnetId").GetString()}");

        var groups = (await JsonAsync("describe-security-groups", "--filters", $"Name=vpc-id,Values={vpcId}")).GetProperty("SecurityGroups");
        groups.GetArrayLength().ShouldBe(1);
        groups[0].GetProperty("GroupName").GetString().ShouldBe("default");
        groups[0].GetProperty("Description").GetString().ShouldBe("default VPC security group");
    }

    [CliFact]
    public async Task DescribeAvailabilityZones_ListsTheRegionsThreeZones()
    {
        var zones = (await JsonAsync("describe-availability-zones")).GetProperty("AvailabilityZones").EnumerateArray().ToList();
        zones.Select(z => z.GetProperty("ZoneName").GetString()).ShouldBe(["us-east-1a", "us-east-1b", "us-east-1c"]);
        zones.ShouldAllBe(z => z.GetProperty("State").GetString() == "available" && z.GetProperty("RegionName").GetString() == "us-east-1"
            && z.GetProperty("ZoneType").GetString() == "availability-zone" && z.GetProperty("OptInStatus").GetString() == "opt-in-not-required");
        (await TextAsync("describe-availability-zones", "--zone-names", "us-east-1b", "--query", "AvailabilityZones[].ZoneId")).ShouldBe("use1-az2");
        (await ErrorAsync("describe-availability-zones", "--filters", "Name=bogus,Values=x"))
            .ShouldBe("An error occurred (InvalidParameterValue) when calling the DescribeAvailabilityZones operation: The filter 'bogus' is invalid");
    }

    [CliFact]
    public async Task CreateVpcSubnetGroup_ThenDeleteInOrder_Works()
    {
        var vpcId = (await JsonAsync("create-vpc", "--cidr-block", "10.0.0.0/16",
            "--tag-specifications", "ResourceType=vpc,Tags=[{Key=Name,Value=workshop}]")).GetProperty("Vpc").GetProperty("VpcId").GetString()!;
        (await TextAsync("describe-vpcs", "--filters", "Name=tag:Name,Values=workshop", "--query", "Vpcs[].VpcId")).ShouldBe(vpcId);

        var subnet = (await JsonAsync("create-subnet", "--vpc-id", vpcId, "--cidr-block", "10.0.1.0/24", "--availability-zone", "us-east-1b"))
            .GetProperty("Subnet");
        subnet.GetProperty("MapPublicIpOnLaunch").GetBoolean().ShouldBeFalse();
        subnet.GetProperty("DefaultForAz").GetBoolean().ShouldBeFalse();
        subnet.GetProperty("AvailableIpAddressCount").GetInt32().ShouldBe(251);
        var subnetId = subnet.GetProperty("SubnetId").GetString()!;
        var groupId = await TextAsync("create-security-group", "--group-name", "web", "--description", "web servers", "--vpc-id", vpcId, "--query", "GroupId");
        groupId.ShouldMatch("^sg-[0-9a-f]{17}$");

        (await TextAsync("describe-subnets", "--filters", $"Name=vpc-id,Values={vpcId}", "Name=availability-zone,Values=us-east-1b", "--query", "Subnets[].SubnetId"))
            .ShouldBe(subnetId);
        (await TextAsync("describe-security-groups", "--group-ids", groupId, "--query", "SecurityGroups[].[GroupName,Description,VpcId]"))
            .ShouldBe($"web\tweb servers\t{vpcId}");

        (await ErrorAsync("delete-vpc", "--vpc-id", vpcId))
            .ShouldBe($"An error occurred (DependencyViolation) when calling the DeleteVpc operation: The vpc '{vpcId}' has dependencies and cannot be deleted.");
        (await Server.AwsAsync("ec2", "delete-subnet", "--subnet-id", subnetId)).ShouldSucceed();
        (await Server.AwsAsync("ec2", "delete-security-group", "--group-id", groupId)).ShouldSucceed();
        (await Server.AwsAsync("ec2", "delete-vpc", "--vpc-id", vpcId)).ShouldSucceed();
        (await ErrorAsync("describe-vpcs", "--vpc-ids", vpcId))
            .ShouldBe($"An error occurred (InvalidVpcID.NotFound) when calling the DescribeVpcs operation: The vpc ID '{vpcId}' does not exist");
        (await TextAsync("describe-security-groups", "--filters", $"Name=vpc-id,Values={vpcId}", "--query", "length(SecurityGroups)")).ShouldBe("0");
    }

    [CliFact]
    public async Task CreateSubnetAndVpc_BadCidrs_AnswerEc2Errors()
    {
        var vpcId = await CreateVpcAsync("10.1.0.0/16");
        (await ErrorAsync("create-vpc", "--cidr-block", "10.0.0.0/8"))
            .ShouldBe("An error occurred (InvalidVpc.Range) when calling the CreateVpc operation: The CIDR '10.0.0.0/8' is invalid.");
        (await ErrorAsync("create-vpc", "--cidr-block", "banana")).ShouldContain("(InvalidParameterValue) when calling the CreateVpc operation");
        (await ErrorAsync("create-subnet", "--vpc-id", vpcId, "--cidr-block", "10.2.0.0/24"))
            .ShouldBe("An error occurred (InvalidSubnet.Range) when calling the CreateSubnet operation: The CIDR '10.2.0.0/24' is invalid.");
        (await Server.AwsAsync("ec2", "create-subnet", "--vpc-id", vpcId, "--cidr-block", "10.1.0.0/20")).ShouldSucceed();
        (await ErrorAsync("create-subnet", "--vpc-id", vpcId, "--cidr-block", "10.1.8.0/24"))
            .ShouldBe("An error occurred (InvalidSubnet.Conflict) when calling the CreateSubnet operation: The CIDR '10.1.8.0/24' conflicts with another subnet");
        (await ErrorAsync("create-subnet", "--vpc-id", "vpc-0000000000000000f", "--cidr-block", "10.1.16.0/24"))
            .ShouldBe("An error occurred (InvalidVpcID.NotFound) when calling the CreateSubnet operation: The vpc ID 'vpc-0000000000000000f' does not exist");
        (await ErrorAsync("create-subnet", "--vpc-id", vpcId, "--cidr-block", "10.1.16.0/24", "--availability-zone", "eu-west-1a"))
            .ShouldContain("(InvalidParameterValue) when calling the CreateSubnet operation: Value (eu-west-1a) for parameter availabilityZone is invalid.");
        (await ErrorAsync("delete-subnet", "--subnet-id", "subnet-0000000000000000f"))
            .ShouldBe("An error occurred (InvalidSubnetID.NotFound) when calling the DeleteSubnet operation: The subnet ID 'subnet-0000000000000000f' does not exist");
        (await ErrorAsync("describe-subnets", "--filters", "Name=nope,Values=1"))
            .ShouldBe("An error occurred (InvalidParameterValue) when calling the DescribeSubnets operation: The filter 'nope' is invalid");
    }

    [CliFact]
    public async Task SecurityGroups_DuplicateDefaultAndMissing_AnswerEc2Errors()
    {
        var vpcId = await CreateVpcAsync("10.3.0.0/16");
        (await Server.AwsAsync("ec2", "create-security-group", "--group-name", "dup", "--description", "d", "--vpc-id", vpcId)).ShouldSucceed();
        (await ErrorAsync("create-security-group", "--group-name", "dup", "--description", "d", "--vpc-id", vpcId))
            .ShouldBe($"An error occurred (InvalidGroup.Duplicate) when calling the CreateSecurityGroup operation: The security group 'dup' already exists for VPC '{vpcId}'");

        var defaultGroup = await TextAsync("describe-security-groups", "--filters", $"Name=vpc-id,Values={vpcId}", "Name=group-name,Values=default",
            "--query", "SecurityGroups[0].GroupId");
        (await ErrorAsync("delete-security-group", "--group-id", defaultGroup))
            .ShouldBe($"An error occurred (CannotDelete) when calling the DeleteSecurityGroup operation: the specified group: \"{defaultGroup}\" name: \"default\" cannot be deleted by a user");
        (await ErrorAsync("describe-security-groups", "--group-ids", "sg-0000000000000000f"))
            .ShouldBe("An error occurred (InvalidGroup.NotFound) when calling the DescribeSecurityGroups operation: The security group 'sg-0000000000000000f' does not exist");

        // Without --vpc-id the group goes to the default VPC, where --group-names finds it.
        (await Server.AwsAsync("ec2", "create-security-group", "--group-name", "in-default", "--description", "d")).ShouldSucceed();
        (await TextAsync("describe-security-groups", "--group-names", "in-default", "--query", "SecurityGroups[0].GroupName")).ShouldBe("in-default");
        (await Server.AwsAsync("ec2", "delete-security-group", "--group-name", "in-default")).ShouldSucceed();
        (await ErrorAsync("describe-security-groups", "--group-names", "in-default")).ShouldContain("(InvalidGroup.NotFound)");
    }

    [CliFact]
    public async Task Tags_CreateDescribeDelete_OnVpcSubnetAndGroup()
    {
        var vpcId = await CreateVpcAsync("10.4.0.0/16");
        var subnetId = await TextAsync("create-subnet", "--vpc-id", vpcId, "--cidr-block", "10.4.0.0/24", "--query", "Subnet.SubnetId");
        (await Server.AwsAsync("ec2", "create-tags", "--resources", vpcId, subnetId, "--tags", "Key=env,Value=dev", "Key=team,Value=blue")).ShouldSucceed();

        var tags = (await JsonAsync("describe-tags", "--filters", $"Name=resource-id,Values={vpcId},{subnetId}")).GetProperty("Tags").EnumerateArray()
            .Select(t => $"{t.GetProperty("ResourceType").GetString()}:{t.GetProperty("Key").GetString()}={t.GetProperty("Value").GetString()}").Order().ToList();
        tags.ShouldBe(["subnet:env=dev", "subnet:team=blue", "vpc:env=dev", "vpc:team=blue"]);
        (await TextAsync("describe-subnets", "--filters", "Name=tag:team,Values=blue", "--query", "Subnets[].SubnetId")).ShouldBe(subnetId);
        (await TextAsync("describe-vpcs", "--filters", "Name=tag-key,Values=env", "--query", "Vpcs[].VpcId")).ShouldBe(vpcId);

        (await Server.AwsAsync("ec2", "delete-tags", "--resources", subnetId, "--tags", "Key=team")).ShouldSucceed();
        (await TextAsync("describe-subnets", "--subnet-ids", subnetId, "--query", "Subnets[0].Tags[].Key")).ShouldBe("env");
        (await ErrorAsync("create-tags", "--resources", "vpc-0000000000000000f", "--tags", "Key=a,Value=b"))
            .ShouldBe("An error occurred (InvalidVpcID.NotFound) when calling the CreateTags operation: The vpc ID 'vpc-0000000000000000f' does not exist");
    }

    [CliFact]
    public async Task DryRun_AnswersDryRunOperationAndChangesNothing()
    {
        var before = await TextAsync("describe-vpcs", "--query", "length(Vpcs)");
        (await ErrorAsync("create-vpc", "--cidr-block", "10.9.0.0/16", "--dry-run"))
            .ShouldBe("An error occurred (DryRunOperation) when calling the CreateVpc operation: Request would have succeeded, but DryRun flag is set.");
        (await ErrorAsync("describe-subnets", "--dry-run")).ShouldContain("(DryRunOperation)");
        (await TextAsync("describe-vpcs", "--query", "length(Vpcs)")).ShouldBe(before);
    }

    [CliFact]
    public async Task DescribeSubnets_MaxResults_PagesThroughAll()
    {
        var vpcId = await CreateVpcAsync("10.5.0.0/16");
        for (var i = 0; i < 6; i++)
        {
            (await Server.AwsAsync("ec2", "create-subnet", "--vpc-id", vpcId, "--cidr-block", $"10.5.{i}.0/24")).ShouldSucceed();
        }

        var first = await JsonAsync("describe-subnets", "--filters", $"Name=vpc-id,Values={vpcId}", "--max-results", "5", "--no-paginate");
        first.GetProperty("Subnets").GetArrayLength().ShouldBe(5);
        var token = first.GetProperty("NextToken").GetString()!;
        var second = await JsonAsync("describe-subnets", "--filters", $"Name=vpc-id,Values={vpcId}", "--max-results", "5", "--next-token", token, "--no-paginate");
        second.GetProperty("Subnets").GetArrayLength().ShouldBe(1);
        second.TryGetProperty("NextToken", out _).ShouldBeFalse();
        // The CLI follows NextToken itself when it pages.
        (await JsonAsync("describe-subnets", "--filters", $"Name=vpc-id,Values={vpcId}", "--page-size", "5")).GetProperty("Subnets").GetArrayLength().ShouldBe(6);
    }
}
