namespace Lotse.Eks.Tags;

/// <summary>The <c>TagMap</c> limits (at most 50 tags, keys 1..128 without the reserved <c>aws:</c> prefix, values up to 256).</summary>
public static class TagRules
{
    public const int MaxTags = 50;

    /// <summary>What is wrong with <paramref name="tags"/>, or null when they are acceptable.</summary>
    public static string? Problem(IReadOnlyDictionary<string, string> tags)
    {
        if (tags.Count > MaxTags)
        {
            return $"The number of tags must not exceed {MaxTags}.";
        }

        foreach (var (key, value) in tags)
        {
            if (key.Length is 0 or > 128)
            {
                return $"1 validation error detected: Value '{key}' at 'tags' failed to satisfy constraint: Map keys must have length between 1 and 128";
            }

            if (value.Length > 256)
            {
                return $"1 validation error detected: Value '{value}' at 'tags' failed to satisfy constraint: Map values must have length less than or equal to 256";
            }

            if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                return "Tag keys starting with 'aws:' are reserved for system use.";
            }
        }

        return null;
    }
}
