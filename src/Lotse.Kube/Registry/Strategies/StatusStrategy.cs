using System.Text.Json.Nodes;
using Lotse.Kube.Errors;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// The status strategy of a kind whose <c>/status</c> needs nothing special (upstream's <c>&lt;kind&gt;StatusStrategy</c>):
/// the main strategy's table, patch keys and decode checks, the spec kept as stored, and only the kind's status checks.
/// </summary>
public sealed class StatusStrategy(KubeStrategy main, Action<JsonObject, JsonObject>? prepare = null, Action<JsonObject, List<FieldError>>? validate = null) : KubeStrategy
{
    public override IReadOnlyList<TableColumn> Columns => main.Columns;

    public override IReadOnlyDictionary<string, string> PatchMergeKeys => main.PatchMergeKeys;

    public override IReadOnlyList<string> TopLevelFields => main.TopLevelFields;

    public override string? DecodeError(JsonObject obj) => main.DecodeError(obj);

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        obj["spec"] = old["spec"]?.DeepClone();
        prepare?.Invoke(obj, old);
    }

    public override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors) => validate?.Invoke(obj, errors);

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells) => main.WriteCells(obj, now, cells);
}
