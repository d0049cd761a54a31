using System.Collections.Concurrent;
using System.Text;
using Lotse.Kube.Discovery;
using Lotse.Kube.Handlers;
using Lotse.Kube.Registry;
using Lotse.Kube.Registry.Strategies;
using Lotse.Kube.Serialization;
using Lotse.Storage;

namespace Lotse.Kube.CustomResources;

/// <summary>
/// What one cluster serves: the built-in kinds plus a resource per served version of each established CRD, with the
/// discovery and OpenAPI documents for exactly that set (built on first use).
/// </summary>
public sealed class ServedResources
{
    private readonly Lazy<DiscoveryDocuments> _discovery;
    private readonly Lazy<OpenApiDocuments> _openApi;

    public ServedResources(KubeResourceRegistry registry, IReadOnlyList<CustomResourceDefinitionInfo> definitions)
    {
        Registry = registry;
        Definitions = definitions;
        _discovery = new(() => new DiscoveryDocuments(registry));
        _openApi = new(() => new OpenApiDocuments(registry));
    }

    public KubeResourceRegistry Registry { get; }

    /// <summary>The established CRDs whose resources are served.</summary>
    public IReadOnlyList<CustomResourceDefinitionInfo> Definitions { get; }

    public DiscoveryDocuments Discovery => _discovery.Value;

    public OpenApiDocuments OpenApi => _openApi.Value;

    /// <summary>The resources of <paramref name="definitions"/> added to <paramref name="builtIns"/>; a CRD cannot shadow a built-in resource.</summary>
    public static ServedResources Build(KubeResourceRegistry builtIns, IReadOnlyList<CustomResourceDefinitionInfo> definitions)
    {
        var resources = builtIns.Resources.ToList();
        var taken = resources.Select(r => (r.Group, r.Version, r.Resource)).ToHashSet();
        foreach (var crd in definitions)
        {
            foreach (var version in crd.ServedVersions)
            {
                if (taken.Add((crd.Group, version.Name, crd.Plural)))
                {
                    resources.Add(ResourceFor(crd, version));
                }
            }
        }

        return new ServedResources(new KubeResourceRegistry(resources), definitions);
    }

    /// <summary>The served resource of one CRD version: its names for discovery, its strategy and its subresources.</summary>
    public static KubeResource ResourceFor(CustomResourceDefinitionInfo crd, CustomResourceVersion version)
    {
        var strategy = new CustomResourceStrategy(crd, version);
        var subresources = new List<KubeSubresource>();
        if (version.Status)
        {
            subresources.Add(StatusSubresourceHandler.For(crd.Group, version.Name, crd.Kind, strategy.StatusStrategy()));
        }

        if (version.Scale is { } scale)
        {
            subresources.Add(CustomResourceScaleHandler.For(scale));
        }

        return new KubeResource
        {
            Group = crd.Group,
            Version = version.Name,
            Resource = crd.Plural,
            Kind = crd.Kind,
            Singular = crd.Singular,
            Namespaced = crd.Namespaced,
            ShortNames = crd.ShortNames,
            Categories = crd.Categories,
            Strategy = strategy,
            Subresources = subresources,
            ListKind = crd.ListKind,
            StorageGroupVersion = crd.StorageVersion is { } storage ? $"{crd.Group}/{storage.Name}" : null,
        };
    }
}

/// <summary>
/// Each cluster's <see cref="ServedResources"/>, rebuilt when its CRDs change. The CRD collection is read from the store
/// on each use (a cheap prefix read) and compared by keys and modification revisions, so a CRD written by another
/// Lotse replica sharing the store, or before a restart, is served on the next request.
/// </summary>
public sealed class ServedResourceCache(KubeResourceRegistry builtIns, IStore store)
{
    private readonly ConcurrentDictionary<string, (string Signature, ServedResources View)> _byCluster = new(StringComparer.Ordinal);
    private readonly ServedResources _builtInsOnly = new(builtIns, []);

    public static string DefinitionsPrefix(KubeCluster cluster) =>
        $"{cluster.StoragePrefix}registry/{CustomResourceDefinitionStrategy.Group}/customresourcedefinitions/";

    public async ValueTask<ServedResources> ForClusterAsync(KubeCluster cluster, CancellationToken cancellationToken)
    {
        var list = await store.ListAsync(DefinitionsPrefix(cluster), default, cancellationToken);
        if (list.Items.Count == 0)
        {
            _byCluster.TryRemove(cluster.Id, out _);
            return _builtInsOnly;
        }

        var signature = new StringBuilder();
        foreach (var kv in list.Items)
        {
            signature.Append(kv.Key).Append('@').Append(kv.ModRevision).Append(';');
        }

        var key = signature.ToString();
        if (_byCluster.TryGetValue(cluster.Id, out var cached) && cached.Signature == key)
        {
            return cached.View;
        }

        var definitions = list.Items.Select(kv => ObjectBytes.Parse(kv.Value, kv.ModRevision))
            .Where(CustomResourceDefinitionInfo.IsEstablished)
            .Select(CustomResourceDefinitionInfo.Parse)
            .ToList();
        var view = ServedResources.Build(builtIns, definitions);
        _byCluster[cluster.Id] = (key, view);
        return view;
    }

    /// <summary>The namespaced custom resources of a cluster, read from the store (the namespace cascade).</summary>
    public static async ValueTask<List<KubeResource>> NamespacedCustomResourcesAsync(KubeWriteContext context)
    {
        var list = await context.Store.ListAsync(DefinitionsPrefix(context.Cluster), default, context.CancellationToken);
        var resources = new List<KubeResource>();
        foreach (var kv in list.Items)
        {
            var crd = CustomResourceDefinitionInfo.Parse(ObjectBytes.Parse(kv.Value, kv.ModRevision));
            if (crd.Namespaced && crd.StorageVersion is { } storage)
            {
                resources.Add(ServedResources.ResourceFor(crd, storage));
            }
        }

        return resources;
    }
}
