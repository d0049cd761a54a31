using Lotse.Aws.Ec2;

namespace Lotse.Aws.Tests.Ec2;

public sealed class Ec2CidrTests
{
    [Theory]
    [InlineData("172.31.0.0/16", "172.31.0.0/16")]
    [InlineData("10.0.1.0/24", "10.0.1.0/24")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    public void TryParse_ValidBlock_RoundTrips(string text, string expected)
    {
        Ec2Cidr.TryParse(text, out var cidr).ShouldBeTrue();
        cidr.ToString().ShouldBe(expected);
    }

    [Theory]
    [InlineData("10.0.0.1/16")]
    [InlineData("10.0.0.0")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0/16")]
    [InlineData("::1/64")]
    [InlineData("banana")]
    [InlineData("10.0.0.0/-1")]
    public void TryParse_NotAnAlignedIpv4Block_Fails(string text) => Ec2Cidr.TryParse(text, out _).ShouldBeFalse();

    [Fact]
    public void Contains_SubnetInsideVpc_TrueOutsideFalse()
    {
        var vpc = Ec2Cidr.Parse("10.1.0.0/16");
        vpc.Contains(Ec2Cidr.Parse("10.1.255.0/24")).ShouldBeTrue();
        vpc.Contains(Ec2Cidr.Parse("10.1.0.0/16")).ShouldBeTrue();
        vpc.Contains(Ec2Cidr.Parse("10.2.0.0/24")).ShouldBeFalse();
        vpc.Contains(Ec2Cidr.Parse("10.0.0.0/8")).ShouldBeFalse();
    }

    [Fact]
    public void Overlaps_SharedAddresses_OnlyThen()
    {
        Ec2Cidr.Parse("10.1.0.0/20").Overlaps(Ec2Cidr.Parse("10.1.8.0/24")).ShouldBeTrue();
        Ec2Cidr.Parse("10.1.8.0/24").Overlaps(Ec2Cidr.Parse("10.1.0.0/20")).ShouldBeTrue();
        Ec2Cidr.Parse("10.1.0.0/20").Overlaps(Ec2Cidr.Parse("10.1.16.0/20")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("us-east-1", "use1")]
    [InlineData("eu-central-1", "euc1")]
    [InlineData("ap-southeast-2", "apse2")]
    [InlineData("us-west-2", "usw2")]
    public void RegionCode_AwsRegions_AsZoneIdsUseThem(string region, string code) => Ec2Zone.RegionCode(region).ShouldBe(code);

    [Theory]
    [InlineData("eks-*", "eks-cluster-sg-demo", true)]
    [InlineData("subnet-?", "subnet-1", true)]
    [InlineData("subnet-?", "subnet-12", false)]
    [InlineData("true", "true", true)]
    [InlineData("*-sg-*-1", "eks-cluster-sg-demo-1", true)]
    public void Glob_Wildcards_MatchAsEc2Filters(string pattern, string text, bool expected) => Ec2Filter.Glob(pattern, text).ShouldBe(expected);
}
