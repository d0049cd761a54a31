using Lotse.Aws;
using Lotse.Eks.Clusters;

namespace Lotse.Eks;

/// <summary>DescribeClusterVersions: the catalogue filtered by the query members, paged like every EKS list.</summary>
public sealed partial class EksService
{
    private static readonly string[] ClusterVersionStatuses = ["unsupported", "standard-support", "extended-support"];
    private static readonly string[] VersionStatuses = ["UNSUPPORTED", "STANDARD_SUPPORT", "EXTENDED_SUPPORT"];

    private object DescribeClusterVersions(AwsRequestContext request)
    {
        var query = request.Http.Request.Query;
        var maxResults = MaxResults(query);
        var type = One(query, "clusterType");
        if (type is not (null or "eks" or "eks-local-outposts"))
        {
            throw EksErrors.InvalidParameter($"The cluster type {type} is not supported. Supported types are [eks, eks-local-outposts]");
        }

        var status = One(query, "status");
        if (status is not null && !ClusterVersionStatuses.Contains(status))
        {
            throw EksErrors.ConstraintViolation("status", status, "Member must satisfy enum value set: [unsupported, standard-support, extended-support]");
        }

        var versionStatus = One(query, "versionStatus");
        if (versionStatus is not null && !VersionStatuses.Contains(versionStatus))
        {
            throw EksErrors.ConstraintViolation("versionStatus", versionStatus, "Member must satisfy enum value set: [UNSUPPORTED, STANDARD_SUPPORT, EXTENDED_SUPPORT]");
        }

        var wanted = query["clusterVersions"].Where(v => !string.IsNullOrEmpty(v)).ToHashSet(StringComparer.Ordinal);
        var defaultOnly = Flag(query, "defaultOnly") ?? false;
        var includeAll = Flag(query, "includeAll") ?? false;

        // Outposts clusters are not offered by Lotse, so that type has no versions; a status filter may ask for unsupported ones.
        var versions = EksVersionCatalog.All(_time.GetUtcNow())
            .Where(v => type is null or "eks")
            .Where(v => includeAll || status is not null || versionStatus is not null || v.VersionStatus != "UNSUPPORTED")
            .Where(v => status is null || v.Status == status)
            .Where(v => versionStatus is null || v.VersionStatus == versionStatus)
            .Where(v => wanted.Count == 0 || wanted.Contains(v.ClusterVersion))
            .Where(v => !defaultOnly || v.DefaultVersion)
            .ToList();

        var start = 0;
        if (One(query, "nextToken") is { } token)
        {
            var after = ListToken.Decode(token) is { } version ? versions.FindIndex(v => v.ClusterVersion == version) : -1;
            start = after >= 0 ? after + 1 : throw EksErrors.InvalidParameter("The nextToken provided is invalid.");
        }

        var page = versions.Skip(start).Take(maxResults).ToList();
        var next = start + page.Count < versions.Count ? ListToken.Encode(page[^1].ClusterVersion) : null;
        return new DescribeClusterVersionsResponse(page, next);
    }

    private sealed record DescribeClusterVersionsResponse(List<ClusterVersionInfo> ClusterVersions, string? NextToken);
}
