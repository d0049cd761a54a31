using Lotse.Aws;
using Lotse.Eks.Updates;
using Lotse.Storage;

namespace Lotse.Eks.Addons;

/// <summary>UpdateAddon: an InProgress <c>AddonUpdate</c> with the add-on UPDATING, then Successful and ACTIVE; one update at a time.</summary>
public sealed partial class EksAddonService
{
    public async ValueTask<EksUpdate> UpdateAsync(AwsCaller caller, string region, string clusterName, string name, UpdateAddonRequest request, CancellationToken ct)
    {
        var scope = EksUpdateStore.AddonScopePrefix(caller.AccountId, region, clusterName, name);
        var updates = new EksUpdateStore(Store);
        while (true)
        {
            var (record, revision) = await GetAsync(caller, region, clusterName, name, ct);
            var (cluster, _) = await clusters.GetAsync(caller.AccountId, region, clusterName, ct) ?? throw EksErrors.ClusterNotFound(clusterName);
            if (request.ClientRequestToken is { } token && await updates.FindByTokenAsync(scope, token, ct) is { } previous)
            {
                return previous;
            }

            if (record.Addon.Status == AddonStatus.Updating)
            {
                var running = await updates.FindInProgressAsync(scope, ct);
                throw AddonErrors.ResourceInUse($"Addon {name} currently has update {running?.Id} in progress", clusterName, name);
            }

            if (record.Addon.Status != AddonStatus.Active)
            {
                throw AddonErrors.ResourceInUse($"Addon {name} is currently in {record.Addon.Status} state", clusterName, name);
            }

            var parameters = Plan(record, request, cluster.Cluster.Version, clusterName);
            record.Addon.PodIdentityAssociations = AssociationArns(caller, region, clusterName, record);
            record.Addon.Status = AddonStatus.Updating;
            record.Addon.ModifiedAt = Now();
            var update = new EksUpdate { Id = Guid.NewGuid().ToString(), Status = UpdateStatus.InProgress, Type = UpdateType.Addon, Params = parameters, CreatedAt = Now() };
            var operations = new List<StoreOperation> { EksAddonStore.Update(caller.AccountId, region, record, revision), EksUpdateStore.Create(scope, update) };
            if (request.ClientRequestToken is { } newToken)
            {
                operations.Add(EksUpdateStore.RememberToken(scope, newToken, update.Id));
            }

            var begun = await Store.CommitAsync(operations, ct);
            if (begun.Status is CommitStatus.Conflict or CommitStatus.AlreadyExists)
            {
                continue;
            }

            if (!begun.Succeeded)
            {
                throw AddonErrors.NotFound(clusterName, name);
            }

            var snapshot = EksUpdateStore.Snapshot(update);
            await SettleAsync(caller.AccountId, region, record, begun.Revision, update, ct);
            return snapshot;
        }
    }

    /// <summary>Checks the request, applies it to <paramref name="record"/> and words the change as the Update's params.</summary>
    private static List<UpdateParam> Plan(EksAddonRecord record, UpdateAddonRequest request, string kubernetesVersion, string clusterName)
    {
        var addon = record.Addon;
        var catalog = AddonRules.Addon(addon.AddonName, clusterName);
        AddonRules.Common(request.ServiceAccountRoleArn, request.ResolveConflicts, request.PodIdentityAssociations, clusterName, addon.AddonName);
        var parameters = new List<UpdateParam>();
        var changed = false;
        if (request.AddonVersion is { } requested)
        {
            var version = AddonRules.Version(catalog, requested, kubernetesVersion, clusterName);
            if (AddonCatalog.Compare(version, addon.AddonVersion) < 0)
            {
                throw AddonErrors.InvalidParameter($"Updating addon {addon.AddonName} from {addon.AddonVersion} to the older version {version} is not supported", clusterName, addon.AddonName);
            }

            changed |= version != addon.AddonVersion;
            addon.AddonVersion = version;
            parameters.Add(new("AddonVersion", version));
        }

        if (request.ServiceAccountRoleArn is { } roleArn)
        {
            changed |= roleArn != (addon.ServiceAccountRoleArn ?? "");
            addon.ServiceAccountRoleArn = roleArn.Length == 0 ? null : roleArn;
            parameters.Add(new("ServiceAccountRoleArn", roleArn));
        }

        if (request.ResolveConflicts is { } resolveConflicts)
        {
            parameters.Add(new("ResolveConflicts", resolveConflicts));
        }

        if (request.ConfigurationValues is { } values)
        {
            AddonRules.ConfigurationValues(values, catalog, clusterName);
            changed |= values != (addon.ConfigurationValues ?? "");
            addon.ConfigurationValues = values.Length == 0 ? null : values;
            parameters.Add(new("ConfigurationValues", values));
        }

        if (request.PodIdentityAssociations is { } associations)
        {
            changed |= !associations.SequenceEqual(record.Associations);
            record.Associations = associations;
            parameters.Add(new("PodIdentityAssociations", System.Text.Json.JsonSerializer.Serialize(associations, EksJson.Options)));
        }

        return changed
            ? parameters
            : throw AddonErrors.InvalidParameter($"Addon {addon.AddonName} is already at version {addon.AddonVersion} with the requested configuration; there is nothing to update", clusterName, addon.AddonName);
    }
}
