using Lotse.Aws;
using Lotse.Eks.Addons;
using Lotse.Eks.Clusters;

namespace Lotse.Eks;

/// <summary>The add-on operations: catalog queries and the per-cluster add-on records.</summary>
public sealed partial class EksService
{
    private async ValueTask<object> CreateAddonAsync(AwsRequestContext request, string name) =>
        new { addon = await _addons.CreateAsync(request.Caller, request.Region, name, Decode<CreateAddonRequest>(request), request.Aborted) };

    private async ValueTask<object> ListAddonsAsync(AwsRequestContext request, string name)
    {
        var query = request.Http.Request.Query;
        var maxResults = MaxResults(query);
        var (names, next) = await _addons.ListAsync(request.Caller, request.Region, name, maxResults, One(query, "nextToken"), request.Aborted);
        return new ListAddonsResponse(names, next);
    }

    private async ValueTask<object> DescribeAddonAsync(AwsRequestContext request, string name, string addon) =>
        new { addon = await _addons.DescribeAsync(request.Caller, request.Region, name, addon, request.Aborted) };

    private async ValueTask<object> UpdateAddonAsync(AwsRequestContext request, string name, string addon) =>
        new { update = await _addons.UpdateAsync(request.Caller, request.Region, name, addon, DecodeOrEmpty<UpdateAddonRequest>(request), request.Aborted) };

    private async ValueTask<object> DeleteAddonAsync(AwsRequestContext request, string name, string addon)
    {
        var preserve = Flag(request.Http.Request.Query, "preserve") ?? false;
        return new { addon = await _addons.DeleteAsync(request.Caller, request.Region, name, addon, preserve, request.Aborted) };
    }

    private ValueTask<object> DescribeAddonVersionsAsync(AwsRequestContext request)
    {
        var query = request.Http.Request.Query;
        var maxResults = MaxResults(query);
        var all = AddonCatalogQueries.Versions(
            One(query, "kubernetesVersion"),
            One(query, "addonName"),
            Many(query, "types"),
            Many(query, "publishers"),
            Many(query, "owners"));
        var (page, next) = ListToken.PageAfter(all, a => a.AddonName, maxResults, One(query, "nextToken"));
        return ValueTask.FromResult<object>(new DescribeAddonVersionsResponse(page, next));
    }

    private ValueTask<object> DescribeAddonConfigurationAsync(AwsRequestContext request)
    {
        var query = request.Http.Request.Query;
        return ValueTask.FromResult<object>(AddonCatalogQueries.Configuration(One(query, "addonName"), One(query, "addonVersion")));
    }

    private static List<string> Many(Microsoft.AspNetCore.Http.IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) ? values.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList() : [];

    private sealed record ListAddonsResponse(List<string> Addons, string? NextToken);

    private sealed record DescribeAddonVersionsResponse(List<AddonInfo> Addons, string? NextToken);
}
