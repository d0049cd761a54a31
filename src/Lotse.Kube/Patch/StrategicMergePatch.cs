using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lotse.Kube.Patch;

/// <summary>
/// Strategic merge patch (apimachinery <c>pkg/util/strategicpatch</c>) for kinds whose list merge keys are known:
/// a merge patch, except that lists declared <c>patchStrategy:"merge"</c> merge item by item on their merge key
/// (or as sets, for lists of scalars), plus the directives kubectl emits: <c>$patch</c> (replace/delete/merge),
/// <c>$retainKeys</c>, <c>$setElementOrder/&lt;list&gt;</c> and <c>$deleteFromPrimitiveList/&lt;list&gt;</c>.
/// </summary>
public static class StrategicMergePatch
{
    /// <summary>Merge keys shared by every kind (ObjectMeta).</summary>
    public static readonly IReadOnlyDictionary<string, string> CommonMergeKeys = new Dictionary<string, string>
    {
        ["metadata.finalizers"] = "",
        ["metadata.ownerReferences"] = "uid",
    };

    /// <summary>
    /// Applies <paramref name="patch"/> to <paramref name="original"/>. <paramref name="mergeKeys"/> maps a dotted
    /// field path (list indices omitted) to its merge key; "" marks a merged list of scalars.
    /// </summary>
    public static JsonObject Apply(JsonObject original, JsonObject patch, IReadOnlyDictionary<string, string> mergeKeys)
    {
        var result = MergeMap((JsonObject)original.DeepClone(), patch, "", mergeKeys);
        return result ?? new JsonObject();
    }

    private static JsonObject? MergeMap(JsonObject original, JsonObject patch, string path, IReadOnlyDictionary<string, string> mergeKeys)
    {
        switch (Directive(patch))
        {
            case "replace":
                var replaced = (JsonObject)patch.DeepClone();
                replaced.Remove("$patch");
                return replaced;
            case "delete":
                return null;
            case null or "merge":
                break;
            default:
                throw new PatchException($"Unknown patch type: {Directive(patch)} in map: {patch.ToJsonString()}");
        }

        var orders = new Dictionary<string, JsonArray>();
        foreach (var (key, value) in patch)
        {
            if (key is "$patch" or "$retainKeys")
            {
                continue;
            }

            if (key.StartsWith("$setElementOrder/", StringComparison.Ordinal))
            {
                orders[key["$setElementOrder/".Length..]] = value as JsonArray ?? throw new PatchException($"invalid $setElementOrder for {key}");
                continue;
            }

            if (key.StartsWith("$deleteFromPrimitiveList/", StringComparison.Ordinal))
            {
                var target = key["$deleteFromPrimitiveList/".Length..];
                if (original[target] is JsonArray list && value is JsonArray remove)
                {
                    foreach (var item in list.Where(i => remove.Any(r => JsonNode.DeepEquals(r, i))).ToList())
                    {
                        list.Remove(item);
                    }
                }

                continue;
            }

            var childPath = path.Length == 0 ? key : $"{path}.{key}";
            if (value is null)
            {
                original.Remove(key);
                continue;
            }

            var existing = original[key];
            if (value is JsonObject patchChild)
            {
                var target = existing as JsonObject ?? new JsonObject();
                var merged = MergeMap(target, patchChild, childPath, mergeKeys);
                if (merged is null)
                {
                    original.Remove(key);
                }
                else if (!ReferenceEquals(merged, existing))
                {
                    // A new or replaced map; a merged one was changed in place and is already attached.
                    original[key] = merged;
                }

                continue;
            }

            if (value is JsonArray patchList && mergeKeys.TryGetValue(childPath, out var mergeKey))
            {
                original[key] = mergeKey.Length == 0
                    ? MergeScalarList(existing as JsonArray, patchList)
                    : MergeObjectList(existing as JsonArray, patchList, mergeKey, childPath, mergeKeys);
                continue;
            }

            original[key] = StripDirectives(value.DeepClone());
        }

        foreach (var (listKey, order) in orders)
        {
            var childPath = path.Length == 0 ? listKey : $"{path}.{listKey}";
            if (original[listKey] is JsonArray list && mergeKeys.TryGetValue(childPath, out var mergeKey))
            {
                original[listKey] = Reorder(list, order, mergeKey);
            }
        }

        if (patch["$retainKeys"] is JsonArray retain)
        {
            var keep = retain.Select(k => k?.ToString()).ToHashSet();
            foreach (var key in original.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
            {
                original.Remove(key);
            }
        }

        return original;
    }

    private static JsonArray MergeScalarList(JsonArray? original, JsonArray patch)
    {
        var result = original is null ? new JsonArray() : (JsonArray)original.DeepClone();
        foreach (var item in patch)
        {
            if (!result.Any(existing => JsonNode.DeepEquals(existing, item)))
            {
                result.Add(item?.DeepClone());
            }
        }

        return result;
    }

    private static JsonArray MergeObjectList(JsonArray? original, JsonArray patch, string mergeKey, string path, IReadOnlyDictionary<string, string> mergeKeys)
    {
        if (patch.OfType<JsonObject>().Any(item => Directive(item) == "replace"))
        {
            return new JsonArray(patch.OfType<JsonObject>().Where(item => Directive(item) != "replace").Select(i => StripDirectives(i.DeepClone())).ToArray());
        }

        var result = original is null ? new JsonArray() : (JsonArray)original.DeepClone();
        foreach (var item in patch)
        {
            if (item is not JsonObject patchItem)
            {
                throw new PatchException($"found non-map element in a list with merge key {mergeKey}: {item?.ToJsonString()}");
            }

            var keyValue = patchItem[mergeKey] ?? throw new PatchException($"map: {patchItem.ToJsonString()} does not contain declared merge key: {mergeKey}");
            var index = IndexOf(result, mergeKey, keyValue);
            if (Directive(patchItem) == "delete")
            {
                if (index >= 0)
                {
                    result.RemoveAt(index);
                }

                continue;
            }

            if (index >= 0)
            {
                var current = (JsonObject)result[index]!;
                var merged = MergeMap(current, patchItem, path, mergeKeys);
                if (merged is null)
                {
                    result.RemoveAt(index);
                }
                else if (!ReferenceEquals(merged, current))
                {
                    result[index] = merged;
                }
            }
            else
            {
                result.Add(StripDirectives(patchItem.DeepClone()));
            }
        }

        return result;
    }

    private static JsonArray Reorder(JsonArray list, JsonArray order, string mergeKey)
    {
        var items = list.Select(i => i?.DeepClone()).ToList();
        var ordered = new List<JsonNode?>();
        foreach (var entry in order)
        {
            var match = mergeKey.Length == 0
                ? items.FirstOrDefault(i => JsonNode.DeepEquals(i, entry))
                : items.FirstOrDefault(i => i is JsonObject o && entry is JsonObject e && JsonNode.DeepEquals(o[mergeKey], e[mergeKey]));
            if (match is not null)
            {
                items.Remove(match);
                ordered.Add(match);
            }
        }

        ordered.AddRange(items);
        return new JsonArray(ordered.ToArray());
    }

    private static int IndexOf(JsonArray list, string mergeKey, JsonNode keyValue)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is JsonObject item && JsonNode.DeepEquals(item[mergeKey], keyValue))
            {
                return i;
            }
        }

        return -1;
    }

    private static string? Directive(JsonObject obj) =>
        obj["$patch"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>Directives never reach the stored object.</summary>
    private static JsonNode? StripDirectives(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).Where(k => k.StartsWith('$')).ToList())
                {
                    obj.Remove(key);
                }

                foreach (var (_, child) in obj)
                {
                    StripDirectives(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    StripDirectives(child);
                }

                break;
        }

        return node;
    }
}
