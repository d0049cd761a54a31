using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lotse.Kube.ManagedFields;

/// <summary>The added, changed and removed members between two versions of an object.</summary>
public sealed record FieldComparison(FieldSet Added, FieldSet Modified, FieldSet Removed)
{
    public bool IsSame => Added.IsEmpty && Modified.IsEmpty && Removed.IsEmpty;

    public FieldSet Changed => Added.Union(Modified);
}

/// <summary>
/// Field sets of JSON objects with a kind's list semantics taken from its strategic-merge-patch merge keys (dotted
/// field path → merge key; "" = a set of scalars): a list with a merge key is associative (items <c>k:{…}</c>), a
/// merged scalar list is a set (items <c>v:…</c>), every other list is atomic (owned as one value). A list whose items
/// do not fit (a missing or repeated key) is treated as atomic rather than refused.
/// </summary>
public sealed class ObjectFields(IReadOnlyDictionary<string, string> mergeKeys)
{
    /// <summary>Top-level fields that are always present, so only their members, never they themselves, are owned.</summary>
    private static readonly HashSet<string> StructuralTopLevel = ["metadata", "spec", "status"];

    /// <summary>Every member a configuration sets (structured-merge-diff's ToFieldSet): leaves, atomic lists and list items.</summary>
    public FieldSet ToFieldSet(JsonObject config)
    {
        var found = new List<FieldPath>();
        CollectObject(config, "", FieldPath.Root, found, includeMaps: false, newlyPresent: false);
        return new FieldSet(found);
    }

    public FieldComparison Compare(JsonObject? before, JsonObject after)
    {
        var added = new List<FieldPath>();
        var modified = new List<FieldPath>();
        var removed = new List<FieldPath>();
        CompareObjects(before ?? new JsonObject(), after, "", FieldPath.Root, added, modified, removed);
        return new FieldComparison(new FieldSet(added), new FieldSet(modified), new FieldSet(removed));
    }

    /// <summary>
    /// Merges an applied configuration into the live object: maps key by key, associative and set lists item by item,
    /// atomic lists and scalars replaced. Returns a new object.
    /// </summary>
    public JsonObject Merge(JsonObject live, JsonObject config) => (JsonObject)MergeNode(live, config, "")!;

    /// <summary>
    /// Removes the members <paramref name="remove"/> names (fields, list items) from <paramref name="obj"/> in place; a map
    /// that only held removed members goes too.
    /// </summary>
    public void RemoveItems(JsonObject obj, FieldSet remove)
    {
        foreach (var path in remove.Paths.Reverse())
        {
            RemovePath(obj, path.Elements, 0, "");
        }
    }

    private void CollectObject(JsonObject obj, string schemaPath, FieldPath path, List<FieldPath> found, bool includeMaps, bool newlyPresent)
    {
        foreach (var (key, value) in obj)
        {
            if (value is null)
            {
                continue;
            }

            var childSchema = schemaPath.Length == 0 ? key : $"{schemaPath}.{key}";
            var childPath = path.Append(FieldPath.Field(key));
            var structural = path.Count == 0 && StructuralTopLevel.Contains(key);
            CollectNode(value, childSchema, childPath, found, includeMaps && !structural, newlyPresent);
        }
    }

    /// <summary>
    /// Collects the members of <paramref name="value"/>. With <paramref name="includeMaps"/> (a comparison's
    /// additions) a map or list that just appeared is a member itself, as upstream's compare marks it.
    /// </summary>
    private void CollectNode(JsonNode value, string schemaPath, FieldPath path, List<FieldPath> found, bool includeMaps, bool newlyPresent)
    {
        switch (value)
        {
            case JsonObject map:
                if (includeMaps)
                {
                    found.Add(path);
                }

                CollectObject(map, schemaPath, path, found, includeMaps: newlyPresent, newlyPresent);
                break;
            case JsonArray list when ItemsOf(list, schemaPath) is { } items:
                if (includeMaps)
                {
                    found.Add(path);
                }

                foreach (var (element, item) in items)
                {
                    var itemPath = path.Append(element);
                    found.Add(itemPath);
                    if (item is JsonObject itemObject)
                    {
                        CollectObject(itemObject, schemaPath, itemPath, found, includeMaps: newlyPresent, newlyPresent);
                    }
                }

                break;
            default:
                found.Add(path);
                break;
        }
    }

    private void CompareObjects(JsonObject before, JsonObject after, string schemaPath, FieldPath path, List<FieldPath> added, List<FieldPath> modified, List<FieldPath> removed)
    {
        foreach (var (key, newValue) in after)
        {
            var childSchema = schemaPath.Length == 0 ? key : $"{schemaPath}.{key}";
            var childPath = path.Append(FieldPath.Field(key));
            var structural = path.Count == 0 && StructuralTopLevel.Contains(key);
            CompareNodes(before[key], newValue, childSchema, childPath, structural, added, modified, removed);
        }

        foreach (var (key, oldValue) in before)
        {
            if (!after.ContainsKey(key) && oldValue is not null)
            {
                var childSchema = schemaPath.Length == 0 ? key : $"{schemaPath}.{key}";
                var structural = path.Count == 0 && StructuralTopLevel.Contains(key);
                CollectNode(oldValue, childSchema, path.Append(FieldPath.Field(key)), removed, includeMaps: !structural, newlyPresent: true);
            }
        }
    }

    private void CompareNodes(JsonNode? before, JsonNode? after, string schemaPath, FieldPath path, bool structural, List<FieldPath> added, List<FieldPath> modified, List<FieldPath> removed)
    {
        if (after is null)
        {
            if (before is not null)
            {
                CollectNode(before, schemaPath, path, removed, includeMaps: !structural, newlyPresent: true);
            }

            return;
        }

        if (before is null)
        {
            CollectNode(after, schemaPath, path, added, includeMaps: !structural, newlyPresent: true);
            return;
        }

        if (before is JsonObject oldMap && after is JsonObject newMap)
        {
            CompareObjects(oldMap, newMap, schemaPath, path, added, modified, removed);
            return;
        }

        if (before is JsonArray oldList && after is JsonArray newList && ItemsOf(oldList, schemaPath) is { } oldItems && ItemsOf(newList, schemaPath) is { } newItems)
        {
            var oldByElement = oldItems.ToDictionary(i => i.Element, i => i.Item);
            var newElements = new HashSet<string>();
            foreach (var (element, item) in newItems)
            {
                newElements.Add(element);
                var itemPath = path.Append(element);
                if (!oldByElement.TryGetValue(element, out var oldItem))
                {
                    CollectNode(item, schemaPath, itemPath, added, includeMaps: true, newlyPresent: true);
                    continue;
                }

                if (oldItem is JsonObject oldItemMap && item is JsonObject newItemMap)
                {
                    CompareObjects(oldItemMap, newItemMap, schemaPath, itemPath, added, modified, removed);
                }
            }

            foreach (var (element, item) in oldItems)
            {
                if (!newElements.Contains(element))
                {
                    CollectNode(item, schemaPath, path.Append(element), removed, includeMaps: true, newlyPresent: true);
                }
            }

            return;
        }

        if (!JsonNode.DeepEquals(before, after))
        {
            modified.Add(path);
        }
    }

    private JsonNode? MergeNode(JsonNode? live, JsonNode? config, string schemaPath)
    {
        if (config is JsonObject configMap && live is JsonObject liveMap)
        {
            var result = (JsonObject)liveMap.DeepClone();
            foreach (var (key, value) in configMap)
            {
                if (value is null)
                {
                    continue;
                }

                var childSchema = schemaPath.Length == 0 ? key : $"{schemaPath}.{key}";
                result[key] = MergeNode(result[key], value, childSchema);
            }

            return result;
        }

        if (config is JsonArray configList && live is JsonArray liveList && ItemsOf(configList, schemaPath) is { } configItems && ItemsOf(liveList, schemaPath) is { } liveItems)
        {
            var merged = liveItems.Select(i => (i.Element, Item: i.Item.DeepClone())).ToList();
            foreach (var (element, item) in configItems)
            {
                var index = merged.FindIndex(m => m.Element == element);
                if (index < 0)
                {
                    merged.Add((element, item.DeepClone()));
                }
                else
                {
                    merged[index] = (element, MergeNode(merged[index].Item, item, schemaPath)!);
                }
            }

            return new JsonArray(merged.Select(m => (JsonNode?)m.Item).ToArray());
        }

        return config is JsonObject newMap ? MergeNode(new JsonObject(), newMap, schemaPath) : config?.DeepClone();
    }

    private void RemovePath(JsonNode? node, IReadOnlyList<string> elements, int depth, string schemaPath)
    {
        var element = elements[depth];
        var last = depth == elements.Count - 1;
        switch (node)
        {
            case JsonObject map when element[0] == 'f':
                var key = element[2..];
                var childSchema = schemaPath.Length == 0 ? key : $"{schemaPath}.{key}";
                if (last)
                {
                    map.Remove(key);
                    return;
                }

                var child = map[key];
                RemovePath(child, elements, depth + 1, childSchema);
                if (child is JsonObject { Count: 0 } && !(depth == 0 && StructuralTopLevel.Contains(key)))
                {
                    map.Remove(key);
                }

                return;
            case JsonArray list when element[0] is 'k' or 'v' && ItemsOf(list, schemaPath) is { } items:
                var index = items.FindIndex(i => i.Element == element);
                if (index < 0)
                {
                    return;
                }

                if (last)
                {
                    list.RemoveAt(index);
                }
                else
                {
                    RemovePath(list[index], elements, depth + 1, schemaPath);
                }

                return;
        }
    }

    /// <summary>The list's items with their path elements, or null when the list is atomic (by schema or by content).</summary>
    private List<(string Element, JsonNode Item)>? ItemsOf(JsonArray list, string schemaPath)
    {
        if (!mergeKeys.TryGetValue(schemaPath, out var mergeKey))
        {
            return null;
        }

        var items = new List<(string Element, JsonNode Item)>(list.Count);
        var seen = new HashSet<string>();
        foreach (var item in list)
        {
            string? element = mergeKey.Length == 0
                ? item is JsonValue scalar && scalar.GetValueKind() is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False ? FieldPath.Value(scalar) : null
                : item is JsonObject obj && obj[mergeKey] is JsonValue keyValue ? FieldPath.Key(mergeKey, keyValue) : null;
            if (element is null || !seen.Add(element))
            {
                return null;
            }

            items.Add((element, item!));
        }

        return items;
    }
}
