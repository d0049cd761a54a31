using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lotse.Kube.Serialization;

/// <summary>Small accessors for unstructured Kubernetes objects held as <see cref="JsonObject"/>.</summary>
public static class JsonObjectExtensions
{
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary><c>metadata.generation</c> one past <paramref name="old"/>'s: the object's desired state changed.</summary>
    public static void BumpGeneration(this JsonObject obj, JsonObject old) =>
        obj.Metadata()["generation"] = (old.GetObject("metadata").GetInt("generation") ?? 0) + 1;

    /// <summary>Upstream's rule for kinds with a desired state: the generation moves only when <paramref name="field"/> (the spec) changed.</summary>
    public static void BumpGenerationOnChange(this JsonObject obj, JsonObject old, string field = "spec")
    {
        if (!JsonNode.DeepEquals(obj[field], old[field]))
        {
            obj.BumpGeneration(old);
        }
    }

    public static JsonObject Metadata(this JsonObject obj)
    {
        if (obj["metadata"] is JsonObject meta)
        {
            return meta;
        }

        meta = new JsonObject();
        obj["metadata"] = meta;
        return meta;
    }

    public static string? GetString(this JsonObject? obj, string name) =>
        obj?[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static JsonObject? GetObject(this JsonObject? obj, string name) => obj?[name] as JsonObject;

    public static JsonArray? GetArray(this JsonObject? obj, string name) => obj?[name] as JsonArray;

    public static string? MetaString(this JsonObject obj, string name) => obj.GetObject("metadata").GetString(name);

    public static string Name(this JsonObject obj) => obj.MetaString("name") ?? "";

    public static string Namespace(this JsonObject obj) => obj.MetaString("namespace") ?? "";

    public static IEnumerable<KeyValuePair<string, string>> Labels(this JsonObject obj)
    {
        if (obj.GetObject("metadata").GetObject("labels") is { } labels)
        {
            foreach (var (key, value) in labels)
            {
                yield return new(key, value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value?.ToJsonString() ?? "");
            }
        }
    }

    public static DateTimeOffset? CreationTimestamp(this JsonObject obj) => ParseTime(obj.MetaString("creationTimestamp"));

    public static DateTimeOffset? ParseTime(string? value) =>
        value is not null && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    public static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    public static int CountProperties(this JsonObject? obj) => obj?.Count ?? 0;

    /// <summary>Integer-valued node (JSON number), or null.</summary>
    public static long? GetInt(this JsonObject? obj, string name) => AsInt64(obj?[name]);

    /// <summary>
    /// An integral JSON number whatever backs the node: parsed JSON (JsonElement) or a CLR value put there by code
    /// (an int is not readable as long through <c>TryGetValue&lt;long&gt;</c>).
    /// </summary>
    public static long? AsInt64(JsonNode? node)
    {
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return null;
        }

        if (v.TryGetValue<long>(out var l))
        {
            return l;
        }

        if (v.TryGetValue<int>(out var i))
        {
            return i;
        }

        if (v.TryGetValue<JsonElement>(out var e) && e.TryGetInt64(out l))
        {
            return l;
        }

        return v.TryGetValue<double>(out var d) && d == Math.Floor(d) && Math.Abs(d) < long.MaxValue ? (long)d : null;
    }

    /// <summary>Puts apiVersion, kind, metadata first, as kube-apiserver serialises them (readers rely on neither, but humans do).</summary>
    public static JsonObject Canonicalize(this JsonObject obj)
    {
        if (obj["metadata"] is JsonObject metadata)
        {
            DropEmptyMetadataCollections(metadata);
            OrderMetadata(metadata);
        }

        if (obj.Count > 0 && obj.GetPropertyName(0) == "apiVersion" && obj.Count > 1 && obj.GetPropertyName(1) == "kind")
        {
            return obj;
        }

        var ordered = new JsonObject();
        foreach (var first in new[] { "apiVersion", "kind", "metadata" })
        {
            if (obj.Remove(first, out var node))
            {
                ordered[first] = node;
            }
        }

        foreach (var name in obj.Select(p => p.Key).ToList())
        {
            obj.Remove(name, out var node);
            ordered[name] = node;
        }

        return ordered;
    }

    /// <summary>
    /// ObjectMeta's maps and lists are <c>omitempty</c> in Go, so an object whose last label was removed
    /// (<c>kubectl label x key-</c>) has no <c>labels</c> field at all rather than <c>{}</c>.
    /// </summary>
    private static void DropEmptyMetadataCollections(JsonObject metadata)
    {
        foreach (var field in EmptyOmittedMetadataFields)
        {
            if (metadata[field] is JsonObject { Count: 0 } or JsonArray { Count: 0 })
            {
                metadata.Remove(field);
            }
        }
    }

    private static readonly string[] EmptyOmittedMetadataFields = ["labels", "annotations", "ownerReferences", "finalizers"];

    /// <summary>
    /// ObjectMeta's fields in the Go struct's order (as kube-apiserver writes them), others after in their own order: every
    /// write path then stores the same bytes for the same object, so a write that changes nothing is recognised as one.
    /// </summary>
    private static void OrderMetadata(JsonObject metadata)
    {
        var index = 0;
        var inOrder = true;
        foreach (var (key, _) in metadata)
        {
            var rank = Array.IndexOf(MetadataOrder, key);
            if (rank < 0)
            {
                rank = MetadataOrder.Length;
            }

            if (rank < index)
            {
                inOrder = false;
                break;
            }

            index = rank;
        }

        if (inOrder)
        {
            return;
        }

        var fields = metadata.ToList();
        metadata.Clear();
        foreach (var (key, value) in fields.OrderBy(f => Array.IndexOf(MetadataOrder, f.Key) is var rank and >= 0 ? rank : MetadataOrder.Length))
        {
            metadata[key] = value;
        }
    }

    private static readonly string[] MetadataOrder =
    [
        "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation", "creationTimestamp",
        "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers", "managedFields",
    ];

    private static string GetPropertyName(this JsonObject obj, int index) => obj.ElementAt(index).Key;
}
