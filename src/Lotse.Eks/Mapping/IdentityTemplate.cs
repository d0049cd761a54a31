using Lotse.Aws.Tokens;

namespace Lotse.Eks.Mapping;

/// <summary>
/// aws-iam-authenticator's templates in a mapped username or group: <c>{{AccountID}}</c>, <c>{{SessionName}}</c> (with
/// <c>@</c> → <c>-</c>), <c>{{SessionNameRaw}}</c>, <c>{{AccessKeyID}}</c>, and <c>{{EC2PrivateDNSName}}</c>, which needs a
/// real EC2 instance behind the session and so never renders in Lotse.
/// </summary>
public static class IdentityTemplate
{
    /// <summary>The rendered text, or null with <paramref name="error"/> when a template cannot be filled for this identity.</summary>
    public static string? Render(string template, EksIdentity identity, out string error)
    {
        error = "";
        if (!template.Contains("{{", StringComparison.Ordinal))
        {
            return template;
        }

        var text = template.Replace("{{AccountID}}", identity.AccountId, StringComparison.Ordinal);
        if (text.Contains("{{SessionName}}", StringComparison.Ordinal) || text.Contains("{{SessionNameRaw}}", StringComparison.Ordinal))
        {
            if (identity.SessionName.Length == 0)
            {
                error = $"username template {template} needs a session name, but {identity.Arn} has none";
                return null;
            }

            text = text.Replace("{{SessionNameRaw}}", identity.SessionName, StringComparison.Ordinal)
                .Replace("{{SessionName}}", identity.SessionName.Replace('@', '-'), StringComparison.Ordinal);
        }

        if (text.Contains("{{AccessKeyID}}", StringComparison.Ordinal))
        {
            if (identity.AccessKeyId.Length == 0)
            {
                error = $"template {template} needs an access key id";
                return null;
            }

            text = text.Replace("{{AccessKeyID}}", identity.AccessKeyId, StringComparison.Ordinal);
        }

        if (text.Contains("{{EC2PrivateDNSName}}", StringComparison.Ordinal))
        {
            error = $"template {template} needs the private DNS name of an EC2 instance; {identity.Arn} is not an instance session Lotse can resolve";
            return null;
        }

        return text;
    }
}
