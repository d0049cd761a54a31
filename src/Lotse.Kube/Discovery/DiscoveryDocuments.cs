using System.Security.Cryptography;
using System.Text.Json;
using Lotse.Kube.Registry;

namespace Lotse.Kube.Discovery;

/// <summary>
/// Discovery generated from the registry: aggregated (<c>apidiscovery.k8s.io/v2</c>, one document for <c>/api</c> and
/// one for <c>/apis</c>) and legacy (<c>APIVersions</c>, <c>APIGroupList</c>, <c>APIGroup</c>, <c>APIResourceList</c>).
/// A registry (the built-ins, or one cluster's served view with its CRDs) never changes, so every document is built
/// once per registry and served as bytes with an ETag.
/// </summary>
public sealed class DiscoveryDocuments
{
    public const string AggregatedContentTypeV2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

    private readonly Dictionary<string, byte[]> _legacy = new(StringComparer.Ordinal);

    public DiscoveryDocuments(KubeResourceRegistry registry)
    {
        var core = registry.Resources.Where(r => r.Group.Length == 0).ToList();
        AggregatedCore = new Document(Aggregated(core.GroupBy(r => "").ToList(), "v2"));
        AggregatedGroups = new Document(Aggregated(registry.Resources.Where(r => r.Group.Length > 0).GroupBy(r => r.Group).ToList(), "v2"));

        _legacy["/api/v1"] = ResourceList("v1", core);
        _legacy["/apis"] = GroupList(registry);
        foreach (var (group, versions) in registry.NamedGroups())
        {
            _legacy[$"/apis/{group}"] = Write(w => WriteGroup(w, group, versions, withTypeMeta: true));
            foreach (var version in versions)
            {
                _legacy[$"/apis/{group}/{version}"] = ResourceList($"{group}/{version}", registry.Resources.Where(r => r.Group == group && r.Version == version));
            }
        }
    }

    /// <summary>A prebuilt body and its strong ETag.</summary>
    public sealed record Document(byte[] Body)
    {
        public string ETag { get; } = "\"" + Convert.ToHexStringLower(SHA256.HashData(Body)) + "\"";
    }

    public Document AggregatedCore { get; }

    public Document AggregatedGroups { get; }

    /// <summary>A legacy document by path (<c>/api/v1</c>, <c>/apis</c>, <c>/apis/g</c>, <c>/apis/g/v</c>), or null.</summary>
    public byte[]? Legacy(string path) => _legacy.GetValueOrDefault(path.TrimEnd('/'));

    /// <summary><c>/api</c> as APIVersions; the address is where the client reached us.</summary>
    public static byte[] ApiVersions(string serverAddress) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("kind", "APIVersions");
        w.WriteStartArray("versions");
        w.WriteStringValue("v1");
        w.WriteEndArray();
        w.WriteStartArray("serverAddressByClientCIDRs");
        w.WriteStartObject();
        w.WriteString("clientCIDR", "0.0.0.0/0");
        w.WriteString("serverAddress", serverAddress);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>True when the Accept header asks for aggregated discovery before anything else.</summary>
    public static bool WantsAggregated(string? accept)
    {
        if (string.IsNullOrEmpty(accept))
        {
            return false;
        }

        foreach (var entry in accept.Split(','))
        {
            if (entry.Contains("as=APIGroupDiscoveryList", StringComparison.Ordinal) && entry.Contains("g=apidiscovery.k8s.io", StringComparison.Ordinal))
            {
                if (entry.Contains("v=v2", StringComparison.Ordinal) && !entry.Contains("v=v2beta1", StringComparison.Ordinal))
                {
                    return true;
                }

                continue;
            }

            return false;
        }

        return false;
    }

    private static byte[] Aggregated(IReadOnlyList<IGrouping<string, KubeResource>> groups, string version) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("kind", "APIGroupDiscoveryList");
        w.WriteString("apiVersion", $"apidiscovery.k8s.io/{version}");
        w.WriteStartObject("metadata");
        w.WriteEndObject();
        w.WriteStartArray("items");
        foreach (var group in groups)
        {
            w.WriteStartObject();
            w.WriteStartObject("metadata");
            if (group.Key.Length > 0)
            {
                w.WriteString("name", group.Key);
            }

            w.WriteNull("creationTimestamp");
            w.WriteEndObject();
            w.WriteStartArray("versions");
            foreach (var byVersion in group.GroupBy(r => r.Version))
            {
                w.WriteStartObject();
                w.WriteString("version", byVersion.Key);
                w.WriteStartArray("resources");
                foreach (var resource in byVersion.OrderBy(r => r.Resource, StringComparer.Ordinal))
                {
                    w.WriteStartObject();
                    w.WriteString("resource", resource.Resource);
                    w.WriteStartObject("responseKind");
                    w.WriteString("group", resource.Group);
                    w.WriteString("version", resource.Version);
                    w.WriteString("kind", resource.Kind);
                    w.WriteEndObject();
                    w.WriteString("scope", resource.Namespaced ? "Namespaced" : "Cluster");
                    w.WriteString("singularResource", resource.Singular);
                    WriteStrings(w, "verbs", resource.Verbs);
                    if (resource.ShortNames.Count > 0)
                    {
                        WriteStrings(w, "shortNames", resource.ShortNames);
                    }

                    if (resource.Categories.Count > 0)
                    {
                        WriteStrings(w, "categories", resource.Categories);
                    }

                    if (resource.Subresources.Count > 0)
                    {
                        w.WriteStartArray("subresources");
                        foreach (var subresource in resource.Subresources)
                        {
                            w.WriteStartObject();
                            w.WriteString("subresource", subresource.Name);
                            w.WriteStartObject("responseKind");
                            w.WriteString("group", subresource.Group);
                            w.WriteString("version", subresource.Version);
                            w.WriteString("kind", subresource.Kind);
                            w.WriteEndObject();
                            WriteStrings(w, "verbs", subresource.Verbs);
                            w.WriteEndObject();
                        }

                        w.WriteEndArray();
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteString("freshness", "Current");
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static byte[] ResourceList(string groupVersion, IEnumerable<KubeResource> resources) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("kind", "APIResourceList");
        w.WriteString("apiVersion", "v1");
        w.WriteString("groupVersion", groupVersion);
        w.WriteStartArray("resources");
        foreach (var resource in resources.OrderBy(r => r.Resource, StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteString("name", resource.Resource);
            w.WriteString("singularName", resource.Singular);
            w.WriteBoolean("namespaced", resource.Namespaced);
            w.WriteString("kind", resource.Kind);
            WriteStrings(w, "verbs", resource.Verbs);
            if (resource.ShortNames.Count > 0)
            {
                WriteStrings(w, "shortNames", resource.ShortNames);
            }

            if (resource.Categories.Count > 0)
            {
                WriteStrings(w, "categories", resource.Categories);
            }

            w.WriteEndObject();

            // Legacy discovery lists each subresource as its own entry, "<resource>/<subresource>", with the kind it takes.
            foreach (var subresource in resource.Subresources)
            {
                w.WriteStartObject();
                w.WriteString("name", $"{resource.Resource}/{subresource.Name}");
                w.WriteString("singularName", "");
                w.WriteBoolean("namespaced", resource.Namespaced);
                w.WriteString("group", subresource.Group);
                w.WriteString("version", subresource.Version);
                w.WriteString("kind", subresource.Kind);
                WriteStrings(w, "verbs", subresource.Verbs);
                w.WriteEndObject();
            }
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static byte[] GroupList(KubeResourceRegistry registry) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("kind", "APIGroupList");
        w.WriteString("apiVersion", "v1");
        w.WriteStartArray("groups");
        foreach (var (group, versions) in registry.NamedGroups())
        {
            WriteGroup(w, group, versions, withTypeMeta: false);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static void WriteGroup(Utf8JsonWriter w, string group, IReadOnlyList<string> versions, bool withTypeMeta)
    {
        w.WriteStartObject();
        if (withTypeMeta)
        {
            w.WriteString("kind", "APIGroup");
            w.WriteString("apiVersion", "v1");
        }

        w.WriteString("name", group);
        w.WriteStartArray("versions");
        foreach (var version in versions)
        {
            w.WriteStartObject();
            w.WriteString("groupVersion", $"{group}/{version}");
            w.WriteString("version", version);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("preferredVersion");
        w.WriteString("groupVersion", $"{group}/{versions[0]}");
        w.WriteString("version", versions[0]);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.ToArray();
    }
}
