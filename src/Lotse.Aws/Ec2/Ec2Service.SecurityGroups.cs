using Lotse.Aws.Query;

namespace Lotse.Aws.Ec2;

public sealed partial class Ec2Service
{
    private async ValueTask CreateSecurityGroupAsync(AwsRequestContext request, QueryRequest query)
    {
        var name = query.Required("GroupName");
        var description = query.Required("GroupDescription");
        if (name.StartsWith("sg-", StringComparison.OrdinalIgnoreCase))
        {
            throw Ec2Errors.InvalidParameterValue("Group names may not be in the format sg-*.");
        }

        if (name.Length > 255 || description.Length > 255)
        {
            throw Ec2Errors.InvalidParameterValue($"Value ({(name.Length > 255 ? name : description)}) for parameter {(name.Length > 255 ? "GroupName" : "GroupDescription")} is invalid. Length exceeds maximum of 255 characters.");
        }

        var tags = NoReservedKeys(query.TagSpecifications("security-group"), t => t.Key);
        var vpcId = query.Get("VpcId") ?? await repository.EnsureDefaultVpcAsync(Account(request), request.Region, request.Aborted);
        var group = await repository.CreateGroupAsync(Account(request), request.Region, vpcId, name, description, tags, request.Aborted);
        await Ec2Xml.WriteAsync(request, "CreateSecurityGroup", xml =>
        {
            xml.WriteElementString("return", "true");
            xml.WriteElementString("groupId", group.GroupId);
            xml.WriteElementString("securityGroupArn", group.Arn(request.Region));
            xml.WriteTags(group.Tags);
        });
    }

    private async ValueTask DescribeSecurityGroupsAsync(AwsRequestContext request, QueryRequest query)
    {
        var filters = query.Filters();
        Ec2Filters.Groups.Validate(filters);
        var maxResults = query.MaxResults(5, 1000);
        var all = await repository.ListGroupsAsync(Account(request), request.Region, request.Aborted);
        var selected = Select(all, g => g.GroupId, query.List("GroupId"), Ec2Errors.GroupNotFound);
        var names = query.List("GroupName");
        if (names.Count > 0)
        {
            // Names select groups of the default VPC only, as in EC2.
            var defaultVpcId = await repository.EnsureDefaultVpcAsync(Account(request), request.Region, request.Aborted);
            var missing = names.FirstOrDefault(n => !all.Any(g => g.VpcId == defaultVpcId && g.GroupName == n));
            if (missing is not null)
            {
                throw Ec2Errors.GroupNameNotFound(missing, defaultVpcId);
            }

            selected = [.. selected.Where(g => g.VpcId == defaultVpcId && names.Contains(g.GroupName))];
        }

        var matching = selected.Where(g => Ec2Filters.Groups.Matches(g, filters)).OrderBy(g => g.GroupId, StringComparer.Ordinal).ToList();
        var (page, next) = Ec2Page.Take(matching, g => g.GroupId, maxResults, query.Get("NextToken"));
        await Ec2Xml.WriteAsync(request, "DescribeSecurityGroups", xml =>
        {
            xml.WriteSet("securityGroupInfo", page, (x, g) => x.WriteGroup(g, request.Region));
            xml.WriteNextToken(next);
        });
    }

    private async ValueTask DeleteSecurityGroupAsync(AwsRequestContext request, QueryRequest query)
    {
        var groupId = query.Get("GroupId");
        if (groupId is null)
        {
            var name = query.Get("GroupName") ?? throw Ec2Errors.MissingParameter("GroupId");
            var defaultVpcId = await repository.EnsureDefaultVpcAsync(Account(request), request.Region, request.Aborted);
            var groups = await repository.ListGroupsAsync(Account(request), request.Region, request.Aborted);
            groupId = groups.FirstOrDefault(g => g.VpcId == defaultVpcId && g.GroupName == name)?.GroupId
                ?? throw Ec2Errors.GroupNameNotFound(name, defaultVpcId);
        }

        await repository.DeleteGroupAsync(Account(request), request.Region, groupId, request.Aborted);
        await Ec2Xml.WriteAsync(request, "DeleteSecurityGroup", xml =>
        {
            xml.WriteElementString("return", "true");
            xml.WriteElementString("groupId", groupId);
        });
    }
}
