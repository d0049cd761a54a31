using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Rbac;
using Lotse.Kube.Registry;
using Lotse.Kube.Requests;
using Lotse.Storage.Sqlite;

namespace Lotse.Kube.Tests.Rbac;

/// <summary>A real SqliteStore with one bootstrapped cluster, the generic object store and the RBAC authorizer — no HTTP.</summary>
public sealed class RbacStoreFixture : IAsyncDisposable
{
    private readonly string _directory;
    private readonly KubeResourceRegistry _registry = KubeResourceRegistry.CreateDefault();

    private RbacStoreFixture(string directory, SqliteStore store)
    {
        _directory = directory;
        Store = store;
        Objects = new KubeObjectStore(store, TimeProvider.System);
        Authorizer = new RbacAuthorizer(store);
    }

    public KubeCluster Cluster { get; } = new(Guid.NewGuid().ToString("N").ToUpperInvariant(), "rbac", "10.100.0.0/16", "1.32");

    public SqliteStore Store { get; }

    public KubeObjectStore Objects { get; }

    public RbacAuthorizer Authorizer { get; }

    public static async Task<RbacStoreFixture> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("lotse-rbac-").FullName;
        var fixture = new RbacStoreFixture(directory, await SqliteStore.OpenAsync(Path.Combine(directory, "lotse.db")));
        var result = await fixture.Store.CommitAsync(KubeClusterBootstrapper.InitialObjects(fixture.Cluster, new KubeApiAddress("127.0.0.1", 443), DateTimeOffset.UtcNow));
        result.Succeeded.ShouldBeTrue();
        return fixture;
    }

    public static KubeUser User(string name, params string[] groups) =>
        new(name, name + "-uid", [.. groups, "system:authenticated"], new Dictionary<string, IReadOnlyList<string>>());

    public KubeScope Scope(string resource, string ns = "")
    {
        var kind = _registry.Resources.Single(r => r.Resource == resource);
        return new KubeScope(Cluster, kind, kind.Namespaced ? ns : "");
    }

    /// <summary>Creates an object through the generic store, as <paramref name="user"/> (null: Lotse itself).</summary>
    public async Task<JsonObject> CreateAsync(string resource, string ns, string json, KubeUser? user = null) =>
        await Objects.CreateAsync(Scope(resource, ns), JsonNode.Parse(json)!.AsObject(), false, CancellationToken.None, user);

    public async Task<KubeStatus> CreateFailsAsync(string resource, string ns, string json, KubeUser user)
    {
        var failure = await Should.ThrowAsync<KubeStatusException>(() => CreateAsync(resource, ns, json, user));
        return failure.Status;
    }

    public async Task DeleteAsync(string resource, string ns, string name) =>
        await Objects.DeleteAsync(Scope(resource, ns), name, new DeletePreconditions(null, null), false, CancellationToken.None);

    public async Task<JsonObject> GetAsync(string resource, string ns, string name) => await Objects.GetAsync(Scope(resource, ns), name, CancellationToken.None);

    public async Task<bool> AllowedAsync(KubeUser user, string verb, string resource, string ns = "", string group = "", string name = "", string subresource = "")
    {
        var request = new KubeRequestInfo { IsResourceRequest = true, Path = "", Verb = verb, ApiGroup = group, ApiVersion = "v1", Namespace = ns, Resource = resource, Name = name, Subresource = subresource };
        return (await Authorizer.AuthorizeAsync(Cluster, user, request, CancellationToken.None)).Allowed;
    }

    public async Task<bool> PathAllowedAsync(KubeUser user, string path, string verb = "get")
    {
        var request = new KubeRequestInfo { IsResourceRequest = false, Path = path, Verb = verb };
        return (await Authorizer.AuthorizeAsync(Cluster, user, request, CancellationToken.None)).Allowed;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
