using System.Text.Json.Nodes;
using Lotse.Kube.Errors;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// The status strategy of <c>poddisruptionbudgets/status</c> (upstream <c>podDisruptionBudgetStatusStrategy</c>): the
/// main strategy's table, the spec kept as stored, only the status counts validated.
/// </summary>
public sealed class PodDisruptionBudgetStatusStrategy(PodDisruptionBudgetStrategy main) : KubeStrategy
{
    public override IReadOnlyList<TableColumn> Columns => main.Columns;

    public override IReadOnlyList<string> TopLevelFields => main.TopLevelFields;

    public override void PrepareForUpdate(JsonObject obj, JsonObject old) => obj["spec"] = old["spec"]?.DeepClone();

    public override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors) => PodDisruptionBudgetStrategy.ValidateStatus(obj, errors);

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells) => main.WriteCells(obj, now, cells);
}
