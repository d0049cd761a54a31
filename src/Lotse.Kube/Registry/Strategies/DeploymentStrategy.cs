using System.Globalization;
using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;
using Lotse.Kube.Workloads;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// apps/v1 Deployment (upstream <c>pkg/registry/apps/deployment/strategy.go</c>, apps/v1 SetDefaults_Deployment and
/// ValidateDeploymentSpec). Stored only: no controller rolls it out, so its status stays as the status subresource sets it.
/// </summary>
public sealed class DeploymentStrategy : ReplicatedWorkloadStrategy
{
    private static readonly string[] StrategyTypes = ["Recreate", "RollingUpdate"];

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Ready", "string", "", "Number of the pod with ready state"),
        new("Up-to-date", "string", "", "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
        new("Available", "string", "", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
        TableColumn.AgeColumn,
        TableColumn.TemplateContainersColumn,
        TableColumn.TemplateImagesColumn,
        new("Selector", "string", "", "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.", 1),
    ];

    protected override JsonObject EmptyStatus => [];

    protected override void DefaultSpec(JsonObject spec)
    {
        spec["replicas"] ??= 1;
        if (spec["strategy"] is not JsonObject strategy)
        {
            strategy = [];
            spec["strategy"] = strategy;
        }

        strategy["type"] ??= "RollingUpdate";
        if (strategy.GetString("type") == "RollingUpdate")
        {
            if (strategy["rollingUpdate"] is not JsonObject rolling)
            {
                rolling = [];
                strategy["rollingUpdate"] = rolling;
            }

            rolling["maxUnavailable"] ??= "25%";
            rolling["maxSurge"] ??= "25%";
        }

        spec["revisionHistoryLimit"] ??= 10;
        spec["progressDeadlineSeconds"] ??= 600;
    }

    protected override void ValidateSpec(JsonObject spec, List<FieldError> errors)
    {
        NonNegative(spec, "revisionHistoryLimit", errors);
        NonNegative(spec, "progressDeadlineSeconds", errors);
        if (spec.GetInt("progressDeadlineSeconds") is { } deadline && deadline <= Int(spec, "minReadySeconds"))
        {
            errors.Add(FieldError.InvalidRaw("spec.progressDeadlineSeconds", deadline.ToString(CultureInfo.InvariantCulture), "must be greater than minReadySeconds"));
        }

        var strategy = spec.GetObject("strategy");
        var type = strategy.GetString("type") ?? "";
        if (!StrategyTypes.Contains(type))
        {
            errors.Add(FieldError.NotSupported("spec.strategy.type", type, StrategyTypes));
        }
        else if (type == "Recreate" && strategy?["rollingUpdate"] is not null)
        {
            errors.Add(FieldError.Forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'"));
        }
    }

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        var spec = obj.GetObject("spec");
        var status = obj.GetObject("status");
        cells.Add(obj.Name());
        cells.Add($"{Int(status, "readyReplicas")}/{Int(spec, "replicas")}");
        cells.Add(Int(status, "updatedReplicas"));
        cells.Add(Int(status, "availableReplicas"));
        cells.Add(HumanDuration.Since(obj.CreationTimestamp(), now));
        var template = spec.GetObject("template");
        cells.Add(PodTemplates.ContainerNames(template));
        cells.Add(PodTemplates.ContainerImages(template));
        cells.Add(LabelSelectors.Format(spec.GetObject("selector")));
    }
}
