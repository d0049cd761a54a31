using Lotse.Aws;
using Lotse.Eks.Addons;
using Lotse.Eks.Clusters;
using Lotse.Eks.Nodegroups;

namespace Lotse.Eks.Updates;

/// <summary>
/// DescribeUpdate and ListUpdates. Without <c>nodegroupName</c> they see the control plane's updates, with it that node
/// group's, with <c>addonName</c> that add-on's; Lotse has no capabilities yet, so naming one is a not-found.
/// </summary>
public sealed class EksUpdateQueries(EksClusterStore clusters)
{
    private readonly EksUpdateStore _updates = new(clusters.Store);

    public async ValueTask<EksUpdate> DescribeAsync(AwsCaller caller, string region, UpdateScope scope, string id, CancellationToken ct)
    {
        var prefix = await ResolveAsync(caller, region, scope, ct);
        var found = await _updates.GetAsync(prefix, id, ct) ?? throw EksErrors.ResourceNotFound($"No update found for ID: {id}", scope.ClusterName);
        return found.Update;
    }

    public async ValueTask<(List<string> Ids, string? NextToken)> ListAsync(
        AwsCaller caller, string region, UpdateScope scope, int maxResults, string? nextToken, CancellationToken ct)
    {
        var prefix = await ResolveAsync(caller, region, scope, ct);
        var ids = (await _updates.ListAsync(prefix, ct)).Select(u => u.Id).ToList();
        var start = 0;
        if (nextToken is not null)
        {
            var after = ListToken.Decode(nextToken) is { } id ? ids.IndexOf(id) : -1;
            start = after >= 0 ? after + 1 : throw EksErrors.InvalidParameter("The nextToken provided is invalid.", scope.ClusterName);
        }

        var page = ids.Skip(start).Take(maxResults).ToList();
        return (page, start + page.Count < ids.Count ? ListToken.Encode(page[^1]) : null);
    }

    private async ValueTask<string> ResolveAsync(AwsCaller caller, string region, UpdateScope scope, CancellationToken ct)
    {
        var name = scope.ClusterName;
        if (await clusters.GetAsync(caller.AccountId, region, name, ct) is null)
        {
            throw EksErrors.ClusterNotFound(name);
        }

        if (scope.AddonName is { } addon)
        {
            return await new EksAddonStore(clusters.Store).GetAsync(caller.AccountId, region, name, addon, ct) is null
                ? throw EksErrors.ResourceNotFound($"No addon: {addon} found in cluster: {name}", name)
                : EksUpdateStore.AddonScopePrefix(caller.AccountId, region, name, addon);
        }

        if (scope.CapabilityName is { } capability)
        {
            throw EksErrors.ResourceNotFound($"No capability found with name: {capability}.", name);
        }

        if (scope.NodegroupName is { } nodegroup && await new EksNodegroupStore(clusters.Store).GetAsync(caller.AccountId, region, name, nodegroup, ct) is null)
        {
            throw EksErrors.NodegroupNotFound(name, nodegroup);
        }

        return EksUpdateStore.ScopePrefix(caller.AccountId, region, name, scope.NodegroupName);
    }
}

/// <summary>Whose updates a DescribeUpdate/ListUpdates call means: the cluster's, or one of its node groups', add-ons' or capabilities'.</summary>
public sealed record UpdateScope(string ClusterName, string? NodegroupName, string? AddonName, string? CapabilityName);
