using Lotse.Eks.Clusters;
using Lotse.Eks.Updates;
using Lotse.Storage;

namespace Lotse.Eks.Addons;

/// <summary>Settling a transition (CREATING/UPDATING → ACTIVE), and finishing what a stopped process left half-done.</summary>
public sealed partial class EksAddonService
{
    /// <summary>Start-up: finishes add-on transitions a stopped process left half-done (each is one more commit).</summary>
    public async Task ResumeAsync(CancellationToken ct)
    {
        foreach (var kv in (await Store.ListAsync(EksClusterRecord.AllEksPrefix, default, ct)).Items)
        {
            if (kv.Key[EksClusterRecord.AllEksPrefix.Length..].Split('/') is not [var account, var region, "addon", var cluster, var name])
            {
                continue;
            }

            var record = EksAddonStore.Decode(kv.Value);
            switch (record.Addon.Status)
            {
                case AddonStatus.Creating:
                    await SettleAsync(account, region, record, kv.ModRevision, null, ct);
                    break;
                case AddonStatus.Updating:
                    var running = await new EksUpdateStore(Store).FindInProgressAsync(EksUpdateStore.AddonScopePrefix(account, region, cluster, name), ct);
                    await SettleAsync(account, region, record, kv.ModRevision, running, ct);
                    break;
                case AddonStatus.Deleting:
                    await FinishDeleteAsync(account, region, cluster, name, ct);
                    break;
            }
        }
    }

    /// <summary>Moves the add-on to ACTIVE (and completes <paramref name="update"/>); retried when tags changed in between, abandoned on delete.</summary>
    private async Task SettleAsync(string accountId, string region, EksAddonRecord record, long revision, EksUpdate? update, CancellationToken ct)
    {
        var (cluster, name) = (record.Addon.ClusterName, record.Addon.AddonName);
        while (true)
        {
            record.Addon.Status = AddonStatus.Active;
            var operations = new List<StoreOperation> { EksAddonStore.Update(accountId, region, record, revision) };
            if (update is not null)
            {
                operations.Add(EksUpdateStore.Complete(EksUpdateStore.AddonScopePrefix(accountId, region, cluster, name), update));
            }

            var done = await Store.CommitAsync(operations, ct);
            if (done.Status != CommitStatus.Conflict
                || await _addons.GetAsync(accountId, region, cluster, name, ct) is not { } current
                || current.Record.Addon.Status == AddonStatus.Deleting)
            {
                return;
            }

            (record, revision) = current;
        }
    }
}
