using Lotse.Eks.Clusters;
using Lotse.Eks.Updates;

namespace Lotse.Eks.Nodegroups;

/// <summary>Start-up: finishes node group transitions a stopped process left half-done (each is one more commit).</summary>
public sealed partial class EksNodegroupService
{
    public async Task ResumeAsync(CancellationToken ct)
    {
        var all = await Store.ListAsync(EksClusterRecord.AllEksPrefix, default, ct);
        foreach (var kv in all.Items)
        {
            if (kv.Key[EksClusterRecord.AllEksPrefix.Length..].Split('/') is not [var account, var region, "nodegroup", _, _])
            {
                continue;
            }

            var nodegroup = EksNodegroupStore.Decode(kv.Value);
            switch (nodegroup.Status)
            {
                case NodegroupStatus.Creating:
                    await SettleAsync(account, region, nodegroup, kv.ModRevision, NodegroupStatus.Active, null, ct);
                    break;
                case NodegroupStatus.Updating:
                    var scope = EksUpdateStore.ScopePrefix(account, region, nodegroup.ClusterName, nodegroup.NodegroupName);
                    var running = await new EksUpdateStore(Store).FindInProgressAsync(scope, ct);
                    await SettleAsync(account, region, nodegroup, kv.ModRevision, NodegroupStatus.Active, running, ct);
                    break;
                case NodegroupStatus.Deleting:
                    await FinishDeleteAsync(account, region, nodegroup.ClusterName, nodegroup.NodegroupName, ct);
                    break;
            }
        }
    }
}
