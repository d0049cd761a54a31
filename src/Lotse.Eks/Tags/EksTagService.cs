using Lotse.Aws;
using Lotse.Eks.Access;
using Lotse.Eks.Addons;
using Lotse.Eks.Clusters;
using Lotse.Eks.Fargate;
using Lotse.Eks.IdentityProviders;
using Lotse.Eks.Nodegroups;
using Lotse.Eks.PodIdentity;
using Lotse.Storage;

namespace Lotse.Eks.Tags;

/// <summary>
/// TagResource, UntagResource and ListTagsForResource on cluster, node group and Fargate profile ARNs. These operations have their own
/// error shapes (NotFoundException, BadRequestException); tags live in the resource's record and change under CAS.
/// Tagging is allowed while the resource is updating, as on EKS.
/// </summary>
public sealed class EksTagService(EksClusterStore clusters)
{
    private readonly EksNodegroupStore _nodegroups = new(clusters.Store);
    private readonly EksFargateProfileStore _profiles = new(clusters.Store);
    private readonly EksAccessEntryStore _accessEntries = new(clusters.Store);
    private readonly EksAddonStore _addons = new(clusters.Store);
    private readonly EksIdentityProviderConfigStore _identityProviderConfigs = new(clusters.Store);
    private readonly EksPodIdentityAssociationStore _podIdentityAssociations = new(clusters.Store);

    public ValueTask<Dictionary<string, string>> ListAsync(AwsCaller caller, string region, string arn, CancellationToken ct) =>
        ChangeAsync(caller, region, arn, null, ct);

    public async ValueTask TagAsync(AwsCaller caller, string region, string arn, Dictionary<string, string>? tags, CancellationToken ct)
    {
        if (tags is not { Count: > 0 })
        {
            throw EksErrors.BadRequest("tags must contain at least one tag.");
        }

        if (TagRules.Problem(tags) is { } problem)
        {
            throw EksErrors.BadRequest(problem);
        }

        await ChangeAsync(caller, region, arn, current =>
        {
            foreach (var (key, value) in tags)
            {
                current[key] = value;
            }
        }, ct);
    }

    public async ValueTask UntagAsync(AwsCaller caller, string region, string arn, IReadOnlyList<string> keys, CancellationToken ct)
    {
        if (keys.Count is 0 or > TagRules.MaxTags)
        {
            throw EksErrors.BadRequest($"tagKeys must contain between 1 and {TagRules.MaxTags} keys.");
        }

        await ChangeAsync(caller, region, arn, current =>
        {
            foreach (var key in keys)
            {
                current.Remove(key);
            }
        }, ct);
    }

    /// <summary>Applies <paramref name="change"/> (null: only reads) to the tags of the resource <paramref name="arn"/> names.</summary>
    private async ValueTask<Dictionary<string, string>> ChangeAsync(
        AwsCaller caller, string region, string arn, Action<Dictionary<string, string>>? change, CancellationToken ct)
    {
        var parsed = EksResourceArn.Parse(arn) ?? throw EksErrors.BadRequest($"Invalid ARN: {arn}");
        if (parsed.Region != region || parsed.AccountId != caller.AccountId)
        {
            throw ResourceNotFound();
        }

        while (true)
        {
            Dictionary<string, string> tags;
            Func<StoreOperation> write; // encodes the record when called, i.e. after the change
            switch (parsed)
            {
                case { Type: "cluster", Path: [var name] }:
                    var (record, revision) = await clusters.GetAsync(caller.AccountId, region, name, ct) ?? throw ResourceNotFound();
                    if (record.Cluster.Arn != arn)
                    {
                        throw ResourceNotFound();
                    }

                    tags = record.Cluster.Tags;
                    write = () => EksClusterStore.Update(record, revision);
                    break;
                case { Type: "nodegroup", Path: [var cluster, var nodegroupName, _] }:
                    // The ARN ends in the node group's uuid: the ARN of a deleted and re-created node group names nothing.
                    var (nodegroup, ngRevision) = await _nodegroups.GetAsync(caller.AccountId, region, cluster, nodegroupName, ct) ?? throw ResourceNotFound();
                    if (nodegroup.NodegroupArn != arn)
                    {
                        throw ResourceNotFound();
                    }

                    tags = nodegroup.Tags;
                    write = () => EksNodegroupStore.Update(caller.AccountId, region, nodegroup, ngRevision);
                    break;
                case { Type: "fargateprofile", Path: [var cluster, var profileName, _] }:
                    var (profile, fpRevision) = await _profiles.GetAsync(caller.AccountId, region, cluster, profileName, ct) ?? throw ResourceNotFound();
                    if (profile.FargateProfileArn != arn)
                    {
                        throw ResourceNotFound();
                    }

                    tags = profile.Tags;
                    write = () => EksFargateProfileStore.Update(caller.AccountId, region, profile, fpRevision);
                    break;
                case { Type: "addon", Path: [var cluster, var addonName, _] }:
                    var (addon, addonRevision) = await _addons.GetAsync(caller.AccountId, region, cluster, addonName, ct) ?? throw ResourceNotFound();
                    if (addon.Addon.AddonArn != arn)
                    {
                        throw ResourceNotFound();
                    }

                    tags = addon.Addon.Tags;
                    write = () => EksAddonStore.Update(caller.AccountId, region, addon, addonRevision);
                    break;
                case { Type: "access-entry", Path: [var cluster, _, _, _, _] }:
                    // The ARN names the principal without its path: find the entry by its ARN among the cluster's entries.
                    var entryPrefix = EksAccessEntryStore.ClusterPrefix(caller.AccountId, region, cluster);
                    var listed = await clusters.Store.ListAsync(entryPrefix, default, ct);
                    var match = listed.Items.Select(kv => (Record: EksAccessEntryStore.Decode(kv.Value), kv.ModRevision))
                        .FirstOrDefault(e => e.Record.Entry.AccessEntryArn == arn);
                    if (match.Record is null)
                    {
                        throw ResourceNotFound();
                    }

                    tags = match.Record.Entry.Tags;
                    write = () => EksAccessEntryStore.Update(caller.AccountId, region, match.Record, match.ModRevision);
                    break;
                case { Type: "identityproviderconfig", Path: [var cluster, "oidc", var configName, _] }:
                    var (config, configRevision) = await _identityProviderConfigs.GetAsync(caller.AccountId, region, cluster, configName, ct) ?? throw ResourceNotFound();
                    if (config.IdentityProviderConfigArn != arn)
                    {
                        throw ResourceNotFound();
                    }

                    tags = config.Tags;
                    write = () => EksIdentityProviderConfigStore.Update(caller.AccountId, region, config, configRevision);
                    break;
                case { Type: "podidentityassociation", Path: [var cluster, var associationId] }:
                    var (association, associationRevision) = await _podIdentityAssociations.GetAsync(caller.AccountId, region, cluster, associationId, ct) ?? throw ResourceNotFound();
                    if (association.AssociationArn != arn)
                    {
                        throw ResourceNotFound();
                    }

                    tags = association.Tags;
                    write = () => EksPodIdentityAssociationStore.Update(caller.AccountId, region, association, associationRevision);
                    break;
                default:
                    throw ResourceNotFound();
            }

            if (change is null)
            {
                return tags;
            }

            change(tags);
            if (tags.Count > TagRules.MaxTags)
            {
                throw EksErrors.BadRequest($"The resource would have {tags.Count} tags; at most {TagRules.MaxTags} are allowed.");
            }

            var committed = await clusters.Store.CommitAsync([write()], ct);
            if (committed.Succeeded)
            {
                return tags;
            }

            if (committed.Status != CommitStatus.Conflict)
            {
                throw ResourceNotFound();
            }
        }
    }

    private static AwsServiceException ResourceNotFound() => EksErrors.NotFound("Resource was not found");
}
