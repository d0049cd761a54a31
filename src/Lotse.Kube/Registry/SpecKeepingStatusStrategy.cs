using System.Text.Json.Nodes;
using Lotse.Kube.Errors;

namespace Lotse.Kube.Registry;

/// <summary>
/// The usual status strategy (upstream's <c>&lt;kind&gt;StatusStrategy</c>): the main strategy's table and patch keys, the
/// spec kept as stored, and only what <paramref name="validateStatus"/> checks (new, old) validated.
/// </summary>
public sealed class SpecKeepingStatusStrategy(KubeStrategy main, Action<JsonObject, JsonObject, List<FieldError>>? validateStatus = null) : KubeStrategy
{
    public override IReadOnlyList<TableColumn> Columns => main.Columns;

    public override IReadOnlyDictionary<string, string> PatchMergeKeys => main.PatchMergeKeys;

    public override IReadOnlyList<string> TopLevelFields => main.TopLevelFields;

    public override string? DecodeError(JsonObject obj) => main.DecodeError(obj);

    public override void PrepareForUpdate(JsonObject obj, JsonObject old) => obj["spec"] = old["spec"]?.DeepClone();

    public override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors) => validateStatus?.Invoke(obj, old, errors);

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells) => main.WriteCells(obj, now, cells);
}
