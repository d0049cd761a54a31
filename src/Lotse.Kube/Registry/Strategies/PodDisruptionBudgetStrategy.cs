using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;
using Lotse.Kube.Validation;
using Lotse.Kube.Workloads;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// policy/v1 PodDisruptionBudget (upstream <c>pkg/registry/policy/poddisruptionbudget/strategy.go</c>,
/// <c>ValidatePodDisruptionBudgetSpec</c>): minAvailable or maxUnavailable (an integer or a percentage), a label
/// selector, the unhealthy-pod eviction policy. Status belongs to the status subresource (no disruption controller
/// runs here); <c>metadata.generation</c> moves with the spec.
/// </summary>
public sealed class PodDisruptionBudgetStrategy : KubeStrategy
{
    private static readonly string[] EvictionPolicies = ["AlwaysAllow", "IfHealthyBudget"];

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Min Available", "string", "", "The minimum number of pods that must be available."),
        new("Max Unavailable", "string", "", "The maximum number of pods that may be unavailable."),
        new("Allowed Disruptions", "integer", "", "Calculated number of pods that may be disrupted at this time."),
        TableColumn.AgeColumn,
    ];

    public override void PrepareForCreate(JsonObject obj)
    {
        obj["status"] = new JsonObject { ["disruptionsAllowed"] = 0, ["currentHealthy"] = 0, ["desiredHealthy"] = 0, ["expectedPods"] = 0 };
        obj.Metadata()["generation"] = 1;
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        obj["status"] = old["status"]?.DeepClone();
        obj.BumpGenerationOnChange(old);
    }

    public override void Validate(JsonObject obj, List<FieldError> errors)
    {
        var spec = obj.GetObject("spec");
        var minAvailable = spec?["minAvailable"];
        var maxUnavailable = spec?["maxUnavailable"];
        if (minAvailable is not null && maxUnavailable is not null)
        {
            errors.Add(FieldError.InvalidRaw("spec", GoSpec(spec!), "minAvailable and maxUnavailable cannot be both set"));
        }

        IntOrPercent.Validate(minAvailable, "spec.minAvailable", errors);
        IntOrPercent.Validate(maxUnavailable, "spec.maxUnavailable", errors);
        LabelSelectors.Validate(spec.GetObject("selector"), "spec.selector", errors);
        if (spec.GetString("unhealthyPodEvictionPolicy") is { } policy && !EvictionPolicies.Contains(policy))
        {
            errors.Add(FieldError.NotSupported("spec.unhealthyPodEvictionPolicy", policy, EvictionPolicies));
        }
    }

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        var spec = obj.GetObject("spec");
        cells.Add(obj.Name());
        cells.Add(IntOrString(spec?["minAvailable"]) ?? "N/A");
        cells.Add(IntOrString(spec?["maxUnavailable"]) ?? "N/A");
        cells.Add(obj.GetObject("status").GetInt("disruptionsAllowed") ?? 0);
        cells.Add(HumanDuration.Since(obj.CreationTimestamp(), now));
    }

    /// <summary>The status subresource's update: only status moves, and its counts are not negative.</summary>
    public static void ValidateStatus(JsonObject obj, List<FieldError> errors)
    {
        var status = obj.GetObject("status");
        foreach (var field in new[] { "disruptionsAllowed", "currentHealthy", "desiredHealthy", "expectedPods" })
        {
            if (status.GetInt(field) is < 0 and var value)
            {
                errors.Add(FieldError.InvalidRaw($"status.{field}", value.ToString(CultureInfo.InvariantCulture), "must be greater than or equal to 0"));
            }
        }
    }

    /// <summary>intstr.IntOrString.String(): the integer or the string; null when absent.</summary>
    private static string? IntOrString(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => JsonObjectExtensions.AsInt64(node)?.ToString(CultureInfo.InvariantCulture) ?? node.ToJsonString(),
    };

    /// <summary>The internal spec as Go's <c>%#v</c> prints it (pointers print as addresses upstream; we print a fixed one).</summary>
    private static string GoSpec(JsonObject spec)
    {
        static string Pointer(JsonNode? node, string type) => node is null ? $"({type})(nil)" : $"({type})(0xc000000000)";
        return $"policy.PodDisruptionBudgetSpec{{MinAvailable:{Pointer(spec["minAvailable"], "*intstr.IntOrString")}, Selector:{Pointer(spec["selector"], "*v1.LabelSelector")}, MaxUnavailable:{Pointer(spec["maxUnavailable"], "*intstr.IntOrString")}, UnhealthyPodEvictionPolicy:{Pointer(spec["unhealthyPodEvictionPolicy"], "*policy.UnhealthyPodEvictionPolicyType")}}}";
    }
}
