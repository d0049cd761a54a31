using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// apps/v1 ControllerRevision (upstream <c>pkg/registry/apps/controllerrevision/strategy.go</c>,
/// ValidateControllerRevisionCreate/Update): an immutable snapshot (<c>data</c>, any object) with its revision number,
/// written by the StatefulSet and DaemonSet controllers — here by whoever creates it.
/// </summary>
public sealed class ControllerRevisionStrategy : KubeStrategy
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Controller", "string", "", "Controller of the object"),
        new("Revision", "string", "", "Revision indicates the revision of the state represented by Data."),
        TableColumn.AgeColumn,
    ];

    public override IReadOnlyList<string> TopLevelFields { get; } = ["data", "revision"];

    public override string? DecodeError(JsonObject obj)
    {
        if (obj["revision"] is not { } revision)
        {
            return null;
        }

        var kind = revision.GetValueKind();
        if (kind == JsonValueKind.Number)
        {
            return JsonObjectExtensions.AsInt64(revision) is null
                ? $"json: cannot unmarshal number {revision.ToJsonString()} into Go struct field ControllerRevision.revision of type int64"
                : null;
        }

        return kind == JsonValueKind.Null ? null : $"json: cannot unmarshal {GoKind(kind)} into Go struct field ControllerRevision.revision of type int64";
    }

    public override void Validate(JsonObject obj, List<FieldError> errors)
    {
        if (obj["data"] is null)
        {
            errors.Add(FieldError.Required("data", "data is mandatory"));
        }

        if (obj.GetInt("revision") is < 0 and var revision)
        {
            errors.Add(FieldError.InvalidRaw("revision", revision.ToString(CultureInfo.InvariantCulture), "must be greater than or equal to 0"));
        }
    }

    public override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        Validate(obj, errors);
        if (!JsonNode.DeepEquals(obj["data"], old["data"]))
        {
            errors.Add(FieldError.InvalidRaw("data", obj["data"]?.ToJsonString() ?? "null", "field is immutable"));
        }
    }

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        cells.Add(obj.Name());
        cells.Add(ControllerName(obj));
        cells.Add(obj.GetInt("revision") ?? 0);
        cells.Add(HumanDuration.Since(obj.CreationTimestamp(), now));
    }

    /// <summary>The controlling owner as <c>kind.group/name</c> in lower case (upstream formatResourceName), or "&lt;none&gt;".</summary>
    private static string ControllerName(JsonObject obj)
    {
        var owner = obj.GetObject("metadata").GetArray("ownerReferences")?.OfType<JsonObject>()
            .FirstOrDefault(o => o["controller"]?.GetValueKind() == JsonValueKind.True);
        if (owner is null)
        {
            return "<none>";
        }

        var apiVersion = owner.GetString("apiVersion") ?? "";
        var slash = apiVersion.IndexOf('/');
        var group = slash < 0 ? "" : apiVersion[..slash];
        var kind = owner.GetString("kind") ?? "";
        var groupKind = group.Length == 0 ? kind : $"{kind}.{group}";
        return groupKind.Length == 0 ? owner.GetString("name") ?? "" : $"{groupKind.ToLowerInvariant()}/{owner.GetString("name")}";
    }

    private static string GoKind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.True or JsonValueKind.False => "bool",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => "string",
    };
}
