using System.Globalization;
using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Registry;
using Lotse.Kube.Serialization;

namespace Lotse.Kube.Workloads;

/// <summary>
/// What Deployments and ReplicaSets share (upstream <c>pkg/registry/apps/{deployment,replicaset}/strategy.go</c>): status
/// belongs to the status subresource, <c>metadata.generation</c> starts at 1 and moves only when the spec changes, the
/// selector is required, must match the template's labels and is immutable, replicas are not negative.
/// </summary>
public abstract class ReplicatedWorkloadStrategy : KubeStrategy
{
    /// <summary>
    /// Strategic-merge keys of a workload: the pod's own keys under <c>spec.template</c> (containers by name, …), as
    /// <c>kubectl set image</c> and <c>kubectl patch</c> rely on, and the status conditions by type.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> WorkloadMergeKeys =
        new Dictionary<string, string>(PodTemplates.TemplateMergeKeys) { ["status.conditions"] = "type" };

    public override IReadOnlyDictionary<string, string> PatchMergeKeys => WorkloadMergeKeys;

    /// <summary>The status a new object starts with (what Go serialises for the zero status).</summary>
    protected abstract JsonObject EmptyStatus { get; }

    /// <summary>Kind-specific defaults of the spec (replicas, strategy, …), applied on create and update.</summary>
    protected abstract void DefaultSpec(JsonObject spec);

    /// <summary>The kind as the empty-selector message names it (upstream says "deployment" for ReplicaSets too).</summary>
    protected virtual string SelectorOwner => "deployment";

    /// <summary>The kind as the pod template's activeDeadlineSeconds message names it.</summary>
    protected virtual string TemplateOwner => "ReplicaSet";

    /// <summary>Kind-specific checks run before the shared ones (upstream's order for StatefulSets), not after.</summary>
    protected virtual bool KindChecksFirst => false;

    /// <summary>Kind-specific spec checks beyond the shared ones.</summary>
    protected virtual void ValidateSpec(JsonObject spec, List<FieldError> errors)
    {
    }

    public override void PrepareForCreate(JsonObject obj)
    {
        obj["status"] = EmptyStatus;
        obj.Metadata()["generation"] = 1;
        ApplyDefaults(obj);
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        obj["status"] = old["status"]?.DeepClone();
        ApplyDefaults(obj);
        obj.BumpGenerationOnChange(old);
    }

    /// <summary>The status subresource's update: only status moves; spec (and so generation) stay as stored.</summary>
    public static void PrepareForStatusUpdate(JsonObject obj, JsonObject old) => obj["spec"] = old["spec"]?.DeepClone();

    public override void Validate(JsonObject obj, List<FieldError> errors)
    {
        var spec = obj.GetObject("spec");
        if (KindChecksFirst && spec is not null)
        {
            ValidateSpec(spec, errors);
        }

        NonNegative(spec, "replicas", errors);
        NonNegative(spec, "minReadySeconds", errors);
        var selector = spec.GetObject("selector");
        if (selector is null)
        {
            errors.Add(FieldError.Required("spec.selector", ""));
        }
        else if (LabelSelectors.IsEmpty(selector))
        {
            errors.Add(FieldError.InvalidRaw("spec.selector", LabelSelectors.GoSelector(selector), $"empty selector is invalid for {SelectorOwner}"));
        }

        PodTemplates.Validate(spec.GetObject("template"), selector, "spec.template", errors, TemplateOwner);
        if (!KindChecksFirst && spec is not null)
        {
            ValidateSpec(spec, errors);
        }
    }

    public override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        Validate(obj, errors);
        ValidateSpecUpdate(obj.GetObject("spec"), old.GetObject("spec"), errors);
    }

    /// <summary>What may not change on update; by default the selector ("field is immutable").</summary>
    protected virtual void ValidateSpecUpdate(JsonObject? spec, JsonObject? oldSpec, List<FieldError> errors)
    {
        var selector = spec.GetObject("selector");
        if (selector is not null && !JsonNode.DeepEquals(selector, oldSpec.GetObject("selector")))
        {
            errors.Add(FieldError.InvalidRaw("spec.selector", LabelSelectors.GoSelector(selector), "field is immutable"));
        }
    }

    /// <summary>apimachinery ValidateNonnegativeField for an optional integer of the spec.</summary>
    protected static void NonNegative(JsonObject? spec, string field, List<FieldError> errors)
    {
        if (spec.GetInt(field) is < 0 and var value)
        {
            errors.Add(FieldError.InvalidRaw($"spec.{field}", value.ToString(CultureInfo.InvariantCulture), "must be greater than or equal to 0"));
        }
    }

    protected static long Int(JsonObject? obj, string field) => obj.GetInt(field) ?? 0;

    private void ApplyDefaults(JsonObject obj)
    {
        if (obj["spec"] is not JsonObject spec)
        {
            spec = new JsonObject();
            obj["spec"] = spec;
        }

        DefaultSpec(spec);
        PodTemplates.ApplyDefaults(spec.GetObject("template"));
    }
}
