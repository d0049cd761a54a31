using System.Globalization;
using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;
using Lotse.Kube.Validation;
using Lotse.Kube.Workloads;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// apps/v1 DaemonSet (upstream <c>pkg/registry/apps/daemonset/strategy.go</c>, apps/v1 SetDefaults_DaemonSet and
/// ValidateDaemonSetSpec). Stored only: no controller places its pods. The template generation upstream keeps in the
/// internal spec shows in apps/v1 as the <c>deprecated.daemonset.template.generation</c> annotation.
/// </summary>
public sealed class DaemonSetStrategy : ReplicatedWorkloadStrategy
{
    public const string TemplateGenerationAnnotation = "deprecated.daemonset.template.generation";

    private static readonly string[] StrategyTypes = ["RollingUpdate", "OnDelete"];

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Desired", "integer", "", "The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod). More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/"),
        new("Current", "integer", "", "The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod. More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/"),
        new("Ready", "integer", "", "numberReady is the number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition."),
        new("Up-to-date", "integer", "", "The total number of nodes that are running updated daemon pod"),
        new("Available", "integer", "", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)"),
        new("Node Selector", "string", "", "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node. More info: https://kubernetes.io/docs/concepts/configuration/assign-pod-node/"),
        TableColumn.AgeColumn,
        TableColumn.TemplateContainersColumn,
        TableColumn.TemplateImagesColumn,
        new("Selector", "string", "", "A label query over pods that are managed by the daemon set. Must match in order to be controlled. It must match the pod template's labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors", 1),
    ];

    /// <summary>The four counts without omitempty.</summary>
    protected override JsonObject EmptyStatus => new() { ["currentNumberScheduled"] = 0, ["numberMisscheduled"] = 0, ["desiredNumberScheduled"] = 0, ["numberReady"] = 0 };

    protected override string SelectorOwner => "daemonset";

    protected override string TemplateOwner => "DaemonSet";

    public override void PrepareForCreate(JsonObject obj)
    {
        base.PrepareForCreate(obj);
        var generation = TemplateGeneration(obj);
        SetTemplateGeneration(obj, generation < 1 ? 1 : generation);
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        base.PrepareForUpdate(obj, old);
        var oldGeneration = TemplateGeneration(old);
        var templateChanged = !JsonNode.DeepEquals(obj.GetObject("spec")?["template"], old.GetObject("spec")?["template"]);
        SetTemplateGeneration(obj, templateChanged ? oldGeneration + 1 : oldGeneration);
    }

    protected override void DefaultSpec(JsonObject spec)
    {
        if (spec["updateStrategy"] is not JsonObject strategy)
        {
            strategy = [];
            spec["updateStrategy"] = strategy;
        }

        strategy["type"] ??= "RollingUpdate";
        if (strategy.GetString("type") == "RollingUpdate")
        {
            if (strategy["rollingUpdate"] is not JsonObject rolling)
            {
                rolling = [];
                strategy["rollingUpdate"] = rolling;
            }

            rolling["maxUnavailable"] ??= 1;
            rolling["maxSurge"] ??= 0;
        }

        spec["revisionHistoryLimit"] ??= 10;
    }

    protected override void ValidateSpec(JsonObject spec, List<FieldError> errors)
    {
        NonNegative(spec, "revisionHistoryLimit", errors);
        var strategy = spec.GetObject("updateStrategy");
        var rolling = strategy.GetObject("rollingUpdate");
        switch (strategy.GetString("type") ?? "")
        {
            case "OnDelete":
                break;
            case "RollingUpdate" when rolling is null:
                errors.Add(FieldError.Required("spec.updateStrategy.rollingUpdate", ""));
                break;
            case "RollingUpdate":
                ValidateRollingUpdate(rolling!, "spec.updateStrategy.rollingUpdate", errors);
                break;
            case var type:
                var rendered = $"apps.DaemonSetUpdateStrategy{{Type:\"{type}\", RollingUpdate:{(rolling is null ? "(*apps.RollingUpdateDaemonSet)(nil)" : "(*apps.RollingUpdateDaemonSet)(0xc000000000)")}}}";
                errors.Add(new FieldError("FieldValueNotSupported", "spec.updateStrategy", $"Unsupported value: {rendered}: supported values: {string.Join(", ", StrategyTypes.Select(s => $"\"{s}\""))}"));
                break;
        }
    }

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        var spec = obj.GetObject("spec");
        var status = obj.GetObject("status");
        cells.Add(obj.Name());
        cells.Add(Int(status, "desiredNumberScheduled"));
        cells.Add(Int(status, "currentNumberScheduled"));
        cells.Add(Int(status, "numberReady"));
        cells.Add(Int(status, "updatedNumberScheduled"));
        cells.Add(Int(status, "numberAvailable"));
        var template = spec.GetObject("template");
        cells.Add(FormatLabels(template.GetObject("spec").GetObject("nodeSelector")));
        cells.Add(HumanDuration.Since(obj.CreationTimestamp(), now));
        cells.Add(PodTemplates.ContainerNames(template));
        cells.Add(PodTemplates.ContainerImages(template));
        cells.Add(LabelSelectors.Format(spec.GetObject("selector")));
    }

    /// <summary>Upstream ValidateRollingUpdateDaemonSet: counts or percentages, and exactly one of the two non-zero.</summary>
    private static void ValidateRollingUpdate(JsonObject rolling, string path, List<FieldError> errors)
    {
        var maxUnavailable = rolling["maxUnavailable"];
        var maxSurge = rolling["maxSurge"];
        IntOrPercent.Validate(maxUnavailable, $"{path}.maxUnavailable", errors);
        IntOrPercent.Validate(maxSurge, $"{path}.maxSurge", errors);
        var hasUnavailable = IntOrPercent.Value(maxUnavailable) != 0;
        var hasSurge = IntOrPercent.Value(maxSurge) != 0;
        if (hasUnavailable && hasSurge)
        {
            errors.Add(FieldError.InvalidRaw($"{path}.maxSurge", IntOrPercent.GoString(maxSurge!), "may not be set when maxUnavailable is non-zero"));
        }
        else if (!hasUnavailable && !hasSurge)
        {
            errors.Add(FieldError.Required($"{path}.maxUnavailable", "cannot be 0 when maxSurge is 0"));
        }
    }

    /// <summary>apimachinery labels.FormatLabels: sorted <c>k=v</c> pairs, "&lt;none&gt;" when empty.</summary>
    private static string FormatLabels(JsonObject? labels) =>
        labels is null || labels.Count == 0
            ? "<none>"
            : string.Join(",", labels.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    private static long TemplateGeneration(JsonObject obj) =>
        long.TryParse(obj.GetObject("metadata").GetObject("annotations").GetString(TemplateGenerationAnnotation), NumberStyles.Integer, CultureInfo.InvariantCulture, out var generation) ? generation : 0;

    private static void SetTemplateGeneration(JsonObject obj, long generation)
    {
        var meta = obj.Metadata();
        if (meta["annotations"] is not JsonObject annotations)
        {
            annotations = [];
            meta["annotations"] = annotations;
        }

        annotations[TemplateGenerationAnnotation] = generation.ToString(CultureInfo.InvariantCulture);
    }
}
