namespace Lotse.Aws.Tokens;

/// <summary>
/// aws-iam-authenticator's ARN canonicalisation: an assumed-role session ARN becomes the role ARN (path
/// segments between the role name and the session joined back), everything else stays as it is.
/// </summary>
public static class ArnCanonicalizer
{
    private static readonly string[] Partitions = ["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"];

    /// <summary>The canonical ARN, or null with <paramref name="error"/> when the ARN is not a principal ARN.</summary>
    public static string? Canonicalize(string arn, out string? error)
    {
        error = null;
        var parts = arn.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn")
        {
            error = $"arn '{arn}' is invalid: 'arn: invalid prefix'";
            return null;
        }

        if (!Partitions.Contains(parts[1]))
        {
            error = $"partition {parts[1]} is not recognized";
            return null;
        }

        var (service, account, resource) = (parts[2], parts[4], parts[5]);
        if (service == "sts" && resource.StartsWith("assumed-role/", StringComparison.Ordinal))
        {
            var segments = resource.Split('/');
            if (segments.Length < 3)
            {
                error = $"assumed-role arn '{arn}' does not have a role";
                return null;
            }

            // assumed-role/<path parts…>/<role>/<session> → role/<path parts…>/<role>
            return $"arn:{parts[1]}:iam::{account}:role/{string.Join('/', segments[1..^1])}";
        }

        if ((service == "iam" && (resource.StartsWith("user/", StringComparison.Ordinal) || resource.StartsWith("role/", StringComparison.Ordinal) || resource == "root"))
            || (service == "sts" && resource.StartsWith("federated-user/", StringComparison.Ordinal)))
        {
            return arn;
        }

        error = $"unrecognized resource {resource} for service {service}";
        return null;
    }
}
