using Lotse.Aws.Query;

namespace Lotse.Aws.Ec2;

public sealed partial class Ec2Service
{
    /// <summary>EC2's VPC size bounds: /16 to /28.</summary>
    private const int LargestVpcPrefix = 16;
    private const int SmallestVpcPrefix = 28;

    private async ValueTask CreateVpcAsync(AwsRequestContext request, QueryRequest query)
    {
        var text = query.Get("CidrBlock") ?? throw Ec2Errors.MissingCidr();
        var cidr = ParseCidr(text);
        if (cidr.PrefixLength is < LargestVpcPrefix or > SmallestVpcPrefix)
        {
            throw Ec2Errors.InvalidVpcRange(text);
        }

        var tags = NoReservedKeys(query.TagSpecifications("vpc"), t => t.Key);
        var vpc = await repository.CreateVpcAsync(Account(request), request.Region, cidr.ToString(), tags, request.Aborted);
        await Ec2Xml.WriteAsync(request, "CreateVpc", xml =>
        {
            xml.WriteStartElement("vpc");
            xml.WriteVpc(vpc, "pending");
            xml.WriteEndElement();
        });
    }

    private async ValueTask DescribeVpcsAsync(AwsRequestContext request, QueryRequest query)
    {
        var filters = query.Filters();
        Ec2Filters.Vpcs.Validate(filters);
        var maxResults = query.MaxResults(5, 1000);
        var all = await repository.ListVpcsAsync(Account(request), request.Region, request.Aborted);
        var matching = Select(all, v => v.VpcId, query.List("VpcId"), Ec2Errors.VpcNotFound)
            .Where(v => Ec2Filters.Vpcs.Matches(v, filters)).OrderBy(v => v.VpcId, StringComparer.Ordinal).ToList();
        var (page, next) = Ec2Page.Take(matching, v => v.VpcId, maxResults, query.Get("NextToken"));
        await Ec2Xml.WriteAsync(request, "DescribeVpcs", xml =>
        {
            xml.WriteSet("vpcSet", page, (x, v) => x.WriteVpc(v, "available"));
            xml.WriteNextToken(next);
        });
    }

    private async ValueTask DeleteVpcAsync(AwsRequestContext request, QueryRequest query)
    {
        await repository.DeleteVpcAsync(Account(request), request.Region, query.Required("VpcId"), request.Aborted);
        await Ec2Xml.WriteReturnAsync(request, "DeleteVpc");
    }
}
