using System.Text;
using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Validation;

namespace Lotse.Kube.Workloads;

/// <summary>
/// <c>metav1.LabelSelector</c> as the workload kinds use it: matching a label set, the selector string kubectl prints
/// (and Scale's <c>status.selector</c>), and the Go rendering validation messages quote.
/// </summary>
public static class LabelSelectors
{
    /// <summary>True when the selector has neither matchLabels nor matchExpressions (it would select everything).</summary>
    public static bool IsEmpty(JsonObject? selector) =>
        selector.GetObject("matchLabels").CountProperties() == 0 && (selector.GetArray("matchExpressions")?.Count ?? 0) == 0;

    public static bool Matches(JsonObject? selector, JsonObject? labels)
    {
        foreach (var (key, value) in selector.GetObject("matchLabels") ?? [])
        {
            if (labels.GetString(key) != value?.ToString())
            {
                return false;
            }
        }

        foreach (var requirement in Requirements(selector))
        {
            var present = labels?.ContainsKey(requirement.Key) == true;
            var value = labels.GetString(requirement.Key);
            var ok = requirement.Operator switch
            {
                "In" => present && requirement.Values.Contains(value),
                "NotIn" => !present || !requirement.Values.Contains(value),
                "Exists" => present,
                "DoesNotExist" => !present,
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>apimachinery's <c>labels.Selector.String()</c>: requirements sorted by key, "&lt;none&gt;" when empty.</summary>
    public static string Format(JsonObject? selector)
    {
        var parts = new List<(string Key, string Text)>();
        foreach (var (key, value) in selector.GetObject("matchLabels") ?? [])
        {
            parts.Add((key, $"{key}={value}"));
        }

        foreach (var r in Requirements(selector))
        {
            var values = string.Join(",", r.Values.Order(StringComparer.Ordinal));
            parts.Add((r.Key, r.Operator switch
            {
                "In" => $"{r.Key} in ({values})",
                "NotIn" => $"{r.Key} notin ({values})",
                "Exists" => r.Key,
                "DoesNotExist" => "!" + r.Key,
                _ => r.Key,
            }));
        }

        return parts.Count == 0 ? "<none>" : string.Join(",", parts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Text));
    }

    /// <summary>A label map as Go's <c>%#v</c> prints a <c>map[string]string</c> (keys sorted).</summary>
    public static string GoMap(JsonObject? labels)
    {
        if (labels is null)
        {
            return "map[string]string(nil)";
        }

        var sb = new StringBuilder("map[string]string{");
        var first = true;
        foreach (var (key, value) in labels.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            sb.Append(first ? "" : ", ").Append(GoQuote(key)).Append(':').Append(GoQuote(value?.ToString() ?? ""));
            first = false;
        }

        return sb.Append('}').ToString();
    }

    /// <summary>A selector as Go's <c>%#v</c> prints a <c>v1.LabelSelector</c>, as "field is immutable" quotes it.</summary>
    public static string GoSelector(JsonObject? selector)
    {
        var sb = new StringBuilder("v1.LabelSelector{MatchLabels:").Append(GoMap(selector.GetObject("matchLabels"))).Append(", MatchExpressions:");
        var requirements = Requirements(selector).ToList();
        if (selector.GetArray("matchExpressions") is null)
        {
            sb.Append("[]v1.LabelSelectorRequirement(nil)");
        }
        else
        {
            sb.Append("[]v1.LabelSelectorRequirement{");
            sb.AppendJoin(", ", requirements.Select(r =>
                $"v1.LabelSelectorRequirement{{Key:{GoQuote(r.Key)}, Operator:{GoQuote(r.Operator)}, Values:{(r.Values.Count == 0 ? "[]string(nil)" : "[]string{" + string.Join(", ", r.Values.Select(GoQuote)) + "}")}}}"));
            sb.Append('}');
        }

        return sb.Append('}').ToString();
    }

    private static IEnumerable<(string Key, string Operator, List<string?> Values)> Requirements(JsonObject? selector) =>
        (selector.GetArray("matchExpressions")?.OfType<JsonObject>() ?? []).Select(e => (
            e.GetString("key") ?? "",
            e.GetString("operator") ?? "",
            e.GetArray("values")?.Select(v => v?.ToString()).ToList() ?? []));

    private static string GoQuote(string? text) =>
        "\"" + (text ?? "").Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>apimachinery ValidateLabelSelector (label values in expressions must be valid label values).</summary>
    public static void Validate(JsonObject? selector, string path, List<FieldError> errors)
    {
        foreach (var (key, value) in selector.GetObject("matchLabels") ?? [])
        {
            foreach (var msg in NameRules.IsQualifiedName(key))
            {
                errors.Add(FieldError.Invalid($"{path}.matchLabels", key, msg));
            }

            var text = value?.ToString() ?? "";
            foreach (var msg in NameRules.IsLabelValue(text))
            {
                errors.Add(FieldError.Invalid($"{path}.matchLabels", text, msg));
            }
        }

        var index = 0;
        foreach (var expression in (selector.GetArray("matchExpressions") ?? []).OfType<JsonObject>())
        {
            var expressionPath = $"{path}.matchExpressions[{index++}]";
            var op = expression.GetString("operator") ?? "";
            var values = expression.GetArray("values") ?? [];
            switch (op)
            {
                case "In" or "NotIn" when values.Count == 0:
                    errors.Add(FieldError.Required($"{expressionPath}.values", "must be specified when `operator` is 'In' or 'NotIn'"));
                    break;
                case "Exists" or "DoesNotExist" when values.Count > 0:
                    errors.Add(FieldError.Forbidden($"{expressionPath}.values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                    break;
                case "In" or "NotIn" or "Exists" or "DoesNotExist":
                    break;
                default:
                    errors.Add(FieldError.Invalid($"{expressionPath}.operator", op, "not a valid selector operator"));
                    break;
            }

            var key = expression.GetString("key") ?? "";
            foreach (var msg in NameRules.IsQualifiedName(key))
            {
                errors.Add(FieldError.Invalid($"{expressionPath}.key", key, msg));
            }

            for (var i = 0; i < values.Count; i++)
            {
                var text = values[i]?.ToString() ?? "";
                foreach (var msg in NameRules.IsLabelValue(text))
                {
                    errors.Add(FieldError.Invalid($"{expressionPath}.values[{i}]", text, msg));
                }
            }
        }
    }
}
