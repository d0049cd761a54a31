using System.Text;

namespace Lotse.Aws.Iam;

/// <summary>
/// A long-term access key as stored under <c>/aws/iam/access-keys/&lt;AKID&gt;</c>. The owner's ARN and id are
/// copied in so that the per-request key lookup is one read (a user cannot be deleted while it has keys).
/// The secret must be stored recoverably: SigV4 verification needs it to recompute the HMAC.
/// </summary>
public sealed record IamAccessKey(
    string AccessKeyId,
    string SecretAccessKey,
    AccessKeyStatus Status,
    string AccountId,
    string UserName,
    string UserArn,
    string UserId,
    DateTimeOffset CreateDate)
{
    public AccessKeyRecord ToRecord() =>
        new(AccessKeyId, SecretAccessKey, Status, new AwsCaller(AccountId, UserArn, UserId, AccessKeyId, AwsPrincipalType.User));

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("AccessKeyId = ").Append(AccessKeyId)
            .Append(", Status = ").Append(Status)
            .Append(", UserArn = ").Append(UserArn);
        return true;
    }
}
