using Lotse.Aws.Query;

namespace Lotse.Aws.Ec2;

public sealed partial class Ec2Service
{
    private async ValueTask CreateTagsAsync(AwsRequestContext request, QueryRequest query)
    {
        var resources = RequiredList(query, "ResourceId");
        var tags = NoReservedKeys(query.Tags("Tag"), t => t.Key);
        if (tags.Count == 0)
        {
            throw Ec2Errors.MissingParameter("Tag");
        }

        await repository.UpdateTagsAsync(Account(request), request.Region, resources, current => Ec2Tag.Merge(current, tags), request.Aborted);
        await Ec2Xml.WriteReturnAsync(request, "CreateTags");
    }

    private async ValueTask DeleteTagsAsync(AwsRequestContext request, QueryRequest query)
    {
        var resources = RequiredList(query, "ResourceId");
        var removals = NoReservedKeys(query.TagRemovals("Tag"), t => t.Key);
        // Without tags, DeleteTags removes every tag of the resources.
        await repository.UpdateTagsAsync(Account(request), request.Region, resources,
            current => removals.Count == 0 ? [] : Ec2Tag.Remove(current, removals), request.Aborted);
        await Ec2Xml.WriteReturnAsync(request, "DeleteTags");
    }

    private async ValueTask DescribeTagsAsync(AwsRequestContext request, QueryRequest query)
    {
        var filters = query.Filters();
        Ec2Filters.Tags.Validate(filters);
        var maxResults = query.MaxResults(5, 1000);
        var account = Account(request);
        var rows = new List<Ec2TagDescription>();
        rows.AddRange((await repository.ListVpcsAsync(account, request.Region, request.Aborted))
            .SelectMany(v => v.Tags.Select(t => new Ec2TagDescription(v.VpcId, "vpc", t.Key, t.Value))));
        rows.AddRange((await repository.ListSubnetsAsync(account, request.Region, request.Aborted))
            .SelectMany(s => s.Tags.Select(t => new Ec2TagDescription(s.SubnetId, "subnet", t.Key, t.Value))));
        rows.AddRange((await repository.ListGroupsAsync(account, request.Region, request.Aborted))
            .SelectMany(g => g.Tags.Select(t => new Ec2TagDescription(g.GroupId, "security-group", t.Key, t.Value))));
        var matching = rows.Where(r => Ec2Filters.Tags.Matches(r, filters))
            .OrderBy(r => r.ResourceId, StringComparer.Ordinal).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
        var (page, next) = Ec2Page.Take(matching, r => r.ResourceId + "\n" + r.Key, maxResults, query.Get("NextToken"));
        await Ec2Xml.WriteAsync(request, "DescribeTags", xml =>
        {
            xml.WriteSet("tagSet", page, (x, r) =>
            {
                x.WriteElementString("resourceId", r.ResourceId);
                x.WriteElementString("resourceType", r.ResourceType);
                x.WriteElementString("key", r.Key);
                x.WriteElementString("value", r.Value);
            });
            xml.WriteNextToken(next);
        });
    }

    private static IReadOnlyList<string> RequiredList(QueryRequest query, string name) =>
        query.List(name) is { Count: > 0 } values ? values : throw Ec2Errors.MissingParameter(name);
}
