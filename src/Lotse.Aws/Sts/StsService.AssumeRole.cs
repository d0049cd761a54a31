using Lotse.Aws.Iam;
using Lotse.Aws.Query;

namespace Lotse.Aws.Sts;

public sealed partial class StsService
{
    /// <summary>Role chaining (a role session assuming a role) is capped at one hour, as in AWS.</summary>
    private const int ChainedSessionLimit = 3600;

    private async ValueTask AssumeRoleAsync(AwsRequestContext request, QueryRequest query)
    {
        var roleArn = query.Get("RoleArn");
        var sessionName = query.Get("RoleSessionName");
        new IamValidator()
            .Arn("roleArn", roleArn)
            .SessionName(sessionName)
            .Integer("durationSeconds", query.Get("DurationSeconds"), 900, 43200, out var duration)
            .ThrowIfInvalid();

        var caller = request.Caller;
        var role = await FindRoleAsync(roleArn!, request.Aborted);

        // A role session is named in trust policies by its role's ARN (with path), which its session ARN lacks.
        var callerSession = caller.Type == AwsPrincipalType.AssumedRole ? await _repository.GetSessionAsync(caller.AccessKeyId, request.Aborted) : null;

        // AWS answers a missing role exactly like a forbidden one, so role names cannot be probed.
        if (role is null || !TrustPolicy.Allows(role.AssumeRolePolicyDocument, caller, callerSession?.RoleArn))
        {
            throw new AwsServiceException(403, "AccessDenied", $"User: {caller.Arn} is not authorized to perform: sts:AssumeRole on resource: {roleArn}");
        }

        var seconds = duration ?? 3600;
        if (caller.Type == AwsPrincipalType.AssumedRole && seconds > ChainedSessionLimit)
        {
            throw new AwsServiceException(400, "ValidationError", "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        }

        if (seconds > role.MaxSessionDuration)
        {
            throw new AwsServiceException(400, "ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }

        var expiration = IamRepository.TruncateToSeconds(_time.GetUtcNow()).AddSeconds(seconds);
        var session = new StsSession(IamIds.NewTemporaryAccessKeyId(), IamIds.NewSecretAccessKey(), IamIds.NewSessionToken(), expiration,
            role.AccountId, $"arn:aws:sts::{role.AccountId}:assumed-role/{role.RoleName}/{sessionName}", $"{role.RoleId}:{sessionName}", role.Arn,
            callerSession is null ? caller.AccessKeyId : callerSession.SourceAccessKeyId);
        await _repository.SaveSessionAsync(session, request.Aborted);

        await QueryXmlWriter.WriteAsync(request, "AssumeRole", Namespace, xml =>
        {
            xml.WriteStartElement("AssumedRoleUser");
            xml.WriteElementString("AssumedRoleId", session.UserId);
            xml.WriteElementString("Arn", session.Arn);
            xml.WriteEndElement();
            xml.WriteStartElement("Credentials");
            xml.WriteElementString("AccessKeyId", session.AccessKeyId);
            xml.WriteElementString("SecretAccessKey", session.SecretAccessKey);
            xml.WriteElementString("SessionToken", session.SessionToken);
            xml.WriteElementString("Expiration", QueryXmlWriter.FormatTime(session.Expiration));
            xml.WriteEndElement();
        });
    }

    /// <summary>The role an ARN names, if it exists with exactly that ARN (path included).</summary>
    private async ValueTask<IamRole?> FindRoleAsync(string roleArn, CancellationToken ct)
    {
        var parts = roleArn.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "iam" || !parts[5].StartsWith("role/", StringComparison.Ordinal))
        {
            return null;
        }

        var name = parts[5][(parts[5].LastIndexOf('/') + 1)..];
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || "_+=,.@-".Contains(c)))
        {
            return null;
        }

        var role = await _repository.GetRoleAsync(parts[4], name, ct);
        return role is not null && role.Arn == roleArn ? role : null;
    }
}
