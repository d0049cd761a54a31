using System.Text.Json.Nodes;
using Lotse.Kube.Serialization;
using Lotse.Storage;

namespace Lotse.Kube.ServiceAccounts;

/// <summary>Reads the core objects token issuing and checking depend on (service accounts, secrets) straight from the store.</summary>
public static class ServiceAccountObjects
{
    public static ValueTask<JsonObject?> GetServiceAccountAsync(IStore store, KubeCluster cluster, string @namespace, string name, CancellationToken cancellationToken) =>
        GetAsync(store, cluster, "serviceaccounts", @namespace, name, cancellationToken);

    public static ValueTask<JsonObject?> GetSecretAsync(IStore store, KubeCluster cluster, string @namespace, string name, CancellationToken cancellationToken) =>
        GetAsync(store, cluster, "secrets", @namespace, name, cancellationToken);

    private static async ValueTask<JsonObject?> GetAsync(IStore store, KubeCluster cluster, string resource, string @namespace, string name, CancellationToken cancellationToken)
    {
        if (@namespace.Length == 0 || name.Length == 0 || @namespace.Contains('/', StringComparison.Ordinal) || name.Contains('/', StringComparison.Ordinal))
        {
            return null;
        }

        var kv = await store.GetAsync($"{cluster.StoragePrefix}registry/core/{resource}/{@namespace}/{name}", 0, cancellationToken);
        return kv is null ? null : ObjectBytes.Parse(kv.Value, kv.ModRevision);
    }
}
