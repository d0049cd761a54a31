namespace Lotse.Kube.Rbac;

/// <summary>
/// Escalation prevention (upstream <c>registry/rbac/validation</c>: <c>Covers</c>, <c>BreakdownRule</c>, <c>CompactRules</c>,
/// <c>ConfirmNoEscalation</c>): a user may only grant what the user already holds.
/// </summary>
public static class RbacEscalation
{
    /// <summary>The rules of <paramref name="requested"/> that <paramref name="held"/> does not cover, broken down one verb/resource each.</summary>
    public static List<RbacPolicyRule> Missing(IReadOnlyList<RbacPolicyRule> held, IEnumerable<RbacPolicyRule> requested)
    {
        var missing = new List<RbacPolicyRule>();
        foreach (var rule in requested)
        {
            foreach (var part in Breakdown(rule))
            {
                if (!held.Any(owner => Covers(owner, part)))
                {
                    missing.Add(part);
                }
            }
        }

        return missing;
    }

    /// <summary>
    /// The text after "... is forbidden: " when a user grants rules not held: one compacted rule per line, sorted,
    /// as kube-apiserver words it.
    /// </summary>
    public static string Message(KubeUser user, IEnumerable<RbacPolicyRule> missing, string resolutionError = "")
    {
        var lines = Compact(missing).Select(r => r.CompactString()).Distinct().Order(StringComparer.Ordinal);
        var message = $"user {RbacPolicyRule.GoQuote(user.Name)} (groups={RbacPolicyRule.GoQuotedList(user.Groups)}) is attempting to grant RBAC permissions not currently held:\n{string.Join("\n", lines)}";
        return resolutionError.Length > 0 ? message + "; resolution errors: [" + resolutionError + "]" : message;
    }

    /// <summary>One rule per (group, resource, verb[, name]) or (URL, verb).</summary>
    public static IEnumerable<RbacPolicyRule> Breakdown(RbacPolicyRule rule)
    {
        foreach (var group in rule.ApiGroups)
        {
            foreach (var resource in rule.Resources)
            {
                foreach (var verb in rule.Verbs)
                {
                    if (rule.ResourceNames.Length == 0)
                    {
                        yield return RbacPolicyRule.Resource([verb], [group], [resource]);
                        continue;
                    }

                    foreach (var name in rule.ResourceNames)
                    {
                        yield return RbacPolicyRule.Resource([verb], [group], [resource], [name]);
                    }
                }
            }
        }

        foreach (var url in rule.NonResourceUrls)
        {
            foreach (var verb in rule.Verbs)
            {
                yield return RbacPolicyRule.Urls([verb], [url]);
            }
        }
    }

    /// <summary><c>ruleCovers</c>: whether <paramref name="owner"/> grants everything <paramref name="sub"/> does.</summary>
    public static bool Covers(RbacPolicyRule owner, RbacPolicyRule sub)
    {
        var verbs = owner.Verbs.Contains(RbacPolicyRule.All) || sub.Verbs.All(owner.Verbs.Contains);
        var groups = owner.ApiGroups.Contains(RbacPolicyRule.All) || sub.ApiGroups.All(owner.ApiGroups.Contains);
        var names = sub.ResourceNames.Length == 0
            ? owner.ResourceNames.Length == 0
            : owner.ResourceNames.Length == 0 || sub.ResourceNames.All(owner.ResourceNames.Contains);
        return verbs && groups && names && ResourcesCover(owner.Resources, sub.Resources) && UrlsCover(owner.NonResourceUrls, sub.NonResourceUrls);
    }

    /// <summary>
    /// <c>CompactRules</c>: rules naming one group and one resource (and at most one name) that differ only by verb are
    /// merged; everything else stays as it is.
    /// </summary>
    public static List<RbacPolicyRule> Compact(IEnumerable<RbacPolicyRule> rules)
    {
        var compacted = new List<RbacPolicyRule>();
        var simple = new Dictionary<(string Group, string Resource, bool Named, string Name), List<string>>();
        var order = new List<(string, string, bool, string)>();
        foreach (var rule in rules)
        {
            if (rule.NonResourceUrls.Length == 0 && rule.ResourceNames.Length <= 1 && rule.ApiGroups.Length == 1 && rule.Resources.Length == 1)
            {
                var key = (rule.ApiGroups[0], rule.Resources[0], rule.ResourceNames.Length == 1, rule.ResourceNames.Length == 1 ? rule.ResourceNames[0] : "");
                if (!simple.TryGetValue(key, out var verbs))
                {
                    simple[key] = verbs = [];
                    order.Add(key);
                }

                verbs.AddRange(rule.Verbs.Where(v => !verbs.Contains(v)));
                continue;
            }

            compacted.Add(rule);
        }

        foreach (var key in order)
        {
            var (group, resource, named, name) = key;
            compacted.Add(RbacPolicyRule.Resource([.. simple[key]], [group], [resource], named ? [name] : null));
        }

        return compacted;
    }

    private static bool ResourcesCover(string[] owner, string[] sub)
    {
        if (owner.Contains(RbacPolicyRule.All) || sub.All(owner.Contains))
        {
            return true;
        }

        foreach (var path in sub)
        {
            if (owner.Contains(path))
            {
                continue;
            }

            var slash = path.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0 || !owner.Contains("*/" + path[(slash + 1)..]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool UrlsCover(string[] owner, string[] sub) =>
        sub.All(path => owner.Any(o => o == path || (o.EndsWith('*') && path.StartsWith(o.TrimEnd('*'), StringComparison.Ordinal))));
}
