using System.Text.Json.Nodes;

namespace Lotse.Eks.Mapping;

/// <summary>
/// One <c>mapRoles</c> or <c>mapUsers</c> entry: the ARN it matches (compared lower-case with the token's canonical ARN, so a role
/// ARN written with its path never matches — aws-iam-authenticator's known pitfall) or, for roles, an IAM Identity Center
/// permission set; the username and groups, which may hold templates.
/// </summary>
public sealed record AwsAuthMapping(string? Arn, string? SsoRolePrefix, string Username, IReadOnlyList<string> Groups)
{
    public bool Matches(string canonicalArn) =>
        Arn is not null
            ? string.Equals(Arn, canonicalArn, StringComparison.OrdinalIgnoreCase)
            : canonicalArn.StartsWith(SsoRolePrefix!, StringComparison.OrdinalIgnoreCase);

    public static AwsAuthMapping? ParseRole(JsonNode item, out string problem)
    {
        if (item is not JsonObject entry)
        {
            problem = "not a mapping";
            return null;
        }

        var arn = Text(entry, "rolearn");
        var sso = entry["sso"] as JsonObject;
        if ((arn is null) == (sso is null))
        {
            problem = arn is null ? "one of rolearn or sso must be supplied" : "only one of rolearn or sso can be supplied";
            return null;
        }

        string? ssoPrefix = null;
        if (sso is not null)
        {
            var permissionSet = Text(sso, "permissionSetName");
            var account = Text(sso, "accountID");
            var partition = Text(sso, "partition") ?? "aws";
            if (permissionSet is null || account is not { Length: 12 } || !account.All(char.IsAsciiDigit))
            {
                problem = "sso needs permissionSetName and a 12-digit accountID";
                return null;
            }

            ssoPrefix = $"arn:{partition}:iam::{account}:role/AWSReservedSSO_{permissionSet}_";
        }

        return Finish(entry, arn, ssoPrefix, out problem);
    }

    public static AwsAuthMapping? ParseUser(JsonNode item, out string problem)
    {
        if (item is not JsonObject entry)
        {
            problem = "not a mapping";
            return null;
        }

        if (Text(entry, "userarn") is not { } arn)
        {
            problem = "userarn must be supplied";
            return null;
        }

        return Finish(entry, arn, null, out problem);
    }

    private static AwsAuthMapping? Finish(JsonObject entry, string? arn, string? ssoPrefix, out string problem)
    {
        if (arn is not null && !arn.StartsWith("arn:", StringComparison.OrdinalIgnoreCase))
        {
            problem = $"{arn} is not an ARN";
            return null;
        }

        if (Text(entry, "username") is not { } username)
        {
            problem = "username must be supplied";
            return null;
        }

        var groups = new List<string>();
        switch (entry["groups"])
        {
            case null:
                break;
            case JsonArray array:
                foreach (var group in array)
                {
                    if (group is not JsonValue value || value.GetValueKind() != System.Text.Json.JsonValueKind.String)
                    {
                        problem = "groups must be a list of strings";
                        return null;
                    }

                    groups.Add(value.GetValue<string>());
                }

                break;
            default:
                problem = "groups must be a list of strings";
                return null;
        }

        problem = "";
        return new AwsAuthMapping(arn, ssoPrefix, username, groups);
    }

    private static string? Text(JsonObject entry, string key) =>
        entry[key] is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String && value.GetValue<string>() is { Length: > 0 } text ? text : null;
}
