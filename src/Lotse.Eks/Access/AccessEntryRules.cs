namespace Lotse.Eks.Access;

/// <summary>
/// EKS's checks of an access entry that need nothing but the request: the principal ARN's form, the type, the username
/// (reserved prefixes, where <c>{{SessionName}}</c> may stand), the groups, and the default username of each type.
/// </summary>
public static class AccessEntryRules
{
    /// <summary>Kubernetes user names EKS keeps for itself.</summary>
    public static readonly string[] ReservedUsernamePrefixes = ["system:", "eks:", "aws:", "amazon:", "iam:"];

    public const string InvalidPrincipal = "The specified principalArn is invalid: invalid principal.";

    /// <summary>An IAM principal ARN taken apart: kind <c>user</c>, <c>role</c> or <c>root</c>; <see cref="Name"/> without the path.</summary>
    public sealed record PrincipalArn(string AccountId, string Kind, string Path, string Name)
    {
        public bool IsRole => Kind == "role";

        public static PrincipalArn? Parse(string? arn)
        {
            var parts = (arn ?? "").Split(':', 6);
            if (parts is not ["arn", "aws", "iam", "", { Length: 12 } account, var resource] || !account.All(char.IsAsciiDigit))
            {
                return null;
            }

            if (resource == "root")
            {
                return new PrincipalArn(account, "root", "/", "root");
            }

            var slash = resource.IndexOf('/');
            var last = resource.LastIndexOf('/');
            if (slash < 0 || last == resource.Length - 1)
            {
                return null;
            }

            var kind = resource[..slash];
            return kind is "user" or "role" ? new PrincipalArn(account, kind, resource[slash..(last + 1)], resource[(last + 1)..]) : null;
        }
    }

    /// <summary>Checks a CreateAccessEntry request; returns the parsed principal and the effective type.</summary>
    public static (PrincipalArn Principal, string Type) ValidateCreate(CreateAccessEntryRequest request, string callerAccount, string clusterName)
    {
        var principal = PrincipalArn.Parse(request.PrincipalArn) ?? throw EksErrors.InvalidParameter(InvalidPrincipal, clusterName);
        if (principal.IsRole && principal.Path.StartsWith("/aws-service-role/", StringComparison.Ordinal))
        {
            throw EksErrors.InvalidParameter("The specified principalArn is invalid: service-linked roles cannot be used with access entries.", clusterName);
        }

        var type = request.Type ?? AccessEntryTypes.Standard;
        if (!AccessEntryTypes.All.Contains(type, StringComparer.Ordinal))
        {
            throw EksErrors.InvalidParameter(
                $"The specified type is invalid: {type}. Valid types are [{string.Join(", ", AccessEntryTypes.All)}].", clusterName);
        }

        if (type != AccessEntryTypes.Standard)
        {
            if (!principal.IsRole || principal.AccountId != callerAccount)
            {
                throw EksErrors.InvalidParameter($"The principalArn of an access entry of type {type} must be an IAM role of this account.", clusterName);
            }

            if (request.KubernetesGroups is { Count: > 0 })
            {
                throw EksErrors.InvalidParameter($"kubernetesGroups cannot be specified for an access entry of type {type}.", clusterName);
            }

            if (!string.IsNullOrEmpty(request.Username))
            {
                throw EksErrors.InvalidParameter($"username cannot be specified for an access entry of type {type}.", clusterName);
            }
        }

        ValidateUsername(request.Username, clusterName);
        ValidateGroups(request.KubernetesGroups, clusterName);
        if (request.Tags is { } tags && Tags.TagRules.Problem(tags) is { } problem)
        {
            throw EksErrors.InvalidParameter(problem, clusterName);
        }

        return (principal, type);
    }

    public static void ValidateUsername(string? username, string clusterName)
    {
        if (username is null)
        {
            return;
        }

        if (username.Length == 0 || username.Length > 255)
        {
            throw EksErrors.InvalidParameter("username must be between 1 and 255 characters long.", clusterName);
        }

        if (ReservedUsernamePrefixes.FirstOrDefault(p => username.StartsWith(p, StringComparison.OrdinalIgnoreCase)) is { } reserved)
        {
            throw EksErrors.InvalidParameter($"The username {username} is invalid: usernames cannot start with the reserved prefix {reserved}", clusterName);
        }

        // {{SessionName}} alone would let a caller pick any user name by naming its session: EKS wants a fixed part and ':' before it.
        var session = username.IndexOf("{{SessionName}}", StringComparison.Ordinal);
        if (session >= 0 && username.LastIndexOf(':', session) < 0)
        {
            throw EksErrors.InvalidParameter($"The username {username} is invalid: {{{{SessionName}}}} must be preceded by a ':' in the username.", clusterName);
        }
    }

    public static void ValidateGroups(List<string>? groups, string clusterName)
    {
        foreach (var group in groups ?? [])
        {
            if (group.Length == 0)
            {
                throw EksErrors.InvalidParameter("kubernetesGroups must not contain an empty group name.", clusterName);
            }

            if (group.StartsWith("system:", StringComparison.OrdinalIgnoreCase))
            {
                throw EksErrors.InvalidParameter($"The kubernetesGroup {group} is invalid: group names cannot start with the reserved prefix system:", clusterName);
            }
        }
    }

    /// <summary>The username EKS gives an entry that does not name one.</summary>
    public static string DefaultUsername(PrincipalArn principal, string principalArn, string type) => type switch
    {
        AccessEntryTypes.Standard when principal.IsRole => $"arn:aws:sts::{principal.AccountId}:assumed-role/{principal.Name}/{{{{SessionName}}}}",
        AccessEntryTypes.Standard => principalArn,
        AccessEntryTypes.FargateLinux or AccessEntryTypes.HybridLinux => "system:node:{{SessionName}}",
        _ => "system:node:{{EC2PrivateDNSName}}",
    };

    /// <summary>The groups EKS gives node entries (the request may not name any).</summary>
    public static List<string> DefaultGroups(string type) => type switch
    {
        AccessEntryTypes.Standard => [],
        AccessEntryTypes.FargateLinux => ["system:node-proxier", "system:nodes"],
        _ => ["system:nodes"],
    };

    /// <summary>Checks an AssociateAccessPolicy scope: <c>cluster</c> without namespaces, or <c>namespace</c> with at least one.</summary>
    public static AccessScope ValidateScope(AccessScope? scope, string clusterName)
    {
        if (scope?.Type is not ("cluster" or "namespace"))
        {
            throw EksErrors.ConstraintViolation("accessScope.type", scope?.Type ?? "null", "Member must satisfy enum value set: [cluster, namespace]", clusterName);
        }

        var namespaces = scope.Namespaces ?? [];
        if (scope.Type == "cluster" && namespaces.Count > 0)
        {
            throw EksErrors.InvalidParameter("Namespaces cannot be specified for an access scope of type cluster.", clusterName);
        }

        if (scope.Type == "namespace" && namespaces.Count == 0)
        {
            throw EksErrors.InvalidParameter("At least one namespace must be specified for an access scope of type namespace.", clusterName);
        }

        if (namespaces.FirstOrDefault(n => n.Length == 0 || n.Length > 63) is { } bad)
        {
            throw EksErrors.InvalidParameter($"The namespace '{bad}' is invalid.", clusterName);
        }

        return new AccessScope { Type = scope.Type, Namespaces = scope.Type == "namespace" ? [.. namespaces.Distinct(StringComparer.Ordinal)] : [] };
    }
}
