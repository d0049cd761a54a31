using Lotse.Aws;
using Lotse.Eks.Clusters;
using Lotse.Eks.Tags;
using Lotse.Eks.Updates;
using Microsoft.AspNetCore.Http;

namespace Lotse.Eks;

/// <summary>The operations that read query-string members (lists, pagination, tag keys) and their parsing.</summary>
public sealed partial class EksService
{
    private async ValueTask<object> ListClustersAsync(AwsRequestContext request)
    {
        var query = request.Http.Request.Query;
        var maxResults = MaxResults(query);
        if (query.TryGetValue("include", out var include) && include.Any(i => i != "all"))
        {
            throw EksErrors.InvalidParameter("include must be 'all'.");
        }

        var (names, next) = await clusters.ListAsync(request.Caller, request.Region, maxResults, One(query, "nextToken"), request.Aborted);
        return new ListClustersResponse(names, next);
    }

    private async ValueTask<object> ListUpdatesAsync(AwsRequestContext request, string name)
    {
        var query = request.Http.Request.Query;
        var maxResults = MaxResults(query);
        var (ids, next) = await _updateQueries.ListAsync(request.Caller, request.Region, Scope(request, name), maxResults, One(query, "nextToken"), request.Aborted);
        return new ListUpdatesResponse(ids, next);
    }

    private async ValueTask<object> ListNodegroupsAsync(AwsRequestContext request, string name)
    {
        var query = request.Http.Request.Query;
        var maxResults = MaxResults(query);
        var (names, next) = await _nodegroups.ListAsync(request.Caller, request.Region, name, maxResults, One(query, "nextToken"), request.Aborted);
        return new ListNodegroupsResponse(names, next);
    }

    private async ValueTask<object> ListFargateProfilesAsync(AwsRequestContext request, string name)
    {
        var query = request.Http.Request.Query;
        var maxResults = MaxResults(query);
        var (names, next) = await _fargate.ListAsync(request.Caller, request.Region, name, maxResults, One(query, "nextToken"), request.Aborted);
        return new ListFargateProfilesResponse(names, next);
    }

    private async ValueTask<object> TagResourceAsync(AwsRequestContext request, string arn)
    {
        await _tags.TagAsync(request.Caller, request.Region, arn, Decode<TagResourceRequest>(request).Tags, request.Aborted);
        return new { };
    }

    private async ValueTask<object> UntagResourceAsync(AwsRequestContext request, string arn)
    {
        var keys = request.Http.Request.Query["tagKeys"].Select(k => k ?? "").ToList();
        await _tags.UntagAsync(request.Caller, request.Region, arn, keys, request.Aborted);
        return new { };
    }

    private static UpdateScope Scope(AwsRequestContext request, string name)
    {
        var query = request.Http.Request.Query;
        return new UpdateScope(name, One(query, "nodegroupName"), One(query, "addonName"), One(query, "capabilityName"));
    }

    /// <summary><c>maxResults</c> 1..100 (default 100): botocore does not check the maximum, so the server must.</summary>
    private static int MaxResults(IQueryCollection query)
    {
        if (!query.TryGetValue("maxResults", out var max))
        {
            return 100;
        }

        if (!int.TryParse(max.ToString(), out var value))
        {
            throw EksErrors.InvalidParameter($"maxResults must be a number between 1 and 100, not '{max}'.");
        }

        return value switch
        {
            < 1 => throw EksErrors.ConstraintViolation("maxResults", max.ToString(), "Member must have value greater than or equal to 1"),
            > 100 => throw EksErrors.ConstraintViolation("maxResults", max.ToString(), "Member must have value less than or equal to 100"),
            _ => value,
        };
    }

    private static bool? Flag(IQueryCollection query, string name) => One(query, name) switch
    {
        null => null,
        "true" => true,
        "false" => false,
        var other => throw EksErrors.InvalidParameter($"{name} must be true or false, not '{other}'."),
    };

    private static string? One(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.Count > 0 ? values[^1] : null;

    private sealed record ListClustersResponse(List<string> Clusters, string? NextToken);

    private sealed record ListUpdatesResponse(List<string> UpdateIds, string? NextToken);

    private sealed record ListNodegroupsResponse(List<string> Nodegroups, string? NextToken);

    private sealed record ListFargateProfilesResponse(List<string> FargateProfileNames, string? NextToken);
}
