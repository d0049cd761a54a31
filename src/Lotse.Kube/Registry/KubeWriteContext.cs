using Lotse.Storage;

namespace Lotse.Kube.Registry;

/// <summary>What a strategy may use while preparing a write: the cluster, the store (to allocate from), and the clock.</summary>
public sealed record KubeWriteContext(KubeCluster Cluster, IStore Store, DateTimeOffset Now, bool DryRun, CancellationToken CancellationToken)
{
    /// <summary>Key prefix of this cluster's allocation records (service IPs, node ports); one key per allocated value makes collisions a create conflict.</summary>
    public string RangesPrefix => $"{Cluster.StoragePrefix}registry/ranges/";
}
