using System.Security.Cryptography;
using Lotse.Aws.Query;

namespace Lotse.Aws.Ec2;

public sealed partial class Ec2Service
{
    private async ValueTask CreateSubnetAsync(AwsRequestContext request, QueryRequest query)
    {
        var vpcId = query.Required("VpcId");
        var text = query.Get("CidrBlock") ?? throw Ec2Errors.MissingCidr();
        var cidr = ParseCidr(text);
        var zone = ChooseZone(request.Region, query.Get("AvailabilityZone"), query.Get("AvailabilityZoneId"));
        var tags = NoReservedKeys(query.TagSpecifications("subnet"), t => t.Key);
        var subnet = await repository.CreateSubnetAsync(Account(request), request.Region, vpcId, cidr.ToString(), zone, tags, request.Aborted);
        await Ec2Xml.WriteAsync(request, "CreateSubnet", xml =>
        {
            xml.WriteStartElement("subnet");
            xml.WriteSubnet(subnet, "available");
            xml.WriteEndElement();
        });
    }

    private async ValueTask DescribeSubnetsAsync(AwsRequestContext request, QueryRequest query)
    {
        var filters = query.Filters();
        Ec2Filters.Subnets.Validate(filters);
        var maxResults = query.MaxResults(5, 1000);
        var all = await repository.ListSubnetsAsync(Account(request), request.Region, request.Aborted);
        var matching = Select(all, s => s.SubnetId, query.List("SubnetId"), Ec2Errors.SubnetNotFound)
            .Where(s => Ec2Filters.Subnets.Matches(s, filters)).OrderBy(s => s.SubnetId, StringComparer.Ordinal).ToList();
        var (page, next) = Ec2Page.Take(matching, s => s.SubnetId, maxResults, query.Get("NextToken"));
        await Ec2Xml.WriteAsync(request, "DescribeSubnets", xml =>
        {
            xml.WriteSet("subnetSet", page, (x, s) => x.WriteSubnet(s, "available"));
            xml.WriteNextToken(next);
        });
    }

    private async ValueTask DeleteSubnetAsync(AwsRequestContext request, QueryRequest query)
    {
        await repository.DeleteSubnetAsync(Account(request), request.Region, query.Required("SubnetId"), request.Aborted);
        await Ec2Xml.WriteReturnAsync(request, "DeleteSubnet");
    }

    /// <summary>The zone a new subnet goes to: the one named (by name or id, which must agree), else a random zone of the region.</summary>
    internal static Ec2Zone ChooseZone(string region, string? zoneName, string? zoneId)
    {
        var zones = Ec2Zone.Of(region);
        Ec2Zone? byName = null;
        Ec2Zone? byId = null;
        if (zoneName is not null)
        {
            byName = zones.FirstOrDefault(z => z.ZoneName == zoneName) ?? throw Ec2Errors.InvalidZone("availabilityZone", zoneName, zones.Select(z => z.ZoneName));
        }

        if (zoneId is not null)
        {
            byId = zones.FirstOrDefault(z => z.ZoneId == zoneId) ?? throw Ec2Errors.InvalidZone("availabilityZoneId", zoneId, zones.Select(z => z.ZoneId));
        }

        if (byName is not null && byId is not null && byName != byId)
        {
            throw Ec2Errors.InvalidParameterValue($"The availability zone '{zoneName}' does not match the availability zone id '{zoneId}'.");
        }

        return byName ?? byId ?? zones[RandomNumberGenerator.GetInt32(zones.Count)];
    }
}
