using Lotse.Kube.Errors;
using Lotse.Kube.Handlers;

namespace Lotse.Kube.Registry;

/// <summary>
/// One served resource: its names for discovery and messages, plus the strategy that gives the generic
/// store its per-kind behaviour. Registering a kind = one of these in <see cref="KubeResourceRegistry"/>.
/// </summary>
public sealed class KubeResource
{
    private readonly string? _listKind;

    public static readonly IReadOnlyList<string> AllVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public required string Group { get; init; }

    public required string Version { get; init; }

    /// <summary>Plural, lower-case resource name as in the URL (<c>configmaps</c>).</summary>
    public required string Resource { get; init; }

    public required string Kind { get; init; }

    public required string Singular { get; init; }

    public required bool Namespaced { get; init; }

    public IReadOnlyList<string> ShortNames { get; init; } = [];

    public IReadOnlyList<string> Categories { get; init; } = [];

    public IReadOnlyList<string> Verbs { get; init; } = AllVerbs;

    public required KubeStrategy Strategy { get; init; }

    /// <summary>Subresources served by their own handler (<c>serviceaccounts/token</c>); any other subresource is 404.</summary>
    public IReadOnlyList<KubeSubresource> Subresources { get; init; } = [];

    /// <summary>
    /// Set for a resource that is never stored (the access and token reviews, upstream's create-only REST storages): every
    /// request goes to this handler instead of the generic store. Such a resource usually lists only <c>create</c>.
    /// </summary>
    public IKubeResourceHandler? Handler { get; init; }

    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The list kind; <c>&lt;Kind&gt;List</c> unless set (a CRD names its own).</summary>
    public string ListKind
    {
        get => _listKind ?? Kind + "List";
        init => _listKind = value;
    }

    /// <summary>
    /// The group/version objects are stored in when it differs from the served one (a CRD version that is not its storage
    /// version); reads then show the served version (conversion None: only apiVersion changes). Null: stored as served.
    /// </summary>
    public string? StorageGroupVersion { get; init; }

    /// <summary>True when stored objects carry another apiVersion than this resource serves.</summary>
    public bool ConvertsOnRead => StorageGroupVersion is not null && StorageGroupVersion != GroupVersion;

    public KubeGroupResource GroupResource => new(Group, Resource);

    /// <summary>Set when the kind shares another resource's stored objects in a different shape (events.k8s.io events).</summary>
    public StorageConversion? SharedStorage { get; init; }

    /// <summary>Storage path segment: upstream keeps core kinds at <c>/registry/&lt;resource&gt;</c>; we add "core" so group names cannot collide.</summary>
    public string StorageSegment => SharedStorage?.StorageSegment ?? $"registry/{(Group.Length == 0 ? "core" : Group)}/{Resource}/";

    /// <summary>The object as this version serves it (apiVersion rewritten when <see cref="ConvertsOnRead"/>).</summary>
    public System.Text.Json.Nodes.JsonObject ToServedVersion(System.Text.Json.Nodes.JsonObject obj)
    {
        if (ConvertsOnRead)
        {
            obj["apiVersion"] = GroupVersion;
        }

        return obj;
    }

    public bool Supports(string verb) => Verbs.Contains(verb);

    public KubeSubresource? FindSubresource(string name) => Subresources.FirstOrDefault(s => s.Name == name);
}
