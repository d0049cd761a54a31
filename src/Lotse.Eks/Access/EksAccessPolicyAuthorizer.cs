using Lotse.Kube;
using Lotse.Kube.Auth;
using Lotse.Kube.Requests;

namespace Lotse.Eks.Access;

/// <summary>
/// EKS's access-policy authorizer: allows what the policies associated with the caller's access entry allow, at cluster scope or
/// in the namespaces of a namespace scope (<c>dev-*</c> style wildcards). It sits beside RBAC, as on EKS (policies do not show in
/// <c>kubectl auth can-i --list</c>), and applies only to users the IAM authenticator mapped from an access entry of an API-mode
/// cluster. The entry (with its policies already resolved to rules) comes from <see cref="EksAccessEntryCache"/>, so a decision
/// costs no store read while the cluster's entries are unchanged.
/// </summary>
public sealed class EksAccessPolicyAuthorizer(EksClusterDirectory directory, EksAccessEntryCache cache) : IKubeAuthorizer
{
    private const string UidPrefix = "aws-iam-authenticator:";

    public async ValueTask<KubeAuthorizationDecision> AuthorizeAsync(KubeCluster cluster, KubeUser user, KubeRequestInfo request, CancellationToken cancellationToken)
    {
        // Only IAM-authenticated users carry an entry; their uid and extras come from the token, not from the caller.
        // Impersonated users are RBAC's alone: EKS bypasses access policies for `kubectl --as`.
        if (user.Impersonated || !user.Uid.StartsWith(UidPrefix, StringComparison.Ordinal) || One(user, "principalId") is not { } principalId || One(user, "canonicalArn") is not { } canonicalArn)
        {
            return KubeAuthorizationDecision.Deny();
        }

        var served = directory.FindServed(cluster.Id);
        if (served is null || !AccessEntryTypes.UsesAccessEntries(served.AuthenticationMode))
        {
            return KubeAuthorizationDecision.Deny();
        }

        var prefix = EksAccessEntryStore.ClusterPrefix(served.AccountId, served.Region, cluster.Name);
        var entry = (await cache.GetAsync(cluster.Id, prefix, cancellationToken)).Find(principalId, canonicalArn);
        return entry is not null && Allows(entry, request) ? KubeAuthorizationDecision.Allow : KubeAuthorizationDecision.Deny();
    }

    /// <summary>Whether any policy of <paramref name="entry"/>, within its scope, allows <paramref name="request"/>.</summary>
    public static bool Allows(MappedAccessEntry entry, KubeRequestInfo request)
    {
        foreach (var (policy, scope) in entry.Policies)
        {
            if (InScope(scope, request) && policy.Rules.Any(rule => rule.Allows(request)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A namespace scope covers only namespaced requests in one of its namespaces, like a RoleBinding in each.</summary>
    public static bool InScope(AccessScope scope, KubeRequestInfo request)
    {
        if (scope.Type == "cluster")
        {
            return true;
        }

        return request.IsResourceRequest && request.Namespace.Length > 0 && (scope.Namespaces ?? []).Any(pattern => NamespaceMatches(pattern, request.Namespace));
    }

    /// <summary>A namespace pattern: exact, or with <c>*</c> standing for any run of characters (<c>dev-*</c>, <c>*</c>).</summary>
    public static bool NamespaceMatches(string pattern, string name)
    {
        var star = pattern.IndexOf('*');
        if (star < 0)
        {
            return pattern == name;
        }

        var head = pattern[..star];
        if (!name.StartsWith(head, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = pattern[(star + 1)..];
        var remaining = name[head.Length..];
        for (var skip = 0; skip <= remaining.Length; skip++)
        {
            if (NamespaceMatches(rest, remaining[skip..]))
            {
                return true;
            }
        }

        return false;
    }

    private static string? One(KubeUser user, string key) => user.Extra.TryGetValue(key, out var values) && values.Count == 1 ? values[0] : null;
}
