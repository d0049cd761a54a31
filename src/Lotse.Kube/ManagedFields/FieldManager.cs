using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;

namespace Lotse.Kube.ManagedFields;

/// <summary>
/// Keeps <c>metadata.managedFields</c> for one write (upstream <c>util/managedfields</c> over structured-merge-diff):
/// an Update moves the fields it changed to its manager, an Apply merges a configuration, prunes what the manager
/// stopped applying and refuses to take fields another manager owns unless forced.
/// </summary>
/// <param name="manager">The request's field manager.</param>
/// <param name="subresource">"" for the main resource, "status" for status writes.</param>
/// <param name="apiVersion">The kind's group/version.</param>
/// <param name="mergeKeys">The kind's list semantics (strategic-merge-patch merge keys).</param>
/// <param name="statusIsSubresource">Whether the kind resets status on main-resource writes.</param>
public sealed class FieldManager(string manager, string subresource, string apiVersion, IReadOnlyDictionary<string, string> mergeKeys, bool statusIsSubresource)
{
    public const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

    /// <summary>Fields nobody owns: identity and server-set metadata (upstream's stripMeta).</summary>
    private static readonly FieldSet ServerOwned = new(
    [
        FieldPath.Fields("apiVersion"), FieldPath.Fields("kind"), FieldPath.Fields("metadata"),
        FieldPath.Fields("metadata", "name"), FieldPath.Fields("metadata", "namespace"), FieldPath.Fields("metadata", "creationTimestamp"),
        FieldPath.Fields("metadata", "selfLink"), FieldPath.Fields("metadata", "uid"), FieldPath.Fields("metadata", "generation"),
        FieldPath.Fields("metadata", "managedFields"), FieldPath.Fields("metadata", "resourceVersion"),
    ]);

    private static readonly FieldPath Status = FieldPath.Fields("status");

    private readonly ObjectFields _fields = new(mergeKeys);

    public string Manager => manager;

    /// <summary>
    /// Records a create (<paramref name="live"/> null) or update in <paramref name="updated"/>'s managedFields. A client
    /// may replace the list on the main resource, or reset it with <c>[]</c>; anything unreadable keeps the live list.
    /// </summary>
    public void TrackUpdate(JsonObject? live, JsonObject updated, DateTimeOffset now)
    {
        var liveEntries = Decode(live);
        var incoming = updated.GetObject("metadata")?["managedFields"];
        var entries = subresource.Length > 0 ? liveEntries
            : ManagedFieldsEntry.IsReset(incoming) ? []
            : ManagedFieldsEntry.TryDecode(incoming) is { Count: > 0 } given ? given
            : liveEntries;
        updated.Metadata().Remove("managedFields");

        var comparison = Compare(WithoutManagedFields(live), updated);
        var self = new ManagedFieldsEntry(manager, ManagedFieldsEntry.Update, apiVersion, subresource, null, FieldSet.Empty);
        var previous = entries.FirstOrDefault(self.SameManager);
        var result = entries.Select(e => e with { Fields = e.Fields.Difference(comparison.Changed).Difference(comparison.Removed) }).ToList();
        if (!comparison.Changed.IsEmpty)
        {
            result.RemoveAll(self.SameManager);
            var kept = previous?.Fields.Difference(comparison.Removed) ?? FieldSet.Empty;
            result.Add(self with { Fields = kept.Union(comparison.Changed), Time = JsonObjectExtensions.FormatTime(now) });
        }

        Store(updated, result);
    }

    /// <summary>
    /// Server-side apply of <paramref name="config"/> onto <paramref name="live"/> (null: the object does not exist yet);
    /// returns the new object with its managedFields, or throws 409 with the conflicts.
    /// </summary>
    public JsonObject Apply(JsonObject? live, JsonObject config, bool force, DateTimeOffset now)
    {
        var result = ApplyOnce(live, config, force, now, out var conflicts);
        if (conflicts.Count == 0)
        {
            return result!;
        }

        // kubectl's first server-side apply after client-side applies may take the fields its last-applied annotation set.
        if (manager == "kubectl" && AllowedByLastApplied(live) is { } allowed)
        {
            var remaining = conflicts.Where(c => !allowed.Has(c.Path)).ToList();
            if (remaining.Count == 0)
            {
                return ApplyOnce(live, config, force: true, now, out _)!;
            }

            conflicts = remaining;
        }

        throw ConflictError(conflicts).ToException();
    }

    public static KubeStatus ConflictError(IReadOnlyList<(ManagedFieldsEntry Owner, FieldPath Path)> conflicts)
    {
        string message;
        if (conflicts.Count == 1)
        {
            message = $"Apply failed with 1 conflict: conflict with {conflicts[0].Owner.Describe()}: {conflicts[0].Path}";
        }
        else
        {
            var lines = conflicts.GroupBy(c => c.Owner.Describe()).OrderBy(g => g.Key, StringComparer.Ordinal)
                .SelectMany(g => g.Select(c => $"- {c.Path}").Prepend($"conflicts with {g.Key}:"));
            message = $"Apply failed with {conflicts.Count} conflicts: {string.Join("\n", lines)}";
        }

        return new KubeStatus(409, "Conflict", message)
        {
            Causes = conflicts.Select(c => new KubeStatusCause("FieldManagerConflict", $"conflict with {c.Owner.Describe()}", c.Path.ToString())).ToArray(),
        };
    }

    private JsonObject? ApplyOnce(JsonObject? live, JsonObject config, bool force, DateTimeOffset now, out List<(ManagedFieldsEntry Owner, FieldPath Path)> conflicts)
    {
        var entries = Decode(live);
        var before = WithoutManagedFields(live) ?? new JsonObject();
        var merged = _fields.Merge(before, config);
        var applied = Filter(_fields.ToFieldSet(config));
        var self = new ManagedFieldsEntry(manager, ManagedFieldsEntry.Apply, apiVersion, subresource, null, applied);
        var previous = entries.FirstOrDefault(self.SameManager);
        var others = entries.Where(e => !e.SameManager(self)).ToList();

        if (previous is { Fields.IsEmpty: false })
        {
            // Prune what this manager applied before and no longer applies, unless someone else still owns it.
            var ownedElsewhere = others.SelectMany(e => e.Fields.Paths).Concat(applied.Paths).ToList();
            var stale = previous.Fields.Difference(applied).Paths.Where(p => !ownedElsewhere.Any(q => q.StartsWith(p)));
            _fields.RemoveItems(merged, new FieldSet(stale));
        }

        var comparison = Compare(before, merged);
        conflicts = others
            .SelectMany(e => e.Fields.Intersection(comparison.Changed).Paths.Select(p => (Owner: e, Path: p)))
            .OrderBy(c => c.Owner.Manager, StringComparer.Ordinal).ThenBy(c => c.Path)
            .ToList();
        if (conflicts.Count > 0 && !force)
        {
            return null;
        }

        var result = others.Select(e => e with { Fields = e.Fields.Difference(comparison.Changed).Difference(comparison.Removed) }).ToList();
        var changed = !JsonNode.DeepEquals(before, merged);
        result.Add(self with { Time = changed || previous?.Time is null ? JsonObjectExtensions.FormatTime(now) : previous.Time });
        conflicts = [];

        if (manager == "kubectl" && merged.GetObject("metadata")?.GetObject("annotations")?[LastAppliedAnnotation] is not null)
        {
            var lastApplied = (JsonObject)config.DeepClone();
            var annotations = lastApplied.GetObject("metadata")?.GetObject("annotations");
            annotations?.Remove(LastAppliedAnnotation);
            if (annotations is { Count: 0 })
            {
                lastApplied.Metadata().Remove("annotations");
            }

            merged.Metadata().GetObject("annotations")![LastAppliedAnnotation] = SortedJson(lastApplied) + "\n";
        }

        Store(merged, result);
        return merged;
    }

    /// <summary>The fields the live object's last-applied annotation set and still has with the same values.</summary>
    private FieldSet? AllowedByLastApplied(JsonObject? live)
    {
        if (live?.GetObject("metadata")?.GetObject("annotations")?.GetString(LastAppliedAnnotation) is not { Length: > 0 } text)
        {
            return null;
        }

        JsonObject? lastApplied;
        try
        {
            lastApplied = JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }

        if (lastApplied is null || lastApplied.GetString("apiVersion") != apiVersion)
        {
            return null;
        }

        var comparison = _fields.Compare(lastApplied, WithoutManagedFields(live)!);
        return _fields.ToFieldSet(lastApplied).Difference(comparison.Modified).Difference(comparison.Added).Difference(comparison.Removed);
    }

    private FieldComparison Compare(JsonObject? before, JsonObject after)
    {
        var comparison = _fields.Compare(before, after);
        return new FieldComparison(Filter(comparison.Added), Filter(comparison.Modified), Filter(comparison.Removed));
    }

    /// <summary>Drops server-owned fields and the fields the write path resets (status on the main resource, all but status on /status).</summary>
    private FieldSet Filter(FieldSet set)
    {
        set = set.Difference(ServerOwned);
        if (subresource == "status")
        {
            return set.OnlySubtrees([Status]);
        }

        return statusIsSubresource ? set.WithoutSubtrees([Status]) : set;
    }

    private static List<ManagedFieldsEntry> Decode(JsonObject? obj) =>
        ManagedFieldsEntry.TryDecode(obj?.GetObject("metadata")?["managedFields"]) ?? [];

    private static JsonObject? WithoutManagedFields(JsonObject? obj)
    {
        if (obj is null)
        {
            return null;
        }

        var copy = (JsonObject)obj.DeepClone();
        copy.GetObject("metadata")?.Remove("managedFields");
        return copy;
    }

    private static void Store(JsonObject obj, List<ManagedFieldsEntry> entries)
    {
        entries.RemoveAll(e => e.Fields.IsEmpty);
        if (entries.Count == 0)
        {
            obj.Metadata().Remove("managedFields");
        }
        else
        {
            obj.Metadata()["managedFields"] = ManagedFieldsEntry.Encode(entries);
        }
    }

    /// <summary>JSON with object keys sorted, as Go encodes an unstructured object.</summary>
    private static string SortedJson(JsonNode? node) => Sorted(node) is { } sorted ? ObjectBytes.ToJsonString(sorted) : "null";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray list => new JsonArray(list.Select(Sorted).ToArray()),
        _ => node?.DeepClone(),
    };
}
