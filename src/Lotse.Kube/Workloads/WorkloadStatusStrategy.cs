using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Registry;

namespace Lotse.Kube.Workloads;

/// <summary>
/// The status strategy of a replicated workload (deployments, replicasets, statefulsets, daemonsets) and of an autoscaler:
/// the main strategy's tables and patch keys, the spec kept as stored, and only the status's counts validated (every
/// top-level integer of these statuses is a count or a generation that upstream requires to be non-negative).
/// </summary>
public sealed class WorkloadStatusStrategy(KubeStrategy main) : KubeStrategy
{
    public override IReadOnlyList<TableColumn> Columns => main.Columns;

    public override IReadOnlyDictionary<string, string> PatchMergeKeys => main.PatchMergeKeys;

    public override IReadOnlyList<string> TopLevelFields => main.TopLevelFields;

    public override string? DecodeError(JsonObject obj) => main.DecodeError(obj);

    public override void PrepareForUpdate(JsonObject obj, JsonObject old) => ReplicatedWorkloadStrategy.PrepareForStatusUpdate(obj, old);

    public override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        foreach (var (field, value) in obj["status"] as JsonObject ?? [])
        {
            if (Serialization.JsonObjectExtensions.AsInt64(value) is < 0 and var number)
            {
                errors.Add(FieldError.InvalidRaw($"status.{field}", number.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be greater than or equal to 0"));
            }
        }
    }

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells) => main.WriteCells(obj, now, cells);
}
