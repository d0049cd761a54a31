using System.Globalization;
using System.Xml;
using Lotse.Aws.Query;

namespace Lotse.Aws.Ec2;

/// <summary>
/// Writes EC2 responses: <c>&lt;XResponse xmlns="…/2016-11-15/"&gt;&lt;requestId&gt;</c> then the output members by their
/// lower-camel location names, lists as <c>&lt;name&gt;&lt;item&gt;…&lt;/item&gt;&lt;/name&gt;</c> (no Result wrapper, unlike query).
/// </summary>
public static class Ec2Xml
{
    public const string Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/";

    public static async ValueTask WriteAsync(AwsRequestContext request, string action, Action<XmlWriter> writeBody)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, QueryXmlWriter.Settings))
        {
            xml.WriteStartElement(action + "Response", Namespace);
            xml.WriteElementString("requestId", request.RequestId);
            writeBody(xml);
            xml.WriteEndElement();
        }

        var response = request.Http.Response;
        response.StatusCode = 200;
        response.ContentType = "text/xml;charset=UTF-8";
        response.ContentLength = stream.Length;
        await response.Body.WriteAsync(stream.GetBuffer().AsMemory(0, (int)stream.Length), request.Aborted);
    }

    /// <summary>The answer of calls whose output is only <c>&lt;return&gt;true&lt;/return&gt;</c>.</summary>
    public static ValueTask WriteReturnAsync(AwsRequestContext request, string action) =>
        WriteAsync(request, action, xml => xml.WriteElementString("return", "true"));

    public static void WriteSet<T>(this XmlWriter xml, string name, IEnumerable<T> items, Action<XmlWriter, T> writeItem)
    {
        xml.WriteStartElement(name);
        foreach (var item in items)
        {
            xml.WriteStartElement("item");
            writeItem(xml, item);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    public static void WriteBool(this XmlWriter xml, string name, bool value) => xml.WriteElementString(name, value ? "true" : "false");

    public static void WriteInt(this XmlWriter xml, string name, int value) => xml.WriteElementString(name, value.ToString(CultureInfo.InvariantCulture));

    public static void WriteTags(this XmlWriter xml, IReadOnlyList<Ec2Tag> tags)
    {
        // EC2 omits tagSet when a resource has no tags; the CLI then shows no Tags key, as it does against AWS.
        if (tags.Count > 0)
        {
            xml.WriteSet("tagSet", tags, (x, t) =>
            {
                x.WriteElementString("key", t.Key);
                x.WriteElementString("value", t.Value);
            });
        }
    }

    public static void WriteNextToken(this XmlWriter xml, string? nextToken) => xml.WriteOptional("nextToken", nextToken);

    public static void WriteVpc(this XmlWriter xml, Ec2Vpc vpc, string state)
    {
        xml.WriteElementString("vpcId", vpc.VpcId);
        xml.WriteElementString("ownerId", vpc.OwnerId);
        xml.WriteElementString("state", state);
        xml.WriteElementString("cidrBlock", vpc.CidrBlock);
        xml.WriteSet("cidrBlockAssociationSet", [vpc], (x, v) =>
        {
            x.WriteElementString("associationId", v.CidrAssociationId);
            x.WriteElementString("cidrBlock", v.CidrBlock);
            x.WriteStartElement("cidrBlockState");
            x.WriteElementString("state", "associated");
            x.WriteEndElement();
        });
        xml.WriteElementString("dhcpOptionsId", vpc.DhcpOptionsId);
        xml.WriteElementString("instanceTenancy", "default");
        xml.WriteBool("isDefault", vpc.IsDefault);
        xml.WriteStartElement("blockPublicAccessStates");
        xml.WriteElementString("internetGatewayBlockMode", "off");
        xml.WriteEndElement();
        xml.WriteTags(vpc.Tags);
    }

    public static void WriteSubnet(this XmlWriter xml, Ec2Subnet subnet, string state)
    {
        xml.WriteElementString("subnetId", subnet.SubnetId);
        xml.WriteElementString("subnetArn", subnet.SubnetArn);
        xml.WriteElementString("state", state);
        xml.WriteElementString("vpcId", subnet.VpcId);
        xml.WriteElementString("cidrBlock", subnet.CidrBlock);
        xml.WriteInt("availableIpAddressCount", subnet.AvailableIpAddressCount);
        xml.WriteElementString("availabilityZone", subnet.AvailabilityZone);
        xml.WriteElementString("availabilityZoneId", subnet.AvailabilityZoneId);
        xml.WriteBool("defaultForAz", subnet.DefaultForAz);
        xml.WriteBool("mapPublicIpOnLaunch", subnet.MapPublicIpOnLaunch);
        xml.WriteBool("mapCustomerOwnedIpOnLaunch", false);
        xml.WriteBool("assignIpv6AddressOnCreation", false);
        xml.WriteSet<string>("ipv6CidrBlockAssociationSet", [], (_, _) => { });
        xml.WriteElementString("ownerId", subnet.OwnerId);
        xml.WriteBool("enableDns64", false);
        xml.WriteBool("ipv6Native", false);
        xml.WriteStartElement("privateDnsNameOptionsOnLaunch");
        xml.WriteElementString("hostnameType", "ip-name");
        xml.WriteBool("enableResourceNameDnsARecord", false);
        xml.WriteBool("enableResourceNameDnsAAAARecord", false);
        xml.WriteEndElement();
        xml.WriteStartElement("blockPublicAccessStates");
        xml.WriteElementString("internetGatewayBlockMode", "off");
        xml.WriteEndElement();
        xml.WriteTags(subnet.Tags);
    }

    /// <summary>A group with EC2's implicit rules: all egress allowed; the default group also admits its own members.</summary>
    public static void WriteGroup(this XmlWriter xml, Ec2SecurityGroup group, string region)
    {
        xml.WriteElementString("ownerId", group.OwnerId);
        xml.WriteElementString("groupId", group.GroupId);
        xml.WriteElementString("groupName", group.GroupName);
        xml.WriteElementString("groupDescription", group.Description);
        xml.WriteElementString("vpcId", group.VpcId);
        xml.WriteElementString("securityGroupArn", group.Arn(region));
        xml.WriteSet("ipPermissions", group.IsDefault ? [group] : Array.Empty<Ec2SecurityGroup>(), (x, g) =>
        {
            x.WriteElementString("ipProtocol", "-1");
            x.WriteSet("groups", [g], (y, self) =>
            {
                y.WriteElementString("userId", self.OwnerId);
                y.WriteElementString("groupId", self.GroupId);
            });
            x.WriteSet<string>("ipRanges", [], (_, _) => { });
            x.WriteSet<string>("ipv6Ranges", [], (_, _) => { });
            x.WriteSet<string>("prefixListIds", [], (_, _) => { });
        });
        xml.WriteSet("ipPermissionsEgress", [group], (x, _) =>
        {
            x.WriteElementString("ipProtocol", "-1");
            x.WriteSet<string>("groups", [], (_, _) => { });
            x.WriteSet("ipRanges", ["0.0.0.0/0"], (y, cidr) => y.WriteElementString("cidrIp", cidr));
            x.WriteSet<string>("ipv6Ranges", [], (_, _) => { });
            x.WriteSet<string>("prefixListIds", [], (_, _) => { });
        });
        xml.WriteTags(group.Tags);
    }

    public static void WriteZone(this XmlWriter xml, Ec2Zone zone)
    {
        xml.WriteElementString("zoneName", zone.ZoneName);
        xml.WriteElementString("zoneId", zone.ZoneId);
        xml.WriteElementString("zoneState", "available");
        xml.WriteElementString("regionName", zone.RegionName);
        xml.WriteElementString("optInStatus", "opt-in-not-required");
        xml.WriteSet<string>("messageSet", [], (_, _) => { });
        xml.WriteElementString("groupName", zone.RegionName);
        xml.WriteElementString("networkBorderGroup", zone.RegionName);
        xml.WriteElementString("zoneType", "availability-zone");
    }
}
