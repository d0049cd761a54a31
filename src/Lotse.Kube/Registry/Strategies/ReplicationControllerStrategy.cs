using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;
using Lotse.Kube.Validation;
using Lotse.Kube.Workloads;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// core/v1 ReplicationController (upstream <c>pkg/registry/core/replicationcontroller/strategy.go</c>,
/// SetDefaults_ReplicationController, <c>ValidateReplicationControllerSpec</c>): the selector is a plain label map that
/// defaults to the template's labels (as do the controller's own labels when it has none), replicas default to 1, and,
/// unlike apps kinds, the selector may change. Stored only: no controller creates its pods.
/// </summary>
public sealed class ReplicationControllerStrategy : ReplicatedWorkloadStrategy
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Desired", "integer", "", "Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller"),
        new("Current", "integer", "", "Replicas is the most recently observed number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller"),
        new("Ready", "integer", "", "The number of ready replicas for this replication controller."),
        TableColumn.AgeColumn,
        TableColumn.TemplateContainersColumn,
        TableColumn.TemplateImagesColumn,
        new("Selector", "string", "", "Selector is a label query over pods that should match the Replicas count. If Selector is empty, it is defaulted to the labels present on the Pod template. Label keys and values that must match in order to be controlled by this replication controller, if empty defaulted to labels on Pod template. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors", 1),
    ];

    public override IReadOnlyList<string> ExtraSelectableFields { get; } = ["status.replicas"];

    /// <summary><c>status.replicas</c> has no omitempty, so the zero status is not empty.</summary>
    protected override JsonObject EmptyStatus => new() { ["replicas"] = 0 };

    protected override void DefaultSpec(JsonObject spec)
    {
        if (spec.GetObject("template").GetObject("metadata").GetObject("labels") is { } labels && spec.GetObject("selector").CountProperties() == 0)
        {
            spec["selector"] = labels.DeepClone();
        }

        spec["replicas"] ??= 1;
    }

    public override void PrepareForCreate(JsonObject obj)
    {
        DefaultLabels(obj);
        base.PrepareForCreate(obj);
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        DefaultLabels(obj);
        base.PrepareForUpdate(obj, old);
    }

    public override void Validate(JsonObject obj, List<FieldError> errors)
    {
        var spec = obj.GetObject("spec");
        NonNegative(spec, "replicas", errors);
        NonNegative(spec, "minReadySeconds", errors);
        var selector = spec.GetObject("selector");
        if (selector.CountProperties() == 0)
        {
            errors.Add(FieldError.Required("spec.selector", ""));
        }

        foreach (var (key, value) in selector ?? [])
        {
            foreach (var msg in NameRules.IsQualifiedName(key))
            {
                errors.Add(FieldError.Invalid("spec.selector", key, msg));
            }

            var text = value?.ToString() ?? "";
            foreach (var msg in NameRules.IsLabelValue(text))
            {
                errors.Add(FieldError.Invalid("spec.selector", text, msg));
            }
        }

        var labelSelector = selector is null ? null : new JsonObject { ["matchLabels"] = selector.DeepClone() };
        PodTemplates.Validate(spec.GetObject("template"), labelSelector, "spec.template", errors, "ReplicationController");
    }

    /// <summary>The selector of a replication controller may change, so an update is validated like a create.</summary>
    public override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors) => Validate(obj, errors);

    public override string GetSelectableField(JsonObject obj, string field) =>
        field == "status.replicas" ? (obj.GetObject("status").GetInt("replicas") ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture) : "";

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        var spec = obj.GetObject("spec");
        var status = obj.GetObject("status");
        cells.Add(obj.Name());
        cells.Add(Int(spec, "replicas"));
        cells.Add(Int(status, "replicas"));
        cells.Add(Int(status, "readyReplicas"));
        cells.Add(HumanDuration.Since(obj.CreationTimestamp(), now));
        var template = spec.GetObject("template");
        cells.Add(PodTemplates.ContainerNames(template));
        cells.Add(PodTemplates.ContainerImages(template));
        var selector = spec.GetObject("selector");
        cells.Add(LabelSelectors.Format(selector is null ? null : new JsonObject { ["matchLabels"] = selector.DeepClone() }));
    }

    /// <summary>A controller without labels takes its template's labels.</summary>
    private static void DefaultLabels(JsonObject obj)
    {
        var templateLabels = obj.GetObject("spec").GetObject("template").GetObject("metadata").GetObject("labels");
        if (templateLabels is not null && obj.GetObject("metadata").GetObject("labels").CountProperties() == 0)
        {
            obj.Metadata()["labels"] = templateLabels.DeepClone();
        }
    }
}
