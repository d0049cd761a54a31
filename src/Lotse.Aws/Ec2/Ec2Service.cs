using System.Text.RegularExpressions;
using Lotse.Aws.FrontDoor;
using Lotse.Aws.Query;

namespace Lotse.Aws.Ec2;

/// <summary>
/// The EC2 subset (protocol <c>ec2</c>, API version 2016-11-15) the EKS workshop needs before it creates a cluster:
/// availability zones, VPCs, subnets, security groups and their tags.
/// </summary>
public sealed partial class Ec2Service(Ec2Repository repository) : IAwsService
{
    public const string ApiVersion = "2016-11-15";

    public string SigningName => "ec2";

    public AwsProtocol Protocol => AwsProtocol.Ec2;

    public string? XmlNamespace => Ec2Xml.Namespace;

    public ValueTask HandleAsync(AwsRequestContext request)
    {
        // The region becomes part of store keys; only region-shaped names (us-east-1, eu-central-1) may get that far.
        if (!RegionName().IsMatch(request.Region))
        {
            throw AwsAuthErrors.SignatureDoesNotMatch(AwsProtocol.Ec2, "Credential should be scoped to a valid region. ");
        }

        var query = QueryRequest.Parse(request);
        Func<AwsRequestContext, QueryRequest, ValueTask> handler = query.Action switch
        {
            "DescribeAvailabilityZones" => DescribeAvailabilityZonesAsync,
            "CreateVpc" => CreateVpcAsync,
            "DescribeVpcs" => DescribeVpcsAsync,
            "DeleteVpc" => DeleteVpcAsync,
            "CreateSubnet" => CreateSubnetAsync,
            "DescribeSubnets" => DescribeSubnetsAsync,
            "DeleteSubnet" => DeleteSubnetAsync,
            "CreateSecurityGroup" => CreateSecurityGroupAsync,
            "DescribeSecurityGroups" => DescribeSecurityGroupsAsync,
            "DeleteSecurityGroup" => DeleteSecurityGroupAsync,
            "CreateTags" => CreateTagsAsync,
            "DeleteTags" => DeleteTagsAsync,
            "DescribeTags" => DescribeTagsAsync,
            null => throw Ec2Errors.MissingAction(),
            var other => throw Ec2Errors.InvalidAction(other),
        };

        // EC2 answers a dry run once the caller is allowed to make the call; every Lotse caller is.
        if (query.Bool("DryRun"))
        {
            throw Ec2Errors.DryRunOperation();
        }

        return handler(request, query);
    }

    private static string Account(AwsRequestContext request) => request.Caller.AccountId;

    private ValueTask DescribeAvailabilityZonesAsync(AwsRequestContext request, QueryRequest query)
    {
        var filters = query.Filters();
        Ec2Filters.Zones.Validate(filters);
        var zones = Ec2Zone.Of(request.Region);
        var names = query.List("ZoneName");
        var ids = query.List("ZoneId");
        var unknown = names.Where(n => zones.All(z => z.ZoneName != n)).Concat(ids.Where(i => zones.All(z => z.ZoneId != i))).ToList();
        if (unknown.Count > 0)
        {
            throw Ec2Errors.InvalidParameterValue($"Invalid availability zone: [{string.Join(", ", unknown)}]");
        }

        var selected = zones.Where(z => (names.Count == 0 && ids.Count == 0) || names.Contains(z.ZoneName) || ids.Contains(z.ZoneId))
            .Where(z => Ec2Filters.Zones.Matches(z, filters));
        return Ec2Xml.WriteAsync(request, "DescribeAvailabilityZones", xml => xml.WriteSet("availabilityZoneInfo", selected, Ec2Xml.WriteZone));
    }

    /// <summary>The resources among <paramref name="all"/> named by <paramref name="ids"/> (all of them when none), or NotFound for missing ids.</summary>
    private static IReadOnlyList<T> Select<T>(IReadOnlyList<T> all, Func<T, string> id, IReadOnlyList<string> ids, Func<IReadOnlyList<string>, AwsServiceException> notFound)
    {
        if (ids.Count == 0)
        {
            return all;
        }

        var missing = ids.Distinct(StringComparer.Ordinal).Where(i => all.All(item => id(item) != i)).ToList();
        return missing.Count > 0 ? throw notFound(missing) : [.. all.Where(item => ids.Contains(id(item)))];
    }

    /// <summary>Refuses tag keys in the <c>aws:</c> namespace, which only AWS itself may set.</summary>
    private static IReadOnlyList<T> NoReservedKeys<T>(IReadOnlyList<T> tags, Func<T, string> key) =>
        tags.Any(t => key(t).StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            ? throw Ec2Errors.InvalidParameterValue("Tag keys starting with 'aws:' are reserved for internal use")
            : tags;

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$")]
    private static partial Regex RegionName();

    private static Ec2Cidr ParseCidr(string text) => Ec2Cidr.TryParse(text, out var cidr) ? cidr : throw Ec2Errors.InvalidCidr(text);
}
