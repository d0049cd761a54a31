using System.Globalization;
using Lotse.Aws.Query;

namespace Lotse.Aws.Ec2;

/// <summary>
/// Reads EC2's flavour of the query protocol: lists are flattened without <c>.member</c>
/// (<c>SubnetId.1</c>, <c>Filter.1.Name</c>, <c>Filter.1.Value.1</c>, <c>TagSpecification.1.Tag.1.Key</c>).
/// </summary>
public static class Ec2Query
{
    /// <summary>The strings <c>&lt;name&gt;.1</c>, <c>&lt;name&gt;.2</c>, … up to the first gap.</summary>
    public static IReadOnlyList<string> List(this QueryRequest query, string name)
    {
        var result = new List<string>();
        while (query.Get($"{name}.{result.Count + 1}") is { } value)
        {
            result.Add(value);
        }

        return result;
    }

    public static IReadOnlyList<Ec2Filter> Filters(this QueryRequest query)
    {
        var result = new List<Ec2Filter>();
        for (var i = 1; query.Get($"Filter.{i}.Name") is { } name; i++)
        {
            result.Add(new Ec2Filter(name, query.List($"Filter.{i}.Value")));
        }

        return result;
    }

    /// <summary>The tags <c>&lt;prefix&gt;.N.Key</c>/<c>.Value</c> (a missing value is the empty string, as EC2 stores it).</summary>
    public static IReadOnlyList<Ec2Tag> Tags(this QueryRequest query, string prefix)
    {
        var result = new List<Ec2Tag>();
        for (var i = 1; query.Get($"{prefix}.{i}.Key") is { } key; i++)
        {
            result.Add(new Ec2Tag(key, query.Get($"{prefix}.{i}.Value") ?? string.Empty));
        }

        return result;
    }

    /// <summary>DeleteTags' tags: a value that is absent means "whatever the value".</summary>
    public static IReadOnlyList<(string Key, string? Value)> TagRemovals(this QueryRequest query, string prefix)
    {
        var result = new List<(string, string?)>();
        for (var i = 1; query.Get($"{prefix}.{i}.Key") is { } key; i++)
        {
            result.Add((key, query.Get($"{prefix}.{i}.Value")));
        }

        return result;
    }

    /// <summary>The tags of <c>TagSpecification.N</c> for <paramref name="resourceType"/>; another type is refused.</summary>
    public static IReadOnlyList<Ec2Tag> TagSpecifications(this QueryRequest query, string resourceType)
    {
        var result = new List<Ec2Tag>();
        for (var i = 1; query.Get($"TagSpecification.{i}.ResourceType") is { } type; i++)
        {
            if (type != resourceType)
            {
                throw Ec2Errors.InvalidTagResourceType(type);
            }

            result = [.. Ec2Tag.Merge(result, query.Tags($"TagSpecification.{i}.Tag"))];
        }

        return result;
    }

    public static bool Bool(this QueryRequest query, string name) =>
        string.Equals(query.Get(name), "true", StringComparison.OrdinalIgnoreCase);

    public static string Required(this QueryRequest query, string name) =>
        query.Get(name) is { Length: > 0 } value ? value : throw Ec2Errors.MissingParameter(name);

    /// <summary>MaxResults within EC2's bounds for the call; null when absent.</summary>
    public static int? MaxResults(this QueryRequest query, int min, int max)
    {
        if (query.Get("MaxResults") is not { } text)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw Ec2Errors.InvalidParameterValue($"Value ( {text} ) for parameter maxResults is invalid.");
        }

        return value < min || value > max ? throw Ec2Errors.InvalidMaxResults(value, min, max) : value;
    }
}
