using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lotse.Storage;

namespace Lotse.Kube.Rbac;

/// <summary>
/// The in-memory RBAC policy of every cluster served from one store, loaded on first use per cluster. One per store
/// instance (<see cref="For"/>), shared by the authorizer and the registry write path, so a write to an RBAC object
/// is visible to the very next authorization decision in this process.
/// </summary>
public sealed class RbacPolicyCache
{
    private static readonly ConditionalWeakTable<IStore, RbacPolicyCache> Caches = [];

    private readonly IStore _store;
    private readonly ConcurrentDictionary<string, RbacClusterPolicy> _clusters = new(StringComparer.Ordinal);

    private RbacPolicyCache(IStore store) => _store = store;

    /// <summary>Clusters with a policy in memory (deleted clusters drop theirs).</summary>
    public int LoadedClusters => _clusters.Count;

    public static RbacPolicyCache For(IStore store) => Caches.GetValue(store, s => new RbacPolicyCache(s));

    /// <summary>The cluster's compiled policy; the first call per cluster lists its RBAC objects and starts the watch.</summary>
    public ValueTask<RbacPolicySnapshot> GetAsync(KubeCluster cluster, CancellationToken cancellationToken)
    {
        // TryGetValue first: GetOrAdd with a capturing factory would allocate on every decision.
        if (!_clusters.TryGetValue(cluster.Id, out var policy))
        {
            policy = _clusters.GetOrAdd(cluster.Id, static (_, state) => new RbacClusterPolicy(state.Store, state.Cluster, state.Drop), (Store: _store, Cluster: cluster, Drop: (Action<RbacClusterPolicy>)Drop));
        }

        return policy.Loaded.IsCompletedSuccessfully ? ValueTask.FromResult(policy.Snapshot) : WaitAsync(policy, cancellationToken);
    }

    /// <summary>Tells the cluster's policy about a commit this process made (it applies the RBAC keys among <paramref name="operations"/>).</summary>
    public void Committed(KubeCluster cluster, IEnumerable<StoreOperation> operations, long revision)
    {
        if (!_clusters.TryGetValue(cluster.Id, out var policy))
        {
            return;
        }

        try
        {
            policy.ApplyCommitted(operations, revision);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException)
        {
            // The write is committed either way; a copy that could not follow it is dropped and reloaded on next use.
            Drop(policy);
        }
    }

    private async ValueTask<RbacPolicySnapshot> WaitAsync(RbacClusterPolicy policy, CancellationToken cancellationToken)
    {
        try
        {
            await policy.Loaded.WaitAsync(cancellationToken);
        }
        catch (Exception) when (policy.Loaded.IsFaulted)
        {
            Drop(policy);
            throw;
        }

        return policy.Snapshot;
    }

    private void Drop(RbacClusterPolicy policy)
    {
        policy.Stop();
        _clusters.TryRemove(new KeyValuePair<string, RbacClusterPolicy>(policy.ClusterId, policy));
    }
}
