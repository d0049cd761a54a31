using Lotse.Aws.Tokens;
using Lotse.Eks.Access;

namespace Lotse.Eks.Mapping;

/// <summary>A Kubernetes identity an IAM identity maps to (before <c>system:authenticated</c> is added), or why it does not map.</summary>
public sealed record IdentityMapping(string? Username, IReadOnlyList<string> Groups, string? Refusal, string Source)
{
    public static IdentityMapping Refused(string reason) => new(null, [], reason, "");

    /// <summary>Renders <paramref name="username"/> and <paramref name="groups"/> for <paramref name="identity"/>.</summary>
    public static IdentityMapping Render(EksIdentity identity, string username, IEnumerable<string> groups, string source)
    {
        var user = IdentityTemplate.Render(username, identity, out var error);
        if (user is null)
        {
            return Refused(error);
        }

        var rendered = new List<string>();
        foreach (var group in groups)
        {
            if (IdentityTemplate.Render(group, identity, out error) is not { } text)
            {
                return Refused(error);
            }

            rendered.Add(text);
        }

        return new IdentityMapping(user, rendered, null, source);
    }

    /// <summary>
    /// EKS's order: in the API modes an access entry for the principal decides; with the ConfigMap on, the implicit creator admin
    /// of a CONFIG_MAP cluster comes first (an aws-auth edit can never lock the creator out), then aws-auth — roles, then users,
    /// then mapAccounts, first match wins.
    /// </summary>
    /// <param name="creatorIsImplicitAdmin">The identity is the creator of a cluster created with bootstrapClusterCreatorAdminPermissions.</param>
    public static IdentityMapping Map(
        EksIdentity identity, string mode, MappedAccessEntry? entry, bool creatorIsImplicitAdmin, AwsAuthMap awsAuth)
    {
        if (AccessEntryTypes.UsesAccessEntries(mode) && entry is not null)
        {
            return Render(identity, entry.Record.Entry.Username, entry.Record.Entry.KubernetesGroups, "access entry");
        }

        if (!AccessEntryTypes.UsesConfigMap(mode))
        {
            return Refused($"ARN is not mapped: {identity.CanonicalArn} (no access entry)");
        }

        if (mode == AccessEntryTypes.ConfigMapMode && creatorIsImplicitAdmin)
        {
            return new IdentityMapping("kubernetes-admin", ["system:masters"], null, "cluster creator");
        }

        var match = awsAuth.Roles.FirstOrDefault(r => r.Matches(identity.CanonicalArn)) ?? awsAuth.Users.FirstOrDefault(u => u.Matches(identity.CanonicalArn));
        if (match is not null)
        {
            return Render(identity, match.Username, match.Groups, "aws-auth");
        }

        return awsAuth.Accounts.Contains(identity.AccountId)
            ? new IdentityMapping(identity.CanonicalArn, [], null, "aws-auth mapAccounts")
            : Refused($"ARN is not mapped: {identity.CanonicalArn}");
    }
}
