using System.Text.Json.Nodes;

namespace Lotse.Kube.ManagedFields;

/// <summary>
/// An immutable set of <see cref="FieldPath"/>s: what one manager owns. Serialises to and from the FieldsV1 shape of
/// <c>metadata.managedFields[].fieldsV1</c>, where a path that is itself a member and has members below it is marked
/// by a <c>"."</c> key (<c>{"f:data":{".":{},"f:k":{}}}</c>) and a member without members below is <c>{}</c>.
/// </summary>
public sealed class FieldSet : IEquatable<FieldSet>
{
    private static readonly IComparer<FieldPath> Order = Comparer<FieldPath>.Default;

    private readonly SortedSet<FieldPath> _paths;

    private FieldSet(SortedSet<FieldPath> paths) => _paths = paths;

    public FieldSet(IEnumerable<FieldPath> paths)
        : this(new SortedSet<FieldPath>(paths.Where(p => p.Count > 0), Order))
    {
    }

    public static FieldSet Empty { get; } = new([]);

    public bool IsEmpty => _paths.Count == 0;

    public int Count => _paths.Count;

    /// <summary>Every member path in field-set order (a parent before its children).</summary>
    public IEnumerable<FieldPath> Paths => _paths;

    public bool Has(FieldPath path) => _paths.Contains(path);

    public FieldSet Union(FieldSet other)
    {
        var union = new SortedSet<FieldPath>(_paths, Order);
        union.UnionWith(other._paths);
        return new FieldSet(union);
    }

    /// <summary>The members of this set that are not members of <paramref name="other"/> (exact paths only).</summary>
    public FieldSet Difference(FieldSet other)
    {
        var difference = new SortedSet<FieldPath>(_paths, Order);
        difference.ExceptWith(other._paths);
        return new FieldSet(difference);
    }

    public FieldSet Intersection(FieldSet other)
    {
        var intersection = new SortedSet<FieldPath>(_paths, Order);
        intersection.IntersectWith(other._paths);
        return new FieldSet(intersection);
    }

    /// <summary>Drops every member at or below one of <paramref name="prefixes"/>.</summary>
    public FieldSet WithoutSubtrees(IEnumerable<FieldPath> prefixes)
    {
        var list = prefixes.ToList();
        return new FieldSet(_paths.Where(p => !list.Any(p.StartsWith)));
    }

    /// <summary>Keeps only the members at or below one of <paramref name="prefixes"/>.</summary>
    public FieldSet OnlySubtrees(IEnumerable<FieldPath> prefixes)
    {
        var list = prefixes.ToList();
        return new FieldSet(_paths.Where(p => list.Any(p.StartsWith)));
    }

    /// <summary>The FieldsV1 JSON of this set.</summary>
    public JsonObject ToFieldsV1()
    {
        var root = new JsonObject();
        foreach (var path in _paths)
        {
            var node = root;
            foreach (var element in path.Elements)
            {
                if (node[element] is not JsonObject child)
                {
                    child = new JsonObject();
                    node[element] = child;
                }

                node = child;
            }

            node["."] = new JsonObject();
        }

        return Finish(root, isRoot: true);
    }

    /// <summary>Reads a FieldsV1 object; <see cref="FormatException"/> when it is not one.</summary>
    public static FieldSet FromFieldsV1(JsonNode? fields)
    {
        if (fields is not JsonObject root)
        {
            throw new FormatException("FieldsV1 must be a JSON object");
        }

        var found = new SortedSet<FieldPath>(Order);
        Read(root, [], found);
        return new FieldSet(found);
    }

    public bool Equals(FieldSet? other) => other is not null && _paths.SetEquals(other._paths);

    public override bool Equals(object? obj) => obj is FieldSet other && Equals(other);

    public override int GetHashCode() => _paths.Count;

    public override string ToString() => ToFieldsV1().ToJsonString();

    private static void Read(JsonObject node, List<string> prefix, SortedSet<FieldPath> found)
    {
        foreach (var (key, value) in node)
        {
            if (key == ".")
            {
                if (prefix.Count == 0 || value is not JsonObject { Count: 0 })
                {
                    throw new FormatException("\".\" marks a member and must be {} below a path element");
                }

                found.Add(new FieldPath(prefix));
                continue;
            }

            if (!FieldPath.IsElement(key) || !FieldPath.HasValidBody(key) || value is not JsonObject child)
            {
                throw new FormatException($"invalid FieldsV1 path element {key}");
            }

            prefix.Add(key);
            if (child.Count == 0)
            {
                found.Add(new FieldPath(prefix));
            }
            else
            {
                Read(child, prefix, found);
            }

            prefix.RemoveAt(prefix.Count - 1);
        }
    }

    /// <summary>Turns the built tree's member markers into FieldsV1's spelling and orders the keys.</summary>
    private static JsonObject Finish(JsonObject node, bool isRoot)
    {
        var member = node.ContainsKey(".");
        var children = node.Where(p => p.Key != ".").Select(p => p.Key).ToList();
        children.Sort(FieldPath.CompareElements);
        var result = new JsonObject();
        if (member && children.Count > 0 && !isRoot)
        {
            result["."] = new JsonObject();
        }

        foreach (var key in children)
        {
            result[key] = Finish((JsonObject)node[key]!, isRoot: false);
        }

        return result;
    }
}
