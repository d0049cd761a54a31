namespace Lotse.Eks.Tags;

/// <summary>The TagResource body (the ARN comes from the URI).</summary>
public sealed class TagResourceRequest
{
    public Dictionary<string, string>? Tags { get; init; }
}
