using System.Text.Json.Nodes;
using Lotse.Kube.Serialization;

namespace Lotse.Kube.CustomResources;

/// <summary>One <c>spec.versions[]</c> entry of a CRD, as the custom-resource engine needs it.</summary>
/// <param name="Name">The version (<c>v1beta1</c>).</param>
/// <param name="Served">Whether the version is served at all.</param>
/// <param name="Storage">Whether objects are stored in this version.</param>
/// <param name="Schema">The structural <c>schema.openAPIV3Schema</c>; an open object when absent.</param>
/// <param name="Columns">The <c>additionalPrinterColumns</c> as written.</param>
/// <param name="Status">Whether the status subresource is enabled.</param>
/// <param name="Scale">The <c>subresources.scale</c> object, or null.</param>
public sealed record CustomResourceVersion(string Name, bool Served, bool Storage, StructuralSchema Schema, JsonArray Columns, bool Status, JsonObject? Scale);

/// <summary>
/// The parts of a stored <c>apiextensions.k8s.io/v1 CustomResourceDefinition</c> that decide how its custom resources
/// are served: group, names, scope and versions. Read from the JSON the store holds; never written back.
/// </summary>
public sealed record CustomResourceDefinitionInfo(
    string Name,
    string Group,
    string Plural,
    string Singular,
    string Kind,
    string ListKind,
    IReadOnlyList<string> ShortNames,
    IReadOnlyList<string> Categories,
    bool Namespaced,
    IReadOnlyList<CustomResourceVersion> Versions)
{
    public CustomResourceVersion? StorageVersion => Versions.FirstOrDefault(v => v.Storage);

    /// <summary>Versions the CRD serves, highest Kubernetes version priority first (v1 before v1beta1 before v1alpha1).</summary>
    public IEnumerable<CustomResourceVersion> ServedVersions =>
        Versions.Where(v => v.Served).OrderBy(v => v.Name, KubeVersionComparer.Instance);

    public static CustomResourceDefinitionInfo Parse(JsonObject crd)
    {
        var spec = crd.GetObject("spec");
        var names = spec.GetObject("names");
        var kind = names.GetString("kind") ?? "";
        var versions = new List<CustomResourceVersion>();
        foreach (var version in spec.GetArray("versions")?.OfType<JsonObject>() ?? [])
        {
            var schema = version.GetObject("schema").GetObject("openAPIV3Schema") ?? new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true };
            var subresources = version.GetObject("subresources");
            versions.Add(new CustomResourceVersion(
                version.GetString("name") ?? "",
                version["served"] is JsonValue served && served.GetValueKind() == System.Text.Json.JsonValueKind.True,
                version["storage"] is JsonValue storage && storage.GetValueKind() == System.Text.Json.JsonValueKind.True,
                new StructuralSchema(schema),
                version.GetArray("additionalPrinterColumns") ?? [],
                subresources?["status"] is JsonObject,
                subresources.GetObject("scale")));
        }

        return new CustomResourceDefinitionInfo(
            crd.Name(),
            spec.GetString("group") ?? "",
            names.GetString("plural") ?? "",
            names.GetString("singular") ?? kind.ToLowerInvariant(),
            kind,
            names.GetString("listKind") ?? kind + "List",
            Strings(names.GetArray("shortNames")),
            Strings(names.GetArray("categories")),
            spec.GetString("scope") != "Cluster",
            versions);
    }

    /// <summary>True when the CRD's <c>Established</c> condition is True (its names were accepted).</summary>
    public static bool IsEstablished(JsonObject crd) =>
        crd.GetObject("status").GetArray("conditions")?.OfType<JsonObject>()
            .Any(c => c.GetString("type") == "Established" && c.GetString("status") == "True") ?? false;

    private static List<string> Strings(JsonArray? array) =>
        array?.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList() ?? [];
}

/// <summary>
/// Kubernetes version priority (apimachinery's <c>CompareKubeAwareVersionStrings</c>): GA before beta before alpha,
/// higher numbers first within each, and versions that do not look like Kubernetes versions last, alphabetically.
/// </summary>
public sealed class KubeVersionComparer : IComparer<string>
{
    public static KubeVersionComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        var a = Parse(x ?? "");
        var b = Parse(y ?? "");
        if (a is null || b is null)
        {
            return (a, b) switch
            {
                (null, null) => string.CompareOrdinal(x, y),
                (null, _) => 1,
                _ => -1,
            };
        }

        if (a.Value.Stage != b.Value.Stage)
        {
            return a.Value.Stage.CompareTo(b.Value.Stage);
        }

        if (a.Value.Major != b.Value.Major)
        {
            return b.Value.Major.CompareTo(a.Value.Major);
        }

        return b.Value.Minor.CompareTo(a.Value.Minor);
    }

    /// <summary>Stage 0 = GA, 1 = beta, 2 = alpha.</summary>
    private static (int Stage, long Major, long Minor)? Parse(string version)
    {
        var match = System.Text.RegularExpressions.Regex.Match(version, "^v([1-9][0-9]*)(?:(alpha|beta)([1-9][0-9]*))?$");
        if (!match.Success || !long.TryParse(match.Groups[1].Value, out var major))
        {
            return null;
        }

        var stage = match.Groups[2].Value switch { "beta" => 1, "alpha" => 2, _ => 0 };
        _ = long.TryParse(match.Groups[3].Value, out var minor);
        return (stage, major, minor);
    }
}
