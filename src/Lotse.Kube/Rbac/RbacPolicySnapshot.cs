namespace Lotse.Kube.Rbac;

/// <summary>
/// An immutable, compiled view of one cluster's RBAC objects for fast decisions: each binding's role is resolved once,
/// and grants are indexed by user name and group name, cluster-wide and per namespace. A decision is a handful of
/// dictionary lookups plus the rules of the matching grants (≈ 0.3 µs with 1,000 bindings, see <c>bench rbac</c>),
/// instead of kube-apiserver's walk over every binding.
/// </summary>
public sealed class RbacPolicySnapshot
{
    private readonly SubjectIndex _cluster;
    private readonly Dictionary<string, SubjectIndex> _namespaces;

    /// <summary>Whether some binding refers to a missing role (only then can a denial carry a reason).</summary>
    private readonly bool _hasErrors;

    private RbacPolicySnapshot(SubjectIndex cluster, Dictionary<string, SubjectIndex> namespaces, bool hasErrors)
    {
        _cluster = cluster;
        _namespaces = namespaces;
        _hasErrors = hasErrors;
    }

    public static RbacPolicySnapshot Empty { get; } = Build(new Dictionary<string, RbacPolicyRule[]>(), new Dictionary<(string, string), RbacPolicyRule[]>(), []);

    /// <summary>Rules granted to a binding: those of its role, or an error when the role does not exist.</summary>
    private sealed record Grant(int Ordinal, RbacPolicyRule[] Rules, string Error);

    private sealed class SubjectIndex
    {
        public Dictionary<string, Grant[]> Users { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Grant[]> Groups { get; } = new(StringComparer.Ordinal);
    }

    /// <param name="clusterRoles">ClusterRole name → rules.</param>
    /// <param name="roles">(namespace, Role name) → rules.</param>
    /// <param name="bindings">RoleBindings (with a namespace) and ClusterRoleBindings (without).</param>
    public static RbacPolicySnapshot Build(IReadOnlyDictionary<string, RbacPolicyRule[]> clusterRoles, IReadOnlyDictionary<(string, string), RbacPolicyRule[]> roles, IEnumerable<RbacBinding> bindings)
    {
        var pending = new Dictionary<SubjectIndex, Dictionary<(bool, string), List<Grant>>>();
        var cluster = new SubjectIndex();
        var namespaces = new Dictionary<string, SubjectIndex>(StringComparer.Ordinal);

        // kube-apiserver visits ClusterRoleBindings first, then the namespace's RoleBindings; name order within each.
        var ordered = bindings.OrderBy(b => b.Namespace.Length > 0).ThenBy(b => b.Namespace, StringComparer.Ordinal).ThenBy(b => b.Name, StringComparer.Ordinal);
        var ordinal = 0;
        var hasErrors = false;
        foreach (var binding in ordered)
        {
            var grant = Resolve(binding, clusterRoles, roles, ordinal++);
            hasErrors |= grant.Error.Length > 0;
            var index = binding.Namespace.Length == 0 ? cluster : GetOrAdd(namespaces, binding.Namespace);
            if (!pending.TryGetValue(index, out var subjects))
            {
                pending[index] = subjects = [];
            }

            foreach (var key in binding.SubjectKeys().Distinct())
            {
                if (!subjects.TryGetValue(key, out var grants))
                {
                    subjects[key] = grants = [];
                }

                grants.Add(grant);
            }
        }

        foreach (var (index, subjects) in pending)
        {
            foreach (var ((isGroup, name), grants) in subjects)
            {
                (isGroup ? index.Groups : index.Users)[name] = [.. grants];
            }
        }

        return new RbacPolicySnapshot(cluster, namespaces, hasErrors);
    }

    /// <summary>Whether any rule granted to the user (cluster-wide, or in <paramref name="ns"/>) allows the resource request.</summary>
    public bool AllowsResource(KubeUser user, string ns, string verb, string apiGroup, string resource, string subresource, string name)
    {
        if (AnyAllows(_cluster, user, verb, apiGroup, resource, subresource, name))
        {
            return true;
        }

        return ns.Length > 0 && _namespaces.TryGetValue(ns, out var index) && AnyAllows(index, user, verb, apiGroup, resource, subresource, name);
    }

    /// <summary>Whether a cluster-wide rule allows the non-resource request (RoleBindings never grant URLs).</summary>
    public bool AllowsNonResource(KubeUser user, string verb, string path)
    {
        foreach (var grant in GrantsOf(_cluster, user))
        {
            foreach (var rule in grant.Rules)
            {
                if (rule.IsNonResource && rule.AllowsNonResource(verb, path))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The reason RBAC gives with a denial: empty, or <c>RBAC: </c> and the errors of the user's bindings whose role is
    /// missing (kube-apiserver appends it to the forbidden message).
    /// </summary>
    public string DenyReason(KubeUser user, string ns)
    {
        if (!_hasErrors)
        {
            return "";
        }

        var errors = GrantsOf(_cluster, user).ToList();
        if (ns.Length > 0 && _namespaces.TryGetValue(ns, out var index))
        {
            errors.AddRange(GrantsOf(index, user));
        }

        var messages = errors.Where(g => g.Error.Length > 0).DistinctBy(g => g.Ordinal).OrderBy(g => g.Ordinal).Select(g => g.Error).ToList();
        return messages.Count switch
        {
            0 => "",
            1 => "RBAC: " + messages[0],
            _ => "RBAC: [" + string.Join(", ", messages) + "]",
        };
    }

    /// <summary>
    /// The rules that apply to the user in <paramref name="ns"/> (cluster-wide ones first), as <c>RulesFor</c> lists them,
    /// with the errors of bindings whose role is missing.
    /// </summary>
    public (List<RbacPolicyRule> Rules, List<string> Errors) RulesFor(KubeUser user, string ns)
    {
        var grants = GrantsOf(_cluster, user).ToList();
        if (ns.Length > 0 && _namespaces.TryGetValue(ns, out var index))
        {
            grants.AddRange(GrantsOf(index, user));
        }

        var rules = new List<RbacPolicyRule>();
        var errors = new List<string>();
        foreach (var grant in grants.DistinctBy(g => g.Ordinal).OrderBy(g => g.Ordinal))
        {
            rules.AddRange(grant.Rules);
            if (grant.Error.Length > 0)
            {
                errors.Add(grant.Error);
            }
        }

        return (rules, errors);
    }

    private static bool AnyAllows(SubjectIndex index, KubeUser user, string verb, string apiGroup, string resource, string subresource, string name)
    {
        if (index.Users.TryGetValue(user.Name, out var grants) && GrantsAllow(grants, verb, apiGroup, resource, subresource, name))
        {
            return true;
        }

        var groups = user.Groups;
        for (var i = 0; i < groups.Count; i++)
        {
            if (index.Groups.TryGetValue(groups[i], out grants) && GrantsAllow(grants, verb, apiGroup, resource, subresource, name))
            {
                return true;
            }
        }

        return false;
    }

    private static bool GrantsAllow(Grant[] grants, string verb, string apiGroup, string resource, string subresource, string name)
    {
        foreach (var grant in grants)
        {
            foreach (var rule in grant.Rules)
            {
                if (!rule.IsNonResource && rule.AllowsResource(verb, apiGroup, resource, subresource, name))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static IEnumerable<Grant> GrantsOf(SubjectIndex index, KubeUser user)
    {
        var all = index.Users.GetValueOrDefault(user.Name) ?? [];
        foreach (var group in user.Groups)
        {
            if (index.Groups.TryGetValue(group, out var grants))
            {
                all = [.. all, .. grants];
            }
        }

        return all;
    }

    private static Grant Resolve(RbacBinding binding, IReadOnlyDictionary<string, RbacPolicyRule[]> clusterRoles, IReadOnlyDictionary<(string, string), RbacPolicyRule[]> roles, int ordinal)
    {
        if (binding.RoleKind == "ClusterRole")
        {
            return clusterRoles.TryGetValue(binding.RoleName, out var rules)
                ? new Grant(ordinal, rules, "")
                : new Grant(ordinal, [], $"clusterrole.rbac.authorization.k8s.io \"{binding.RoleName}\" not found");
        }

        if (binding.RoleKind == "Role" && binding.Namespace.Length > 0)
        {
            return roles.TryGetValue((binding.Namespace, binding.RoleName), out var rules)
                ? new Grant(ordinal, rules, "")
                : new Grant(ordinal, [], $"role.rbac.authorization.k8s.io \"{binding.RoleName}\" not found");
        }

        return new Grant(ordinal, [], $"unsupported role reference kind: \"{binding.RoleKind}\"");
    }

    private static SubjectIndex GetOrAdd(Dictionary<string, SubjectIndex> namespaces, string ns)
    {
        if (!namespaces.TryGetValue(ns, out var index))
        {
            namespaces[ns] = index = new SubjectIndex();
        }

        return index;
    }
}
