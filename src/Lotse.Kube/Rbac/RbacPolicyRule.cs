using System.Text;
using System.Text.Json.Nodes;

namespace Lotse.Kube.Rbac;

/// <summary>
/// One <c>rbac/v1 PolicyRule</c> with kube-apiserver's matching (<c>rbac.RuleAllows</c>): <c>*</c> for verbs, groups
/// and resources, <c>*/subresource</c>, resourceNames, and non-resource URLs with a trailing <c>*</c>.
/// </summary>
public sealed record RbacPolicyRule(string[] Verbs, string[] ApiGroups, string[] Resources, string[] ResourceNames, string[] NonResourceUrls)
{
    public const string All = "*";

    private const int MaxInterned = 100_000;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<RbacPolicyRule, RbacPolicyRule> Interned = new();

    public bool IsNonResource => NonResourceUrls.Length > 0;

    public static RbacPolicyRule Resource(string[] verbs, string[] groups, string[] resources, string[]? names = null) =>
        new(verbs, groups, resources, names ?? [], []);

    public static RbacPolicyRule Urls(string[] verbs, string[] urls) => new(verbs, [], [], [], urls);

    public static RbacPolicyRule FromJson(JsonObject rule) =>
        new(Strings(rule, "verbs"), Strings(rule, "apiGroups"), Strings(rule, "resources"), Strings(rule, "resourceNames"), Strings(rule, "nonResourceURLs"));

    /// <summary>
    /// One shared instance per distinct rule, process-wide: every cluster holds the same ~600 bootstrap rules, so the
    /// in-memory policy of a cluster costs references, not copies. Bounded; past the bound rules are simply not shared.
    /// </summary>
    public static RbacPolicyRule Intern(RbacPolicyRule rule)
    {
        if (Interned.TryGetValue(rule, out var shared))
        {
            return shared;
        }

        return Interned.Count < MaxInterned ? Interned.GetOrAdd(rule, rule) : rule;
    }

    /// <summary>The rules of a Role or ClusterRole object (<c>rules</c>, absent or null = none).</summary>
    public static RbacPolicyRule[] ListFromJson(JsonObject role) =>
        role["rules"] is JsonArray rules ? rules.OfType<JsonObject>().Select(FromJson).ToArray() : [];

    public JsonObject ToJson()
    {
        var rule = new JsonObject { ["verbs"] = ToJsonArray(Verbs) };
        if (ApiGroups.Length > 0)
        {
            rule["apiGroups"] = ToJsonArray(ApiGroups);
        }

        if (Resources.Length > 0)
        {
            rule["resources"] = ToJsonArray(Resources);
        }

        if (ResourceNames.Length > 0)
        {
            rule["resourceNames"] = ToJsonArray(ResourceNames);
        }

        if (NonResourceUrls.Length > 0)
        {
            rule["nonResourceURLs"] = ToJsonArray(NonResourceUrls);
        }

        return rule;
    }

    /// <summary><c>rbac.ResourceMatches</c> and friends for a resource request; <paramref name="subresource"/> may be empty.</summary>
    public bool AllowsResource(string verb, string apiGroup, string resource, string subresource, string name)
    {
        if (!Has(Verbs, verb) || !Has(ApiGroups, apiGroup) || !ResourceMatches(resource, subresource))
        {
            return false;
        }

        return ResourceNames.Length == 0 || Array.IndexOf(ResourceNames, name) >= 0;
    }

    /// <summary><c>rbac.NonResourceURLMatches</c>: exact, <c>*</c>, or a prefix ending in <c>*</c>.</summary>
    public bool AllowsNonResource(string verb, string path)
    {
        if (!Has(Verbs, verb))
        {
            return false;
        }

        foreach (var url in NonResourceUrls)
        {
            if (url == All || url == path || (url.EndsWith('*') && path.StartsWith(url.AsSpan(0, url.Length - 1), StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>rbacv1helpers.CompactString</c>, as escalation messages print a rule: <c>{APIGroups:[""], Resources:["pods"], Verbs:["get"]}</c>.</summary>
    public string CompactString()
    {
        var parts = new List<string>(5);
        void Add(string label, string[] values)
        {
            if (values.Length > 0)
            {
                parts.Add($"{label}:{GoQuotedList(values)}");
            }
        }

        Add("APIGroups", ApiGroups);
        Add("Resources", Resources);
        Add("NonResourceURLs", NonResourceUrls);
        Add("ResourceNames", ResourceNames);
        Add("Verbs", Verbs);
        return "{" + string.Join(", ", parts) + "}";
    }

    public bool Equals(RbacPolicyRule? other) =>
        other is not null && Verbs.SequenceEqual(other.Verbs) && ApiGroups.SequenceEqual(other.ApiGroups) && Resources.SequenceEqual(other.Resources)
        && ResourceNames.SequenceEqual(other.ResourceNames) && NonResourceUrls.SequenceEqual(other.NonResourceUrls);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var list in new[] { Verbs, ApiGroups, Resources, ResourceNames, NonResourceUrls })
        {
            hash.Add(list.Length);
            foreach (var item in list)
            {
                hash.Add(item, StringComparer.Ordinal);
            }
        }

        return hash.ToHashCode();
    }

    /// <summary>Go's <c>%q</c> of a <c>[]string</c>: <c>["a" "b"]</c>.</summary>
    public static string GoQuotedList(IEnumerable<string> values) => "[" + string.Join(" ", values.Select(GoQuote)) + "]";

    public static string GoQuote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\t': text.Append("\\t"); break;
                default: text.Append(c); break;
            }
        }

        return text.Append('"').ToString();
    }

    private bool ResourceMatches(string resource, string subresource)
    {
        foreach (var candidate in Resources)
        {
            if (candidate == All)
            {
                return true;
            }

            if (subresource.Length == 0)
            {
                if (candidate == resource)
                {
                    return true;
                }

                continue;
            }

            // "pods/log" matches "pods/log" and "*/log".
            if (candidate.Length == resource.Length + 1 + subresource.Length && candidate.StartsWith(resource, StringComparison.Ordinal)
                && candidate[resource.Length] == '/' && candidate.EndsWith(subresource, StringComparison.Ordinal))
            {
                return true;
            }

            if (candidate.Length == subresource.Length + 2 && candidate.StartsWith("*/", StringComparison.Ordinal) && candidate.EndsWith(subresource, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Has(string[] values, string value)
    {
        foreach (var candidate in values)
        {
            if (candidate == All || candidate == value)
            {
                return true;
            }
        }

        return false;
    }

    private static string[] Strings(JsonObject obj, string name) =>
        obj[name] is JsonArray array ? array.Select(v => v is JsonValue value && value.TryGetValue<string>(out var text) ? text : "").ToArray() : [];

    private static JsonArray ToJsonArray(string[] values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
