using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>core/v1 Event (upstream <c>pkg/registry/core/event/strategy.go</c>; columns from printers.go <c>printEvent</c>).</summary>
public sealed class EventStrategy : KubeStrategy
{
    public override IReadOnlyList<string> ExtraSelectableFields { get; } =
    [
        "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
        "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath",
        "reason", "reportingComponent", "source", "type",
    ];

    public override IReadOnlyList<string> TopLevelFields { get; } = ["involvedObject", "reason", "message", "source", "firstTimestamp", "lastTimestamp", "count", "type", "eventTime", "series", "action", "related", "reportingComponent", "reportingInstance"];

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("Last Seen", "string", "", "The time at which the most recent occurrence of this event was recorded."),
        new("Type", "string", "", "Type of this event (Normal, Warning), new types could be added in the future"),
        new("Reason", "string", "", "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
        new("Object", "string", "", "The object that this event is about."),
        new("Subobject", "string", "", "If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]. For example, if the object reference is to a container within a pod, this would take on a value like: \"spec.containers{name}\" (where \"name\" refers to the name of the container that triggered the event) or if no container name is specified \"spec.containers[2]\" (container with index 2 in this pod). This syntax is chosen only to have some well-defined way of referencing a part of an object.", 1),
        new("Source", "string", "", "The component reporting this event. Should be a short machine understandable string.", 1),
        new("Message", "string", "", "A human-readable description of the status of this operation."),
        new("First Seen", "string", "", "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)", 1),
        new("Count", "integer", "", "The number of times this event has occurred.", 1),
        new("Name", "string", "name", TableColumn.NameColumn.Description, 1),
    ];

    public override void Validate(JsonObject obj, List<FieldError> errors)
    {
        var involved = obj.GetObject("involvedObject");
        var involvedNamespace = involved.GetString("namespace") ?? "";
        if (involvedNamespace.Length > 0 && involvedNamespace != obj.Namespace())
        {
            errors.Add(FieldError.Invalid("involvedObject.namespace", involvedNamespace, "does not match event.namespace"));
        }
    }

    public override string GetSelectableField(JsonObject obj, string field)
    {
        if (field.StartsWith("involvedObject.", StringComparison.Ordinal))
        {
            return obj.GetObject("involvedObject").GetString(field["involvedObject.".Length..]) ?? "";
        }

        return field switch
        {
            "source" => obj.GetObject("source").GetString("component") ?? "",
            _ => obj.GetString(field) ?? "",
        };
    }

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        var first = JsonObjectExtensions.ParseTime(obj.GetString("firstTimestamp")) ?? JsonObjectExtensions.ParseTime(obj.GetString("eventTime"));
        var last = JsonObjectExtensions.ParseTime(obj.GetString("lastTimestamp")) ?? first;
        var count = obj.GetInt("count") ?? 0;
        if (obj.GetObject("series") is { } series)
        {
            last = JsonObjectExtensions.ParseTime(series.GetString("lastObservedTime"));
            count = series.GetInt("count") ?? 0;
        }
        else if (count == 0)
        {
            count = 1;
        }

        var involved = obj.GetObject("involvedObject");
        var kind = (involved.GetString("kind") ?? "").ToLowerInvariant();
        var name = involved.GetString("name") ?? "";
        var component = FirstNonEmpty(obj.GetObject("source").GetString("component"), obj.GetString("reportingComponent"));
        var instance = FirstNonEmpty(obj.GetObject("source").GetString("host"), obj.GetString("reportingInstance"));

        cells.Add(HumanDuration.Since(last, now));
        cells.Add(obj.GetString("type") ?? "");
        cells.Add(obj.GetString("reason") ?? "");
        cells.Add(name.Length > 0 ? $"{kind}/{name}" : kind);
        cells.Add(involved.GetString("fieldPath") ?? "");
        cells.Add(instance.Length == 0 ? component : $"{component}, {instance}");
        cells.Add((obj.GetString("message") ?? "").Trim());
        cells.Add(HumanDuration.Since(first, now));
        cells.Add(count);
        cells.Add(obj.Name());
    }

    private static string FirstNonEmpty(string? a, string? b) => string.IsNullOrEmpty(a) ? b ?? "" : a;
}
