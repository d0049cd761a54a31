using System.Text.Json.Nodes;
using Lotse.Kube.Errors;

namespace Lotse.Kube.Registry;

/// <summary>
/// The strategy of a plain <c>&lt;resource&gt;/status</c> subresource (upstream's per-kind <c>statusStrategy</c>): the main
/// strategy's table, patch keys and decoding, the stored spec kept, then the kind's own status preparation
/// (<paramref name="prepare"/>: new, old) and checks (<paramref name="validate"/>: new, old, errors), if any.
/// </summary>
public sealed class StatusStrategy(
    KubeStrategy main, Action<JsonObject, JsonObject>? prepare = null, Action<JsonObject, JsonObject, List<FieldError>>? validate = null) : KubeStrategy
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

    public override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors) => validate?.Invoke(obj, old, errors);

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells) => main.WriteCells(obj, now, cells);
}
