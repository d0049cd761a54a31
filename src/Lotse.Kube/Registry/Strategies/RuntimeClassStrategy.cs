using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;
using Lotse.Kube.Validation;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// node.k8s.io/v1 RuntimeClass (upstream <c>pkg/registry/node/runtimeclass/strategy.go</c>, <c>ValidateRuntimeClass</c>):
/// the CRI handler is a DNS label (so an empty one is invalid) and cannot change.
/// </summary>
public sealed class RuntimeClassStrategy : KubeStrategy
{
    public override IReadOnlyList<string> TopLevelFields { get; } = ["handler", "overhead", "scheduling"];

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        // Upstream describes this column with ObjectMeta's (absent) "handler" doc: an empty description.
        new("Handler", "string", "", ""),
        TableColumn.AgeColumn,
    ];

    public override void Validate(JsonObject obj, List<FieldError> errors)
    {
        var handler = obj.GetString("handler") ?? "";
        foreach (var msg in NameRules.IsDns1123Label(handler))
        {
            errors.Add(FieldError.Invalid("handler", handler, msg));
        }

        foreach (var (key, value) in obj.GetObject("scheduling").GetObject("nodeSelector") ?? [])
        {
            foreach (var msg in NameRules.IsQualifiedName(key))
            {
                errors.Add(FieldError.Invalid("scheduling.nodeSelector", key, msg));
            }

            var text = value?.ToString() ?? "";
            foreach (var msg in NameRules.IsLabelValue(text))
            {
                errors.Add(FieldError.Invalid("scheduling.nodeSelector", text, msg));
            }
        }
    }

    public override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        var handler = obj.GetString("handler") ?? "";
        if (handler != (old.GetString("handler") ?? ""))
        {
            errors.Add(FieldError.Invalid("handler", handler, "field is immutable"));
        }
    }

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        cells.Add(obj.Name());
        cells.Add(obj.GetString("handler") ?? "");
        cells.Add(HumanDuration.Since(obj.CreationTimestamp(), now));
    }
}
