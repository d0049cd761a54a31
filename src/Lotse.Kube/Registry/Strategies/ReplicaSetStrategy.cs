using System.Text.Json.Nodes;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;
using Lotse.Kube.Workloads;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// apps/v1 ReplicaSet (upstream <c>pkg/registry/apps/replicaset/strategy.go</c>, apps/v1 SetDefaults_ReplicaSet and
/// ValidateReplicaSetSpec). Stored only: no controller creates its pods.
/// </summary>
public sealed class ReplicaSetStrategy : ReplicatedWorkloadStrategy
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Desired", "integer", "", "Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller"),
        new("Current", "integer", "", "Replicas is the most recently observed number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller"),
        new("Ready", "integer", "", "The number of ready replicas for this replica set. A pod is considered ready when it's Ready condition is true."),
        TableColumn.AgeColumn,
        TableColumn.TemplateContainersColumn,
        TableColumn.TemplateImagesColumn,
        new("Selector", "string", "", "Selector is a label query over pods that should match the replica count. Label keys and values that must match in order to be controlled by this replica set. It must match the pod template's labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors", 1),
    ];

    /// <summary><c>status.replicas</c> has no omitempty, so the zero status is not empty.</summary>
    protected override JsonObject EmptyStatus => new() { ["replicas"] = 0 };

    protected override void DefaultSpec(JsonObject spec) => spec["replicas"] ??= 1;

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
        cells.Add(LabelSelectors.Format(spec.GetObject("selector")));
    }
}
