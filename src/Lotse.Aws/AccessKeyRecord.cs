using System.Text;

namespace Lotse.Aws;

public enum AccessKeyStatus
{
    Active,
    Inactive,
}

/// <summary>An access key as the signature checks need it: the secret, whether it may sign, and whom it signs as.</summary>
/// <param name="AccessKeyId">AKIA… for long-term keys, ASIA… for temporary credentials.</param>
/// <param name="SecretAccessKey">The 40-character secret. Never logged: <see cref="PrintMembers"/> leaves it out.</param>
/// <param name="Status">Only Active keys may sign.</param>
/// <param name="Caller">The identity a request signed with this key acts as.</param>
/// <param name="SessionToken">For temporary credentials: the token the request must carry in <c>X-Amz-Security-Token</c>.</param>
/// <param name="Expiration">For temporary credentials: when they stop working.</param>
public sealed record AccessKeyRecord(
    string AccessKeyId,
    string SecretAccessKey,
    AccessKeyStatus Status,
    AwsCaller Caller,
    string? SessionToken = null,
    DateTimeOffset? Expiration = null)
{
    public bool IsTemporary => SessionToken is not null;

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("AccessKeyId = ").Append(AccessKeyId)
            .Append(", Status = ").Append(Status)
            .Append(", Caller = ").Append(Caller.Arn)
            .Append(", IsTemporary = ").Append(IsTemporary);
        return true;
    }
}
