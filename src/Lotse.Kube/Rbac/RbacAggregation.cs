using System.Text.Json.Nodes;
using Lotse.Kube.Serialization;

namespace Lotse.Kube.Rbac;

/// <summary>
/// The ClusterRole aggregation controller's rule (upstream <c>clusterroleaggregation_controller.go</c>): a ClusterRole
/// with an <c>aggregationRule</c> has as rules the union of the rules of the ClusterRoles its selectors match — per
/// selector, matching roles in name order, each rule once, the role itself skipped. Done here synchronously, in the
/// commit that changes a ClusterRole, instead of by a controller afterwards.
/// </summary>
public static class RbacAggregation
{
    /// <summary>
    /// Recomputes the rules of every aggregated role in <paramref name="roles"/> (name → ClusterRole object, changed in
    /// place) until nothing changes, so chains like view → edit → admin settle. Returns the names whose rules changed.
    /// </summary>
    public static HashSet<string> Settle(IDictionary<string, JsonObject> roles)
    {
        var changed = new HashSet<string>(StringComparer.Ordinal);
        var aggregated = roles.Where(r => r.Value.GetObject("aggregationRule") is not null).Select(r => r.Key).Order(StringComparer.Ordinal).ToList();

        // Each pass can only lengthen a chain by one; more passes than roles means a cycle keeps growing nothing new.
        for (var pass = 0; pass <= aggregated.Count; pass++)
        {
            var any = false;
            foreach (var name in aggregated)
            {
                var rules = Aggregate(roles, roles[name]);
                var current = roles[name]["rules"] as JsonArray;
                if ((current is null && rules.Count == 0) || (current is not null && JsonNode.DeepEquals(current, rules)))
                {
                    continue;
                }

                roles[name]["rules"] = rules;
                changed.Add(name);
                any = true;
            }

            if (!any)
            {
                break;
            }
        }

        return changed;
    }

    /// <summary>The union of the rules of the roles <paramref name="role"/>'s selectors match.</summary>
    public static JsonArray Aggregate(IDictionary<string, JsonObject> roles, JsonObject role)
    {
        var rules = new JsonArray();
        var selectors = role.GetObject("aggregationRule").GetArray("clusterRoleSelectors") ?? [];
        foreach (var selector in selectors.OfType<JsonObject>())
        {
            foreach (var (name, candidate) in roles.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                if (name == role.Name() || !Matches(selector, candidate))
                {
                    continue;
                }

                foreach (var rule in candidate.GetArray("rules") ?? [])
                {
                    if (rule is not null && !rules.Any(existing => JsonNode.DeepEquals(existing, rule)))
                    {
                        rules.Add(rule.DeepClone());
                    }
                }
            }
        }

        return rules;
    }

    /// <summary>Whether any of <paramref name="role"/>'s selectors matches the labels of <paramref name="candidate"/>.</summary>
    public static bool SelectsAny(JsonObject role, JsonObject candidate) =>
        (role.GetObject("aggregationRule").GetArray("clusterRoleSelectors") ?? []).OfType<JsonObject>().Any(s => Matches(s, candidate));

    /// <summary>A <c>metav1.LabelSelector</c> (matchLabels and matchExpressions In/NotIn/Exists/DoesNotExist) against an object's labels.</summary>
    public static bool Matches(JsonObject selector, JsonObject obj)
    {
        var labels = obj.GetObject("metadata").GetObject("labels");
        string? Label(string key) => labels.GetString(key);
        foreach (var (key, value) in selector.GetObject("matchLabels") ?? [])
        {
            if (Label(key) != value?.GetValue<string>())
            {
                return false;
            }
        }

        foreach (var expression in (selector.GetArray("matchExpressions") ?? []).OfType<JsonObject>())
        {
            var actual = Label(expression.GetString("key") ?? "");
            var values = (expression.GetArray("values") ?? []).Select(v => v?.GetValue<string>()).ToList();
            var ok = expression.GetString("operator") switch
            {
                "In" => actual is not null && values.Contains(actual),
                "NotIn" => actual is null || !values.Contains(actual),
                "Exists" => actual is not null,
                "DoesNotExist" => actual is null,
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
