using System.Text.Json.Serialization;

namespace Lotse.Aws.Ec2;

/// <summary>A subnet as stored under <c>/aws/ec2/&lt;account&gt;/&lt;region&gt;/subnets/&lt;id&gt;</c>.</summary>
/// <param name="MapPublicIpOnLaunch">True only for the default VPC's subnets, as in EC2.</param>
public sealed record Ec2Subnet(string SubnetId, string VpcId, string CidrBlock, string AvailabilityZone, string AvailabilityZoneId,
    bool DefaultForAz, bool MapPublicIpOnLaunch, string OwnerId, string SubnetArn, IReadOnlyList<Ec2Tag> Tags)
{
    /// <summary>EC2 reserves five addresses of every subnet (network, router, DNS, future, broadcast): a /20 has 4091.</summary>
    [JsonIgnore]
    public int AvailableIpAddressCount => (int)((1L << (32 - Ec2Cidr.Parse(CidrBlock).PrefixLength)) - 5);

    public Ec2SubnetInfo ToInfo() => new(SubnetId, VpcId, AvailabilityZone, AvailabilityZoneId, CidrBlock, MapPublicIpOnLaunch);
}
