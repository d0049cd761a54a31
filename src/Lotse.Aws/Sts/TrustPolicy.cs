using System.Text.Json;

namespace Lotse.Aws.Sts;

/// <summary>
/// The part of IAM policy evaluation AssumeRole needs: does the role's trust policy allow this caller to
/// <c>sts:AssumeRole</c>? Principals may be <c>*</c>, the caller's ARN, the ARN of the role behind a role session,
/// the account root ARN or the account id; an explicit Deny wins. Conditions are not evaluated: a statement with a Condition does not allow.
/// </summary>
public static class TrustPolicy
{
    /// <param name="callerRoleArn">For a role-session caller: its role's ARN (with path), which a trust policy may name.</param>
    public static bool Allows(string document, AwsCaller caller, string? callerRoleArn = null, string action = "sts:AssumeRole")
    {
        using var json = JsonDocument.Parse(document);
        if (!json.RootElement.TryGetProperty("Statement", out var statements))
        {
            return false;
        }

        var allowed = false;
        foreach (var statement in statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray().ToArray() : [statements])
        {
            if (!Matches(statement, caller, callerRoleArn, action))
            {
                continue;
            }

            var effect = statement.TryGetProperty("Effect", out var e) ? e.GetString() : null;
            if (effect == "Deny")
            {
                return false;
            }

            allowed |= effect == "Allow" && !statement.TryGetProperty("Condition", out _);
        }

        return allowed;
    }

    private static bool Matches(JsonElement statement, AwsCaller caller, string? callerRoleArn, string action)
    {
        if (!statement.TryGetProperty("Action", out var actions) || !Strings(actions).Any(a => ActionMatches(a, action)))
        {
            return false;
        }

        if (!statement.TryGetProperty("Principal", out var principal))
        {
            return false;
        }

        if (principal.ValueKind == JsonValueKind.String)
        {
            return principal.GetString() == "*";
        }

        if (principal.ValueKind != JsonValueKind.Object || !principal.TryGetProperty("AWS", out var aws))
        {
            return false;
        }

        var root = $"arn:aws:iam::{caller.AccountId}:root";
        return Strings(aws).Any(p => p == "*" || p == caller.Arn || p == root || p == caller.AccountId || (callerRoleArn is not null && p == callerRoleArn));
    }

    private static bool ActionMatches(string pattern, string action) =>
        pattern == "*" || string.Equals(pattern, action, StringComparison.OrdinalIgnoreCase) || string.Equals(pattern, "sts:*", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Array => element.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!),
        _ => [],
    };
}
