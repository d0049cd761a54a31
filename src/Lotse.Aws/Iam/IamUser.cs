namespace Lotse.Aws.Iam;

/// <summary>An IAM user as stored under <c>/aws/iam/accounts/&lt;acct&gt;/users/&lt;lower-case name&gt;</c>.</summary>
/// <param name="UserId">AIDA… (21 characters).</param>
/// <param name="Arn"><c>arn:aws:iam::&lt;acct&gt;:user&lt;path&gt;&lt;name&gt;</c>.</param>
public sealed record IamUser(
    string UserName,
    string UserId,
    string Arn,
    string Path,
    DateTimeOffset CreateDate,
    IReadOnlyList<IamTag>? Tags = null)
{
    public string AccountId => Arn.Split(':')[4];

    /// <summary>The caller a request signed with one of this user's keys acts as.</summary>
    public AwsCaller ToCaller(string accessKeyId) => new(AccountId, Arn, UserId, accessKeyId, AwsPrincipalType.User);
}
