namespace Lotse.Aws.Ec2;

/// <summary>The Describe filters Lotse understands per resource, named as EC2 names them (plus EC2's older camelCase aliases).</summary>
public static class Ec2Filters
{
    public static readonly Ec2FilterSet<Ec2Vpc> Vpcs = new(new Dictionary<string, Func<Ec2Vpc, IEnumerable<string?>>>
    {
        ["vpc-id"] = v => [v.VpcId],
        ["cidr"] = v => [v.CidrBlock],
        ["cidr-block"] = v => [v.CidrBlock],
        ["cidrBlock"] = v => [v.CidrBlock],
        ["cidr-block-association.cidr-block"] = v => [v.CidrBlock],
        ["cidr-block-association.association-id"] = v => [v.CidrAssociationId],
        ["cidr-block-association.state"] = _ => ["associated"],
        ["is-default"] = v => [Ec2FilterSet<Ec2Vpc>.Bool(v.IsDefault)],
        ["isDefault"] = v => [Ec2FilterSet<Ec2Vpc>.Bool(v.IsDefault)],
        ["state"] = _ => ["available"],
        ["owner-id"] = v => [v.OwnerId],
        ["dhcp-options-id"] = v => [v.DhcpOptionsId],
    }, v => v.Tags);

    public static readonly Ec2FilterSet<Ec2Subnet> Subnets = new(new Dictionary<string, Func<Ec2Subnet, IEnumerable<string?>>>
    {
        ["subnet-id"] = s => [s.SubnetId],
        ["subnet-arn"] = s => [s.SubnetArn],
        ["vpc-id"] = s => [s.VpcId],
        ["vpcId"] = s => [s.VpcId],
        ["availability-zone"] = s => [s.AvailabilityZone],
        ["availabilityZone"] = s => [s.AvailabilityZone],
        ["availability-zone-id"] = s => [s.AvailabilityZoneId],
        ["availabilityZoneId"] = s => [s.AvailabilityZoneId],
        ["default-for-az"] = s => [Ec2FilterSet<Ec2Subnet>.Bool(s.DefaultForAz)],
        ["defaultForAz"] = s => [Ec2FilterSet<Ec2Subnet>.Bool(s.DefaultForAz)],
        ["cidr"] = s => [s.CidrBlock],
        ["cidr-block"] = s => [s.CidrBlock],
        ["cidrBlock"] = s => [s.CidrBlock],
        ["map-public-ip-on-launch"] = s => [Ec2FilterSet<Ec2Subnet>.Bool(s.MapPublicIpOnLaunch)],
        ["available-ip-address-count"] = s => [s.AvailableIpAddressCount.ToString(System.Globalization.CultureInfo.InvariantCulture)],
        ["state"] = _ => ["available"],
        ["owner-id"] = s => [s.OwnerId],
    }, s => s.Tags);

    public static readonly Ec2FilterSet<Ec2SecurityGroup> Groups = new(new Dictionary<string, Func<Ec2SecurityGroup, IEnumerable<string?>>>
    {
        ["group-id"] = g => [g.GroupId],
        ["group-name"] = g => [g.GroupName],
        ["description"] = g => [g.Description],
        ["vpc-id"] = g => [g.VpcId],
        ["owner-id"] = g => [g.OwnerId],
    }, g => g.Tags);

    public static readonly Ec2FilterSet<Ec2Zone> Zones = new(new Dictionary<string, Func<Ec2Zone, IEnumerable<string?>>>
    {
        ["zone-name"] = z => [z.ZoneName],
        ["zone-id"] = z => [z.ZoneId],
        ["region-name"] = z => [z.RegionName],
        ["group-name"] = z => [z.RegionName],
        ["state"] = _ => ["available"],
        ["zone-type"] = _ => ["availability-zone"],
        ["opt-in-status"] = _ => ["opt-in-not-required"],
    });

    public static readonly Ec2FilterSet<Ec2TagDescription> Tags = new(new Dictionary<string, Func<Ec2TagDescription, IEnumerable<string?>>>
    {
        ["resource-id"] = t => [t.ResourceId],
        ["resource-type"] = t => [t.ResourceType],
        ["key"] = t => [t.Key],
        ["value"] = t => [t.Value],
    });
}

/// <summary>One row of DescribeTags: a tag and the resource carrying it (<c>vpc</c>, <c>subnet</c>, <c>security-group</c>).</summary>
public sealed record Ec2TagDescription(string ResourceId, string ResourceType, string Key, string Value);
