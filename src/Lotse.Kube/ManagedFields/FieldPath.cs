using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lotse.Kube.ManagedFields;

/// <summary>
/// One path into an object as field sets spell it: a sequence of elements <c>f:&lt;field&gt;</c> (a map key),
/// <c>k:{"name":"x"}</c> (an item of an associative list, by its merge key), <c>v:&lt;json&gt;</c> (an item of a set
/// list) and <c>i:&lt;index&gt;</c> (an item by position).
/// </summary>
public sealed class FieldPath : IComparable<FieldPath>, IEquatable<FieldPath>
{
    private readonly string[] _elements;

    public FieldPath(IEnumerable<string> elements)
    {
        _elements = elements.ToArray();
        foreach (var element in _elements)
        {
            if (!IsElement(element))
            {
                throw new FormatException($"unknown path element {element}");
            }
        }
    }

    public static FieldPath Root { get; } = new([]);

    public IReadOnlyList<string> Elements => _elements;

    public int Count => _elements.Length;

    public static FieldPath Parse(params string[] elements) => new(elements);

    /// <summary>A path of plain field names: <c>FieldPath.Fields("metadata", "labels", "app")</c>.</summary>
    public static FieldPath Fields(params string[] names) => new(names.Select(Field));

    public static string Field(string name) => "f:" + name;

    /// <summary>The element of an associative list item: <c>k:{"name":"x"}</c>.</summary>
    public static string Key(string keyField, JsonNode keyValue) =>
        "k:" + Serialization.ObjectBytes.ToJsonString(new JsonObject { [keyField] = keyValue.DeepClone() });

    /// <summary>The element of a set list item: <c>v:"x"</c>.</summary>
    public static string Value(JsonNode value) => "v:" + Serialization.ObjectBytes.ToJsonString(value);

    public static string Index(int index) => "i:" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static bool IsElement(string element) =>
        element.Length >= 2 && element[1] == ':' && element[0] is 'f' or 'k' or 'v' or 'i';

    public FieldPath Append(string element) => new(_elements.Append(element));

    public bool StartsWith(FieldPath prefix) =>
        prefix._elements.Length <= _elements.Length && prefix._elements.AsSpan().SequenceEqual(_elements.AsSpan(0, prefix._elements.Length));

    /// <summary>The path as apply conflicts print it: <c>.spec.containers[name="nginx"].image</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var element in _elements)
        {
            var body = element[2..];
            switch (element[0])
            {
                case 'f':
                    text.Append('.').Append(body);
                    break;
                case 'k':
                    text.Append('[');
                    var first = true;
                    foreach (var (key, value) in JsonNode.Parse(body)!.AsObject())
                    {
                        text.Append(first ? "" : ",").Append(key).Append('=').Append(value is null ? "null" : Serialization.ObjectBytes.ToJsonString(value));
                        first = false;
                    }

                    text.Append(']');
                    break;
                case 'v':
                    text.Append("[=").Append(body).Append(']');
                    break;
                default:
                    text.Append('[').Append(body).Append(']');
                    break;
            }
        }

        return text.ToString();
    }

    public int CompareTo(FieldPath? other)
    {
        if (other is null)
        {
            return 1;
        }

        for (var i = 0; i < Math.Min(_elements.Length, other._elements.Length); i++)
        {
            var byElement = CompareElements(_elements[i], other._elements[i]);
            if (byElement != 0)
            {
                return byElement;
            }
        }

        return _elements.Length.CompareTo(other._elements.Length);
    }

    /// <summary>Field names first, then keys, values and indices; within a kind by text.</summary>
    public static int CompareElements(string a, string b)
    {
        var byKind = Rank(a[0]).CompareTo(Rank(b[0]));
        return byKind != 0 ? byKind : string.CompareOrdinal(a, b);

        static int Rank(char kind) => kind switch { 'f' => 0, 'k' => 1, 'v' => 2, _ => 3 };
    }

    public bool Equals(FieldPath? other) => other is not null && _elements.AsSpan().SequenceEqual(other._elements);

    public override bool Equals(object? obj) => obj is FieldPath other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var element in _elements)
        {
            hash.Add(element, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>Checks that a <c>k:</c>/<c>v:</c> element carries valid JSON (a key element an object).</summary>
    internal static bool HasValidBody(string element)
    {
        if (element[0] is not ('k' or 'v'))
        {
            return element[0] != 'i' || int.TryParse(element.AsSpan(2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _);
        }

        try
        {
            var node = JsonNode.Parse(element[2..]);
            return element[0] == 'v' || node is JsonObject;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
