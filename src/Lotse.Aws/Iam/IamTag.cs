namespace Lotse.Aws.Iam;

/// <summary>A tag on an IAM role or user.</summary>
public sealed record IamTag(string Key, string Value);
