using System.Text.Json.Nodes;
using Lotse.Kube.Registry;
using Lotse.Kube.Serialization;
using Lotse.Storage;

namespace Lotse.Kube.Rbac;

/// <summary>
/// Keeps aggregated ClusterRoles true in the same commit as the ClusterRole write that changes what they aggregate:
/// reads the cluster's ClusterRoles, applies the write, settles every aggregation, and adds a compare-and-swap update
/// for each other role whose rules changed (a race with another writer fails the commit, and the store retries).
/// </summary>
public static class RbacAggregationWrites
{
    /// <param name="name">The ClusterRole being written.</param>
    /// <param name="written">Its new state (rules filled in place when it aggregates), or null when it is deleted.</param>
    public static async ValueTask AddAsync(KubeWriteContext context, string name, JsonObject? written, List<StoreOperation> operations)
    {
        var prefix = $"{context.Cluster.StoragePrefix}registry/{BootstrapPolicy.Group}/clusterroles/";
        var list = await context.Store.ListAsync(prefix, default, context.CancellationToken);
        var roles = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var revisions = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var kv in list.Items)
        {
            var role = ObjectBytes.Parse(kv.Value, kv.ModRevision);
            roles[role.Name()] = role;
            revisions[role.Name()] = kv.ModRevision;
        }

        if (written is null)
        {
            roles.Remove(name);
        }
        else
        {
            roles[name] = written;
        }

        foreach (var changed in RbacAggregation.Settle(roles))
        {
            if (changed != name)
            {
                operations.Add(StoreOperation.Update(prefix + changed, ObjectBytes.ToStored(roles[changed]), revisions[changed]));
            }
        }
    }
}
