using System.Text;

namespace Lotse.Aws.Sts;

/// <summary>
/// Temporary credentials issued by AssumeRole, stored under <c>/aws/sts/sessions/&lt;ASIA…&gt;</c> until they
/// expire. Like long-term keys the secret is kept recoverably, because SigV4 verification needs it.
/// </summary>
/// <param name="Arn"><c>arn:aws:sts::&lt;acct&gt;:assumed-role/&lt;role name&gt;/&lt;session&gt;</c> (no role path, as STS).</param>
/// <param name="UserId"><c>AROA…:&lt;session&gt;</c>.</param>
/// <param name="SourceAccessKeyId">The long-term key (AKIA…) at the start of the chain that created this session: when it is
/// deleted or made Inactive the session stops working. Null only for sessions stored before Lotse recorded it.</param>
public sealed record StsSession(
    string AccessKeyId,
    string SecretAccessKey,
    string SessionToken,
    DateTimeOffset Expiration,
    string AccountId,
    string Arn,
    string UserId,
    string RoleArn,
    string? SourceAccessKeyId = null)
{
    public AccessKeyRecord ToRecord() =>
        new(AccessKeyId, SecretAccessKey, AccessKeyStatus.Active, new AwsCaller(AccountId, Arn, UserId, AccessKeyId, AwsPrincipalType.AssumedRole), SessionToken, Expiration);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("AccessKeyId = ").Append(AccessKeyId).Append(", Arn = ").Append(Arn).Append(", Expiration = ").Append(Expiration);
        return true;
    }
}
