namespace Lotse.Kube.Registry;

/// <summary>Where a request operates: one cluster, one resource, and the namespace from the URL ("" for cluster-scoped or all namespaces).</summary>
public sealed record KubeScope(KubeCluster Cluster, KubeResource Resource, string Namespace)
{
    /// <summary>Key prefix of the collection the URL names: one namespace, or every namespace when none is given.</summary>
    public string CollectionPrefix => Resource.Namespaced && Namespace.Length > 0
        ? $"{Cluster.StoragePrefix}{Resource.StorageSegment}{Namespace}/"
        : $"{Cluster.StoragePrefix}{Resource.StorageSegment}";

    public string Key(string name) => Resource.Namespaced
        ? $"{Cluster.StoragePrefix}{Resource.StorageSegment}{Namespace}/{name}"
        : $"{Cluster.StoragePrefix}{Resource.StorageSegment}{name}";

    public string NamespaceKey => $"{Cluster.StoragePrefix}registry/core/namespaces/{Namespace}";
}
