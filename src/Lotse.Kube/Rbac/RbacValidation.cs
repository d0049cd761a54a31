using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Validation;

namespace Lotse.Kube.Rbac;

/// <summary>Upstream <c>pkg/apis/rbac/validation</c> (<c>ValidatePolicyRule</c>, <c>ValidateRoleBinding</c>, …) with its messages verbatim.</summary>
public static class RbacValidation
{
    public static void ValidateRules(JsonObject role, bool namespaced, List<FieldError> errors)
    {
        var index = 0;
        foreach (var node in role.GetArray("rules") ?? [])
        {
            var path = $"rules[{index++}]";
            var rule = node as JsonObject ?? [];
            var parsed = RbacPolicyRule.FromJson(rule);
            if (parsed.Verbs.Length == 0)
            {
                errors.Add(FieldError.Required($"{path}.verbs", "verbs must contain at least one value"));
            }

            if (parsed.NonResourceUrls.Length > 0)
            {
                var urls = GoStringSlice(parsed.NonResourceUrls);
                if (namespaced)
                {
                    errors.Add(FieldError.InvalidRaw($"{path}.nonResourceURLs", urls, "namespaced rules cannot apply to non-resource URLs"));
                }

                if (parsed.ApiGroups.Length > 0 || parsed.Resources.Length > 0 || parsed.ResourceNames.Length > 0)
                {
                    errors.Add(FieldError.InvalidRaw($"{path}.nonResourceURLs", urls, "rules cannot apply to both regular resources and non-resource URLs"));
                }

                continue;
            }

            if (parsed.ApiGroups.Length == 0)
            {
                errors.Add(FieldError.Required($"{path}.apiGroups", "resource rules must supply at least one api group"));
            }

            if (parsed.Resources.Length == 0)
            {
                errors.Add(FieldError.Required($"{path}.resources", "resource rules must supply at least one resource"));
            }
        }
    }

    public static void ValidateAggregationRule(JsonObject role, List<FieldError> errors)
    {
        if (role["aggregationRule"] is not JsonObject aggregation)
        {
            return;
        }

        var selectors = aggregation.GetArray("clusterRoleSelectors");
        if (selectors is not { Count: > 0 })
        {
            errors.Add(FieldError.Required("aggregationRule.clusterRoleSelectors", "at least one clusterRoleSelector required if aggregationRule is non-nil"));
            return;
        }

        var index = 0;
        foreach (var selector in selectors)
        {
            var path = $"aggregationRule.clusterRoleSelectors[{index++}]";
            foreach (var (key, value) in (selector as JsonObject).GetObject("matchLabels") ?? [])
            {
                foreach (var msg in NameRules.IsQualifiedName(key))
                {
                    errors.Add(FieldError.Invalid($"{path}.matchLabels", key, msg));
                }

                var text = value?.GetValue<string>() ?? "";
                foreach (var msg in NameRules.IsLabelValue(text))
                {
                    errors.Add(FieldError.Invalid($"{path}.matchLabels", text, msg));
                }
            }

            var expressionIndex = 0;
            foreach (var expression in ((selector as JsonObject).GetArray("matchExpressions") ?? []).OfType<JsonObject>())
            {
                var expressionPath = $"{path}.matchExpressions[{expressionIndex++}]";
                var op = expression.GetString("operator") ?? "";
                var values = expression.GetArray("values")?.Count ?? 0;
                switch (op)
                {
                    case "In" or "NotIn" when values == 0:
                        errors.Add(FieldError.Required($"{expressionPath}.values", "must be specified when `operator` is 'In' or 'NotIn'"));
                        break;
                    case "Exists" or "DoesNotExist" when values > 0:
                        errors.Add(FieldError.Forbidden($"{expressionPath}.values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                        break;
                    case "In" or "NotIn" or "Exists" or "DoesNotExist":
                        break;
                    default:
                        errors.Add(FieldError.Invalid($"{expressionPath}.operator", op, "not a valid selector operator"));
                        break;
                }
            }
        }
    }

    /// <summary><c>roleRef</c> of a RoleBinding (<paramref name="namespaced"/>) or ClusterRoleBinding.</summary>
    public static void ValidateRoleRef(JsonObject binding, bool namespaced, List<FieldError> errors)
    {
        var roleRef = binding.GetObject("roleRef");
        var apiGroup = roleRef.GetString("apiGroup") ?? "";
        if (apiGroup != BootstrapPolicy.Group)
        {
            errors.Add(FieldError.NotSupported("roleRef.apiGroup", apiGroup, [BootstrapPolicy.Group]));
        }

        var kind = roleRef.GetString("kind") ?? "";
        string[] kinds = namespaced ? ["Role", "ClusterRole"] : ["ClusterRole"];
        if (!kinds.Contains(kind))
        {
            errors.Add(FieldError.NotSupported("roleRef.kind", kind, kinds));
        }

        var name = roleRef.GetString("name") ?? "";
        if (name.Length == 0)
        {
            errors.Add(FieldError.Required("roleRef.name", ""));
        }
        else
        {
            foreach (var msg in NameRules.IsValidPathSegmentName(name))
            {
                errors.Add(FieldError.Invalid("roleRef.name", name, msg));
            }
        }
    }

    public static void ValidateSubjects(JsonObject binding, bool namespaced, List<FieldError> errors)
    {
        var index = 0;
        foreach (var node in binding.GetArray("subjects") ?? [])
        {
            var path = $"subjects[{index++}]";
            var subject = node as JsonObject ?? [];
            var name = subject.GetString("name") ?? "";
            var apiGroup = subject.GetString("apiGroup") ?? "";
            if (name.Length == 0)
            {
                errors.Add(FieldError.Required($"{path}.name", ""));
            }

            switch (subject.GetString("kind") ?? "")
            {
                case RbacSubject.ServiceAccountKind:
                    if (name.Length > 0)
                    {
                        foreach (var msg in NameRules.IsDns1123Subdomain(name))
                        {
                            errors.Add(FieldError.Invalid($"{path}.name", name, msg));
                        }
                    }

                    if (apiGroup.Length > 0)
                    {
                        errors.Add(FieldError.NotSupported($"{path}.apiGroup", apiGroup, [""]));
                    }

                    if (!namespaced && string.IsNullOrEmpty(subject.GetString("namespace")))
                    {
                        errors.Add(FieldError.Required($"{path}.namespace", ""));
                    }

                    break;
                case RbacSubject.UserKind or RbacSubject.GroupKind:
                    if (apiGroup != BootstrapPolicy.Group)
                    {
                        errors.Add(FieldError.NotSupported($"{path}.apiGroup", apiGroup, [BootstrapPolicy.Group]));
                    }

                    break;
                case var other:
                    errors.Add(FieldError.NotSupported($"{path}.kind", other, [RbacSubject.ServiceAccountKind, RbacSubject.UserKind, RbacSubject.GroupKind]));
                    break;
            }
        }
    }

    /// <summary><c>ValidateRoleBindingUpdate</c>: the role a binding refers to can never change.</summary>
    public static void ValidateRoleRefUnchanged(JsonObject binding, JsonObject old, List<FieldError> errors)
    {
        var roleRef = binding.GetObject("roleRef");
        if (JsonNode.DeepEquals(roleRef, old.GetObject("roleRef")))
        {
            return;
        }

        var rendered = $"rbac.RoleRef{{APIGroup:{RbacPolicyRule.GoQuote(roleRef.GetString("apiGroup") ?? "")}, Kind:{RbacPolicyRule.GoQuote(roleRef.GetString("kind") ?? "")}, Name:{RbacPolicyRule.GoQuote(roleRef.GetString("name") ?? "")}}}";
        errors.Add(FieldError.InvalidRaw("roleRef", rendered, "cannot change roleRef"));
    }

    /// <summary>v1 defaulting (<c>SetDefaults_RoleBinding</c>, <c>SetDefaults_Subject</c>): roleRef and User/Group subjects default to the RBAC group.</summary>
    public static void DefaultBinding(JsonObject binding)
    {
        if (binding.GetObject("roleRef") is { } roleRef && string.IsNullOrEmpty(roleRef.GetString("apiGroup")))
        {
            roleRef["apiGroup"] = BootstrapPolicy.Group;
        }

        foreach (var subject in (binding.GetArray("subjects") ?? []).OfType<JsonObject>())
        {
            if (string.IsNullOrEmpty(subject.GetString("apiGroup")) && subject.GetString("kind") is RbacSubject.UserKind or RbacSubject.GroupKind)
            {
                subject["apiGroup"] = BootstrapPolicy.Group;
            }
        }
    }

    /// <summary>Go's <c>%#v</c> of a <c>[]string</c>, as field errors render a list value: <c>[]string{"/a", "/b"}</c>.</summary>
    private static string GoStringSlice(IEnumerable<string> values) => "[]string{" + string.Join(", ", values.Select(RbacPolicyRule.GoQuote)) + "}";
}
