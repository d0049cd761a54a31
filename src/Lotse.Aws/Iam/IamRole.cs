namespace Lotse.Aws.Iam;

/// <summary>An IAM role as stored under <c>/aws/iam/accounts/&lt;acct&gt;/roles/&lt;lower-case name&gt;</c>.</summary>
/// <param name="RoleId">AROA… (21 characters).</param>
/// <param name="Arn"><c>arn:aws:iam::&lt;acct&gt;:role&lt;path&gt;&lt;name&gt;</c>.</param>
/// <param name="AssumeRolePolicyDocument">The trust policy, as the client sent it (JSON text).</param>
/// <param name="MaxSessionDuration">Seconds, 3600..43200 (default 3600).</param>
/// <param name="AttachedPolicyArns">Managed policies attached with AttachRolePolicy, in attach order.</param>
public sealed record IamRole(
    string RoleName,
    string RoleId,
    string Arn,
    string Path,
    string AssumeRolePolicyDocument,
    DateTimeOffset CreateDate,
    string? Description = null,
    int MaxSessionDuration = 3600,
    IReadOnlyList<IamTag>? Tags = null,
    IReadOnlyList<string>? AttachedPolicyArns = null)
{
    public string AccountId => Arn.Split(':')[4];
}
