namespace Lotse.Aws.Ec2;

/// <summary>One EC2 tag; keys are unique per resource and case-sensitive.</summary>
public sealed record Ec2Tag(string Key, string Value)
{
    /// <summary>Applies <paramref name="changes"/> over <paramref name="tags"/>: a new key is added, an existing key gets the new value.</summary>
    public static IReadOnlyList<Ec2Tag> Merge(IReadOnlyList<Ec2Tag> tags, IReadOnlyList<Ec2Tag> changes)
    {
        var result = tags.ToList();
        foreach (var change in changes)
        {
            var index = result.FindIndex(t => t.Key == change.Key);
            if (index >= 0)
            {
                result[index] = change;
            }
            else
            {
                result.Add(change);
            }
        }

        return result;
    }

    /// <summary>
    /// EC2's DeleteTags: a tag given with a value is removed only when the value matches; a tag given
    /// without one (null) is removed whatever its value.
    /// </summary>
    public static IReadOnlyList<Ec2Tag> Remove(IReadOnlyList<Ec2Tag> tags, IReadOnlyList<(string Key, string? Value)> removals) =>
        [.. tags.Where(t => !removals.Any(r => r.Key == t.Key && (r.Value is null || r.Value == t.Value)))];
}
