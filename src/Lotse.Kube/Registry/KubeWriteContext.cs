using Lotse.Kube.Auth;
using Lotse.Storage;

namespace Lotse.Kube.Registry;

/// <summary>What a strategy may use while preparing a write: the cluster, the store (to allocate from), and the clock.</summary>
public sealed record KubeWriteContext(KubeCluster Cluster, IStore Store, DateTimeOffset Now, bool DryRun, CancellationToken CancellationToken)
{
    /// <summary>Key prefix of this cluster's allocation records (service IPs, node ports); one key per allocated value makes collisions a create conflict.</summary>
    public string RangesPrefix => $"{Cluster.StoragePrefix}registry/ranges/";

    /// <summary>Who asked for the write; null for Lotse's own writes, which are privileged (RBAC escalation checks skip them).</summary>
    public KubeUser? User { get; init; }

    /// <summary>
    /// The request's authorizer (kube-apiserver's full chain), asked for the RBAC <c>escalate</c> and <c>bind</c> verbs;
    /// null means RBAC alone answers.
    /// </summary>
    public IKubeAuthorizer? Authorizer { get; init; }
}
