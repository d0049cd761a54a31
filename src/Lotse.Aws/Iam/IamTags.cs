namespace Lotse.Aws.Iam;

/// <summary>
/// Tag-set arithmetic shared by users and roles. Keys are unique case-insensitively (as in IAM): tagging an existing
/// key replaces its value (and its spelling); a resource holds at most <see cref="MaxTagsPerResource"/> tags.
/// </summary>
public static class IamTags
{
    public const int MaxTagsPerResource = 50;

    /// <summary>The tags after TagUser/TagRole; LimitExceeded when the result would exceed the quota.</summary>
    /// <param name="quotaName"><c>TagsPerUser</c> or <c>TagsPerRole</c>, as IAM names the quota.</param>
    public static IReadOnlyList<IamTag>? Merge(IReadOnlyList<IamTag>? existing, IReadOnlyList<IamTag> added, string quotaName)
    {
        var result = (existing ?? []).ToList();
        foreach (var tag in added)
        {
            var index = result.FindIndex(t => string.Equals(t.Key, tag.Key, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                result[index] = tag;
            }
            else
            {
                result.Add(tag);
            }
        }

        if (result.Count > MaxTagsPerResource)
        {
            throw new AwsServiceException(409, "LimitExceeded", $"Cannot exceed quota for {quotaName}: {MaxTagsPerResource}");
        }

        return result.Count == 0 ? null : result;
    }

    /// <summary>The tags after UntagUser/UntagRole; keys that are not present are ignored, as IAM does.</summary>
    public static IReadOnlyList<IamTag>? Remove(IReadOnlyList<IamTag>? existing, IReadOnlyList<string> keys)
    {
        var result = (existing ?? []).Where(t => !keys.Contains(t.Key, StringComparer.OrdinalIgnoreCase)).ToList();
        return result.Count == 0 ? null : result;
    }

    /// <summary>One page of a tag list; the marker is the index of the next tag.</summary>
    public static (IReadOnlyList<IamTag> Page, string? Marker) Page(IReadOnlyList<IamTag>? tags, string? marker, int maxItems)
    {
        var all = tags ?? [];
        var start = int.TryParse(marker, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
            ? Math.Min(index, all.Count)
            : 0;
        var page = all.Skip(start).Take(maxItems).ToList();
        var next = start + page.Count;
        return (page, next < all.Count ? next.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
    }
}
