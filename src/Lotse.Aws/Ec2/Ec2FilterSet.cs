namespace Lotse.Aws.Ec2;

/// <summary>
/// The filters one Describe call understands, each a function from a resource to the values it is matched against;
/// <c>tag:&lt;key&gt;</c> and <c>tag-key</c> come for free for taggable resources. Unknown names are refused as EC2 does.
/// </summary>
public sealed class Ec2FilterSet<T>(IReadOnlyDictionary<string, Func<T, IEnumerable<string?>>> fields, Func<T, IReadOnlyList<Ec2Tag>>? tags = null)
{
    public void Validate(IReadOnlyList<Ec2Filter> filters)
    {
        foreach (var filter in filters)
        {
            if (Field(filter.Name) is null)
            {
                throw Ec2Errors.UnknownFilter(filter.Name);
            }
        }
    }

    /// <summary>True when every filter matches (filters AND, values OR).</summary>
    public bool Matches(T item, IReadOnlyList<Ec2Filter> filters) =>
        filters.All(f => f.Matches((Field(f.Name) ?? throw Ec2Errors.UnknownFilter(f.Name))(item)));

    public static string Bool(bool value) => value ? "true" : "false";

    private Func<T, IEnumerable<string?>>? Field(string name)
    {
        if (fields.TryGetValue(name, out var field))
        {
            return field;
        }

        if (tags is null)
        {
            return null;
        }

        if (name == "tag-key")
        {
            return item => tags(item).Select(t => t.Key);
        }

        if (name.StartsWith("tag:", StringComparison.Ordinal) && name.Length > 4)
        {
            var key = name[4..];
            return item => tags(item).Where(t => t.Key == key).Select(t => t.Value);
        }

        return name == "tag-value" ? item => tags(item).Select(t => t.Value) : null;
    }
}
