using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;
using Lotse.Kube.Validation;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// autoscaling/v2 HorizontalPodAutoscaler (upstream <c>pkg/registry/autoscaling/horizontalpodautoscaler/strategy.go</c>,
/// autoscaling/v2 SetDefaults_HorizontalPodAutoscaler and ValidateHorizontalPodAutoscaler with HPAScaleToZero off).
/// Stored only: no autoscaler acts on it, so its status is what the status subresource sets.
/// </summary>
public sealed class HorizontalPodAutoscalerStrategy : KubeStrategy
{
    /// <summary>Upstream's limits for behavior rules.</summary>
    private const long MaxStabilizationWindowSeconds = 3600;

    private const long MaxPeriodSeconds = 1800;

    /// <summary>The metric source types as upstream's sorted set lists them.</summary>
    private static readonly string[] MetricSourceTypes = ["ContainerResource", "External", "Object", "Pods", "Resource"];

    private static readonly string[] SelectPolicies = ["Disabled", "Max", "Min"];

    private static readonly string[] PolicyTypes = ["Percent", "Pods"];

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Reference", "string", "", "scaleTargetRef points to the target resource to scale, and is used to the pods for which metrics should be collected, as well as to actually change the replica count."),
        new("Targets", "string", "", "metrics contains the specifications for which to use to calculate the desired replica count (the maximum replica count across all metrics will be used).  The desired replica count is calculated multiplying the ratio between the target value and the current value by the current number of pods.  Ergo, metrics used must decrease as the pod count is increased, and vice-versa.  See the individual metric source types for more information about how each type of metric must respond. If not set, the default metric will be set to 80% average CPU utilization."),
        new("MinPods", "string", "", "minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down.  It defaults to 1 pod.  minReplicas is allowed to be 0 if the alpha feature gate HPAScaleToZero is enabled and at least one Object or External metric is configured.  Scaling is active as long as at least one metric value is available."),
        new("MaxPods", "string", "", "maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up. It cannot be less that minReplicas."),
        new("Replicas", "string", "", "currentReplicas is current number of replicas of pods managed by this autoscaler, as last seen by the autoscaler."),
        TableColumn.AgeColumn,
    ];

    public override IReadOnlyDictionary<string, string> PatchMergeKeys { get; } =
        new Dictionary<string, string>(Patch.StrategicMergePatch.CommonMergeKeys) { ["status.conditions"] = "type" };

    public override string? DecodeError(JsonObject obj) =>
        PriorityClassStrategy.Int32DecodeError(obj.GetObject("spec")?["minReplicas"], "HorizontalPodAutoscaler.spec.minReplicas")
        ?? PriorityClassStrategy.Int32DecodeError(obj.GetObject("spec")?["maxReplicas"], "HorizontalPodAutoscaler.spec.maxReplicas")
        ?? WrongKind(obj.GetObject("spec")?["metrics"], JsonValueKind.Array, "spec.metrics", "[]v2.MetricSpec")
        ?? WrongKind(obj.GetObject("spec")?["behavior"], JsonValueKind.Object, "spec.behavior", "v2.HorizontalPodAutoscalerBehavior");

    /// <summary><c>status.desiredReplicas</c> has no omitempty.</summary>
    public override void PrepareForCreate(JsonObject obj)
    {
        obj["status"] = new JsonObject { ["desiredReplicas"] = 0 };
        ApplyDefaults(obj);
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        obj["status"] = old["status"]?.DeepClone();
        ApplyDefaults(obj);
    }

    public override void Validate(JsonObject obj, List<FieldError> errors) => ValidateSpec(obj.GetObject("spec"), minReplicasLowerBound: 1, errors);

    /// <summary>An autoscaler that already has minReplicas 0 may keep it (upstream ValidateHorizontalPodAutoscalerUpdate).</summary>
    public override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors) =>
        ValidateSpec(obj.GetObject("spec"), old.GetObject("spec").GetInt("minReplicas") == 0 ? 0 : 1, errors);

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        var spec = obj.GetObject("spec");
        var target = spec.GetObject("scaleTargetRef");
        cells.Add(obj.Name());
        cells.Add($"{target.GetString("kind")}/{target.GetString("name")}");
        cells.Add(FormatMetrics(spec.GetArray("metrics"), obj.GetObject("status").GetArray("currentMetrics")));
        cells.Add(spec.GetInt("minReplicas") is { } min ? min.ToString(CultureInfo.InvariantCulture) : "<unset>");
        cells.Add(spec.GetInt("maxReplicas") ?? 0);
        cells.Add(obj.GetObject("status").GetInt("currentReplicas") ?? 0);
        cells.Add(HumanDuration.Since(obj.CreationTimestamp(), now));
    }

    /// <summary>The TARGETS cell (upstream formatHPAMetrics): "current/target" per metric, at most two, then "+ N more...".</summary>
    public static string FormatMetrics(JsonArray? specs, JsonArray? statuses)
    {
        if (specs is null || specs.Count == 0)
        {
            return "<none>";
        }

        const int Shown = 2;
        var list = new List<string>();
        for (var i = 0; i < specs.Count; i++)
        {
            var spec = specs[i] as JsonObject;
            var status = statuses is not null && statuses.Count > i ? statuses[i] as JsonObject : null;
            list.Add(FormatMetric(spec, status));
        }

        var text = string.Join(", ", list.Take(Shown));
        return list.Count > Shown ? $"{text} + {list.Count - Shown} more..." : text;
    }

    private static string FormatMetric(JsonObject? spec, JsonObject? status)
    {
        const string Unknown = "<unknown>";
        switch (spec.GetString("type"))
        {
            case "External" or "Object":
                {
                    var field = spec.GetString("type") == "External" ? "external" : "object";
                    var target = spec.GetObject(field).GetObject("target");
                    var current = status.GetObject(field).GetObject("current");
                    if (target?["averageValue"] is { } average)
                    {
                        return $"{Quantity(current?["averageValue"]) ?? Unknown}/{Quantity(average)} (avg)";
                    }

                    return $"{(status.GetObject(field) is null ? Unknown : Quantity(current?["value"]) ?? "0")}/{Quantity(target?["value"]) ?? "0"}";
                }

            case "Pods":
                {
                    var current = status.GetObject("pods") is null ? Unknown : Quantity(status.GetObject("pods").GetObject("current")?["averageValue"]) ?? "0";
                    return $"{current}/{Quantity(spec.GetObject("pods").GetObject("target")?["averageValue"]) ?? "0"}";
                }

            case "Resource" or "ContainerResource":
                {
                    var field = spec.GetString("type") == "Resource" ? "resource" : "containerResource";
                    var source = spec.GetObject(field);
                    var target = source.GetObject("target");
                    var current = status.GetObject(field);
                    if (target?["averageValue"] is { } average)
                    {
                        var value = current is null ? Unknown : Quantity(current.GetObject("current")?["averageValue"]) ?? "0";
                        return $"{source.GetString("name")}: {value}/{Quantity(average)}";
                    }

                    var utilization = current.GetObject("current").GetInt("averageUtilization") is { } used ? $"{used}%" : Unknown;
                    var wanted = target.GetInt("averageUtilization") is { } goal ? $"{goal}%" : "<auto>";
                    return $"{source.GetString("name")}: {utilization}/{wanted}";
                }

            default:
                return "<unknown type>";
        }
    }

    private static void ApplyDefaults(JsonObject obj)
    {
        if (obj["spec"] is not JsonObject spec)
        {
            spec = [];
            obj["spec"] = spec;
        }

        spec["minReplicas"] ??= 1;
        if (spec.GetArray("metrics") is not { Count: > 0 })
        {
            spec["metrics"] = new JsonArray(new JsonObject
            {
                ["type"] = "Resource",
                ["resource"] = new JsonObject { ["name"] = "cpu", ["target"] = new JsonObject { ["type"] = "Utilization", ["averageUtilization"] = 80 } },
            });
        }

        if (spec["behavior"] is JsonObject behavior)
        {
            // Go writes scaleUp before scaleDown.
            spec["behavior"] = new JsonObject
            {
                ["scaleUp"] = DefaultRules(behavior.GetObject("scaleUp"), new JsonObject
                {
                    ["stabilizationWindowSeconds"] = 0,
                    ["selectPolicy"] = "Max",
                    ["policies"] = new JsonArray(Policy("Pods", 4), Policy("Percent", 100)),
                }),
                ["scaleDown"] = DefaultRules(behavior.GetObject("scaleDown"), new JsonObject
                {
                    ["selectPolicy"] = "Max",
                    ["policies"] = new JsonArray(Policy("Percent", 100)),
                }),
            };
        }
    }

    /// <summary>Upstream copyHPAScalingRules: the given fields over the defaults (absent scale-down window stays absent).</summary>
    private static JsonObject DefaultRules(JsonObject? given, JsonObject defaults)
    {
        var rules = new JsonObject();
        foreach (var field in new[] { "stabilizationWindowSeconds", "selectPolicy", "policies" })
        {
            if ((given?[field] ?? defaults[field]) is { } value)
            {
                rules[field] = value.DeepClone();
            }
        }

        return rules;
    }

    private static JsonObject Policy(string type, int value) => new() { ["type"] = type, ["value"] = value, ["periodSeconds"] = 15 };

    private static void ValidateSpec(JsonObject? spec, int minReplicasLowerBound, List<FieldError> errors)
    {
        var min = spec.GetInt("minReplicas");
        var max = spec.GetInt("maxReplicas") ?? 0;
        if (min < minReplicasLowerBound)
        {
            errors.Add(FieldError.InvalidRaw("spec.minReplicas", Number(min.Value), $"must be greater than or equal to {minReplicasLowerBound}"));
        }

        if (max < 1)
        {
            errors.Add(FieldError.InvalidRaw("spec.maxReplicas", Number(max), "must be greater than 0"));
        }

        if (min is { } lower && max < lower)
        {
            errors.Add(FieldError.InvalidRaw("spec.maxReplicas", Number(max), "must be greater than or equal to `minReplicas`"));
        }

        ValidateReference(spec.GetObject("scaleTargetRef"), "spec.scaleTargetRef", errors);
        var metrics = spec.GetArray("metrics")?.OfType<JsonObject>().ToList() ?? [];
        for (var i = 0; i < metrics.Count; i++)
        {
            ValidateMetric(metrics[i], $"spec.metrics[{i}]", errors);
        }

        if (min == 0 && !metrics.Any(m => m.GetString("type") is "Object" or "External"))
        {
            errors.Add(FieldError.Forbidden("spec.metrics", "must specify at least one Object or External metric to support scaling to zero replicas"));
        }

        if (spec.GetObject("behavior") is { } behavior)
        {
            ValidateRules(behavior.GetObject("scaleUp"), "spec.behavior.scaleUp", errors);
            ValidateRules(behavior.GetObject("scaleDown"), "spec.behavior.scaleDown", errors);
        }
    }

    private static void ValidateReference(JsonObject? reference, string path, List<FieldError> errors)
    {
        foreach (var field in new[] { "kind", "name" })
        {
            var value = reference.GetString(field) ?? "";
            if (value.Length == 0)
            {
                errors.Add(FieldError.Required($"{path}.{field}", ""));
                continue;
            }

            foreach (var message in NameRules.IsValidPathSegmentName(value))
            {
                errors.Add(FieldError.Invalid($"{path}.{field}", value, message));
            }
        }
    }

    private static void ValidateMetric(JsonObject metric, string path, List<FieldError> errors)
    {
        var type = metric.GetString("type") ?? "";
        if (type.Length == 0)
        {
            errors.Add(FieldError.Required($"{path}.type", "must specify a metric source type"));
        }

        if (!MetricSourceTypes.Contains(type))
        {
            errors.Add(FieldError.NotSupported($"{path}.type", type, MetricSourceTypes));
        }

        var present = new List<string>();
        foreach (var source in new[] { "object", "external", "pods", "resource", "containerResource" })
        {
            if (metric.GetObject(source) is not { } value)
            {
                continue;
            }

            present.Add(source);
            if (present.Count == 1)
            {
                ValidateSource(source, value, $"{path}.{source}", errors);
            }
        }

        var expected = type.Length == 0 ? "" : char.ToLowerInvariant(type[0]) + type[1..];
        if (MetricSourceTypes.Contains(type) && !present.Contains(expected))
        {
            errors.Add(FieldError.Required($"{path}.{expected}", "must populate information for the given metric source"));
        }

        if (present.Count > 1)
        {
            foreach (var extra in present.Where(p => p != expected))
            {
                errors.Add(FieldError.Forbidden($"{path}.{extra}", "must populate the given metric source only"));
            }
        }
    }

    private static void ValidateSource(string source, JsonObject value, string path, List<FieldError> errors)
    {
        var target = value.GetObject("target");
        var targetPath = $"{path}.target";
        switch (source)
        {
            case "object":
                ValidateReference(value.GetObject("describedObject"), $"{path}.describedObject", errors);
                ValidateMetricName(value.GetObject("metric"), $"{path}.metric", errors);
                ValidateTarget(target, targetPath, errors);
                if (target?["value"] is null && target?["averageValue"] is null)
                {
                    errors.Add(FieldError.Required($"{targetPath}.averageValue", "must set either a target value or averageValue"));
                }

                break;
            case "external":
                ValidateMetricName(value.GetObject("metric"), $"{path}.metric", errors);
                ValidateTarget(target, targetPath, errors);
                if (target?["value"] is null && target?["averageValue"] is null)
                {
                    errors.Add(FieldError.Required($"{targetPath}.averageValue", "must set either a target value for metric or a per-pod target"));
                }

                if (target?["value"] is not null && target["averageValue"] is not null)
                {
                    errors.Add(FieldError.Forbidden($"{targetPath}.value", "may not set both a target value for metric and a per-pod target"));
                }

                break;
            case "pods":
                ValidateMetricName(value.GetObject("metric"), $"{path}.metric", errors);
                ValidateTarget(target, targetPath, errors);
                if (target?["averageValue"] is null)
                {
                    errors.Add(FieldError.Required($"{targetPath}.averageValue", "must specify a positive target averageValue"));
                }

                break;
            default:
                if (string.IsNullOrEmpty(value.GetString("name")))
                {
                    errors.Add(FieldError.Required($"{path}.name", "must specify a resource name"));
                }

                if (source == "containerResource")
                {
                    var container = value.GetString("container") ?? "";
                    if (container.Length == 0)
                    {
                        errors.Add(FieldError.Required($"{path}.container", "must specify a container"));
                    }
                    else
                    {
                        foreach (var message in NameRules.IsDns1123Label(container))
                        {
                            errors.Add(FieldError.Invalid($"{path}.container", container, message));
                        }
                    }
                }

                ValidateTarget(target, targetPath, errors);
                if (target?["averageUtilization"] is null && target?["averageValue"] is null)
                {
                    errors.Add(FieldError.Required($"{targetPath}.averageUtilization", "must set either a target raw value or a target utilization"));
                }

                if (target?["averageUtilization"] is not null && target["averageValue"] is not null)
                {
                    errors.Add(FieldError.Forbidden($"{targetPath}.averageValue", "may not set both a target raw value and a target utilization"));
                }

                break;
        }
    }

    private static void ValidateMetricName(JsonObject? metric, string path, List<FieldError> errors)
    {
        var name = metric.GetString("name") ?? "";
        if (name.Length == 0)
        {
            errors.Add(FieldError.Required($"{path}.name", "must specify a metric name"));
            return;
        }

        foreach (var message in NameRules.IsValidPathSegmentName(name))
        {
            errors.Add(FieldError.Invalid($"{path}.name", name, message));
        }
    }

    private static void ValidateTarget(JsonObject? target, string path, List<FieldError> errors)
    {
        var type = target.GetString("type") ?? "";
        if (type.Length == 0)
        {
            errors.Add(FieldError.Required($"{path}.type", "must specify a metric target type"));
        }

        if (type is not ("Utilization" or "Value" or "AverageValue"))
        {
            errors.Add(FieldError.Invalid($"{path}.type", type, "must be either Utilization, Value, or AverageValue"));
        }

        foreach (var field in new[] { "value", "averageValue" })
        {
            if (target?[field] is { } quantity && QuantitySign(quantity) != 1)
            {
                errors.Add(FieldError.InvalidRaw($"{path}.{field}", Quantity(quantity) ?? "", "must be positive"));
            }
        }

        if (target.GetInt("averageUtilization") is < 1 and var utilization)
        {
            errors.Add(FieldError.InvalidRaw($"{path}.averageUtilization", Number(utilization), "must be greater than 0"));
        }
    }

    private static void ValidateRules(JsonObject? rules, string path, List<FieldError> errors)
    {
        if (rules is null)
        {
            return;
        }

        switch (rules.GetInt("stabilizationWindowSeconds"))
        {
            case < 0 and var window:
                errors.Add(FieldError.InvalidRaw($"{path}.stabilizationWindowSeconds", Number(window), "must be greater than or equal to zero"));
                break;
            case > MaxStabilizationWindowSeconds and var window:
                errors.Add(FieldError.InvalidRaw($"{path}.stabilizationWindowSeconds", Number(window), $"must be less than or equal to {MaxStabilizationWindowSeconds}"));
                break;
        }

        if (rules.GetString("selectPolicy") is { } select && !SelectPolicies.Contains(select))
        {
            errors.Add(FieldError.NotSupported($"{path}.selectPolicy", select, SelectPolicies));
        }

        var policies = rules.GetArray("policies")?.OfType<JsonObject>().ToList() ?? [];
        if (policies.Count == 0)
        {
            errors.Add(FieldError.Required($"{path}.policies", "must specify at least one Policy"));
        }

        for (var i = 0; i < policies.Count; i++)
        {
            var policyPath = $"{path}.policies[{i}]";
            var type = policies[i].GetString("type") ?? "";
            if (!PolicyTypes.Contains(type))
            {
                errors.Add(FieldError.NotSupported($"{policyPath}.type", type, PolicyTypes));
            }

            var value = policies[i].GetInt("value") ?? 0;
            if (value <= 0)
            {
                errors.Add(FieldError.InvalidRaw($"{policyPath}.value", Number(value), "must be greater than zero"));
            }

            var period = policies[i].GetInt("periodSeconds") ?? 0;
            if (period <= 0)
            {
                errors.Add(FieldError.InvalidRaw($"{policyPath}.periodSeconds", Number(period), "must be greater than zero"));
            }

            if (period > MaxPeriodSeconds)
            {
                errors.Add(FieldError.InvalidRaw($"{policyPath}.periodSeconds", Number(period), $"must be less than or equal to {MaxPeriodSeconds}"));
            }
        }
    }

    /// <summary>A resource.Quantity as written (string or number); null when absent.</summary>
    private static string? Quantity(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    /// <summary>The sign of a quantity: its number before any suffix (-1, 0 or 1).</summary>
    private static int QuantitySign(JsonNode node)
    {
        var text = (Quantity(node) ?? "").Trim();
        var end = 0;
        while (end < text.Length && (char.IsDigit(text[end]) || text[end] is '+' or '-' or '.'))
        {
            end++;
        }

        return decimal.TryParse(text[..end], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            ? Math.Sign(number)
            : 0;
    }

    /// <summary>Go's decode error for a list or struct field holding another JSON type (null decodes as absent).</summary>
    private static string? WrongKind(JsonNode? node, JsonValueKind expected, string path, string goType)
    {
        var kind = node?.GetValueKind() ?? JsonValueKind.Null;
        if (kind == expected || kind == JsonValueKind.Null)
        {
            return null;
        }

        var goKind = kind switch
        {
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "bool",
            JsonValueKind.Array => "array",
            JsonValueKind.Object => "object",
            _ => "string",
        };
        return $"json: cannot unmarshal {goKind} into Go struct field HorizontalPodAutoscaler.{path} of type {goType}";
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
