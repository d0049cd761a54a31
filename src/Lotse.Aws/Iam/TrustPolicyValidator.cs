using System.Text.Json;

namespace Lotse.Aws.Iam;

/// <summary>
/// The grammar IAM enforces on a role's trust policy (CreateRole, UpdateAssumeRolePolicy), with IAM's
/// MalformedPolicyDocument texts: valid JSON, a Statement of objects with Effect Allow|Deny, a Principal, only
/// <c>sts:</c> actions of the trust family, and no Resource. Whether a named IAM principal exists is checked by
/// the caller (<see cref="AwsPrincipals"/> lists them), because IAM resolves them to unique ids when saving.
/// </summary>
public static class TrustPolicyValidator
{
    // The actions IAM accepts in a trust policy statement (the sts: actions a principal may be granted on a role).
    private static readonly HashSet<string> TrustActions = new(StringComparer.OrdinalIgnoreCase)
    {
        "sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity", "sts:TagSession",
        "sts:SetSourceIdentity", "sts:SetContext", "sts:*",
    };

    /// <summary>Throws MalformedPolicyDocument for the first problem; returns the <c>"AWS"</c> principal values.</summary>
    public static IReadOnlyList<string> Validate(string document)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(document);
        }
        catch (JsonException)
        {
            throw IamErrors.MalformedPolicy("This policy contains invalid Json");
        }

        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("Statement", out var statement)
                || statement.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)
                || (root.TryGetProperty("Version", out var version) && version.GetString() is not ("2012-10-17" or "2008-10-17")))
            {
                throw IamErrors.MalformedPolicy("Syntax errors in policy.");
            }

            var statements = statement.ValueKind == JsonValueKind.Array ? statement.EnumerateArray().ToList() : [statement];
            var principals = new List<string>();
            foreach (var item in statements)
            {
                CheckStatement(item, principals);
            }

            return principals;
        }
    }

    private static void CheckStatement(JsonElement statement, List<string> principals)
    {
        if (statement.ValueKind != JsonValueKind.Object
            || !statement.TryGetProperty("Effect", out var effect) || effect.ValueKind != JsonValueKind.String
            || effect.GetString() is not ("Allow" or "Deny"))
        {
            throw IamErrors.MalformedPolicy("Syntax errors in policy.");
        }

        if (!statement.TryGetProperty("Action", out var action) && !statement.TryGetProperty("NotAction", out action))
        {
            throw IamErrors.MalformedPolicy("Policy statement must contain actions.");
        }

        if (Strings(action) is not { Count: > 0 } actions || actions.Any(a => !TrustActions.Contains(a)))
        {
            throw IamErrors.MalformedPolicy("Trust Policy statement actions can only be sts:AssumeRole, sts:AssumeRoleWithSAML,  and sts:AssumeRoleWithWebIdentity");
        }

        if (statement.TryGetProperty("Resource", out _) || statement.TryGetProperty("NotResource", out _))
        {
            throw IamErrors.MalformedPolicy("Has prohibited field Resource.");
        }

        if (!statement.TryGetProperty("Principal", out var principal) && !statement.TryGetProperty("NotPrincipal", out principal))
        {
            throw IamErrors.MalformedPolicy("Invalid principal in policy: com.amazon.balsa.error.InvalidPolicyException: The passed in policy has a statement with no principals!");
        }

        if (principal.ValueKind == JsonValueKind.String && principal.GetString() == "*")
        {
            return;
        }

        if (principal.ValueKind != JsonValueKind.Object || !principal.EnumerateObject().Any())
        {
            throw IamErrors.MalformedPolicy("Syntax errors in policy.");
        }

        foreach (var entry in principal.EnumerateObject())
        {
            var values = Strings(entry.Value);
            if (values is null || values.Any(v => v.Length == 0)
                || entry.Name is not ("AWS" or "Service" or "Federated" or "CanonicalUser"))
            {
                throw IamErrors.MalformedPolicy($"Invalid principal in policy: \"{entry.Name}\":{entry.Value.GetRawText()}");
            }

            if (entry.Name == "AWS")
            {
                foreach (var value in values)
                {
                    if (!IsAwsPrincipalShape(value))
                    {
                        throw InvalidAwsPrincipal(value);
                    }

                    principals.Add(value);
                }
            }
        }
    }

    /// <summary>IAM's answer for an <c>"AWS"</c> principal that is malformed or names no existing user or role.</summary>
    public static AwsServiceException InvalidAwsPrincipal(string value) => IamErrors.MalformedPolicy($"Invalid principal in policy: \"AWS\":\"{value}\"");

    // "*", a 12-digit account id, or an iam/sts ARN of a root, user, role or assumed-role session.
    private static bool IsAwsPrincipalShape(string value)
    {
        if (value == "*" || (value.Length == 12 && value.All(char.IsAsciiDigit)))
        {
            return true;
        }

        var parts = value.Split(':', 6);
        return parts.Length == 6 && parts[0] == "arn" && parts[1].StartsWith("aws", StringComparison.Ordinal)
            && parts[4].Length == 12 && parts[4].All(char.IsAsciiDigit)
            && ((parts[2] == "iam" && (parts[5] == "root" || parts[5].StartsWith("user/", StringComparison.Ordinal) || parts[5].StartsWith("role/", StringComparison.Ordinal)))
                || (parts[2] == "sts" && parts[5].StartsWith("assumed-role/", StringComparison.Ordinal)));
    }

    private static List<string>? Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Array when element.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) =>
            element.EnumerateArray().Select(e => e.GetString()!).ToList(),
        _ => null,
    };
}
