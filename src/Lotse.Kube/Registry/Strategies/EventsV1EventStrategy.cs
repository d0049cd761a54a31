using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Validation;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// events.k8s.io/v1 Event (upstream <c>pkg/registry/core/event</c> serving both groups, <c>ValidateEventCreate</c> and
/// <c>ValidateEventUpdate</c> for events.k8s.io/v1): the core events seen through <see cref="EventsV1Conversion"/>.
/// Writes through this API are held to the new-style rules (eventTime, reportingController, reportingInstance,
/// action and reason required, no deprecated fields, a series of at least two, identity fields immutable); messages
/// name the internal (core) fields as upstream's do. The table is core Event's.
/// </summary>
public sealed class EventsV1EventStrategy(EventStrategy core, EventsV1Conversion conversion) : KubeStrategy
{
    private const int ReportingInstanceLengthLimit = 128;
    private const int ActionLengthLimit = 128;
    private const int ReasonLengthLimit = 128;
    private const int NoteLengthLimit = 1024;
    private static readonly string[] ImmutableFields =
        ["involvedObject", "reason", "message", "source", "firstTimestamp", "lastTimestamp", "count", "type", "eventTime", "action", "related", "reportingComponent", "reportingInstance"];
    private static readonly (string Go, string Json)[] ReferenceFields =
        [("Kind", "kind"), ("Namespace", "namespace"), ("Name", "name"), ("UID", "uid"), ("APIVersion", "apiVersion"), ("ResourceVersion", "resourceVersion"), ("FieldPath", "fieldPath")];

    public override IReadOnlyList<string> ExtraSelectableFields { get; } =
    [
        "regarding.kind", "regarding.namespace", "regarding.name", "regarding.uid", "regarding.apiVersion",
        "regarding.resourceVersion", "regarding.fieldPath", "reason", "reportingController", "type",
    ];

    public override IReadOnlyList<string> TopLevelFields { get; } =
        ["eventTime", "series", "reportingController", "reportingInstance", "action", "reason", "regarding", "related", "note", "type", "deprecatedSource", "deprecatedFirstTimestamp", "deprecatedLastTimestamp", "deprecatedCount"];

    public override IReadOnlyList<TableColumn> Columns => core.Columns;

    public override void Validate(JsonObject obj, List<FieldError> errors)
    {
        var stored = conversion.ToStored(obj);
        ValidateLegacy(stored, errors);
        ValidateSeries(stored, errors);
        if (stored.GetString("eventTime") is null)
        {
            errors.Add(FieldError.Required("eventTime", ""));
        }

        var type = stored.GetString("type") ?? "";
        if (type is not ("Normal" or "Warning"))
        {
            errors.Add(FieldError.Invalid("type", "", $"has invalid value: {type}"));
        }

        foreach (var field in new[] { "firstTimestamp", "lastTimestamp" })
        {
            if (stored.GetString(field) is not null)
            {
                errors.Add(FieldError.Invalid(field, "", "needs to be unset"));
            }
        }

        if ((stored.GetInt("count") ?? 0) != 0)
        {
            errors.Add(FieldError.Invalid("count", "", "needs to be unset"));
        }

        var source = stored.GetObject("source");
        if (!string.IsNullOrEmpty(source.GetString("component")) || !string.IsNullOrEmpty(source.GetString("host")))
        {
            errors.Add(FieldError.Invalid("source", "", "needs to be unset"));
        }
    }

    public override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        var stored = conversion.ToStored(obj);
        var oldStored = conversion.ToStored(old);
        ValidateLegacy(stored, errors);
        if (!JsonNode.DeepEquals(stored["series"], oldStored["series"]))
        {
            ValidateSeries(stored, errors);
        }

        foreach (var field in ImmutableFields)
        {
            if (!JsonNode.DeepEquals(Normalized(stored[field]), Normalized(oldStored[field])))
            {
                // Upstream's paths name the internal fields; the reporting component's is reportingController.
                errors.Add(FieldError.InvalidRaw(field == "reportingComponent" ? "reportingController" : field, GoValue(field, stored[field]), "field is immutable"));
            }
        }
    }

    public override string GetSelectableField(JsonObject obj, string field) =>
        field.StartsWith("regarding.", StringComparison.Ordinal)
            ? obj.GetObject("regarding").GetString(field["regarding.".Length..]) ?? ""
            : obj.GetString(field) ?? "";

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells) => core.WriteCells(conversion.ToStored(obj), now, cells);

    /// <summary>An absent field and its zero value are the same Go value.</summary>
    private static JsonNode? Normalized(JsonNode? node) => node switch
    {
        JsonObject o when o.Count == 0 => null,
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String && v.GetValue<string>().Length == 0 => null,
        JsonValue v when JsonObjectExtensions.AsInt64(v) == 0 => null,
        _ => node,
    };

    /// <summary>A field's value as Go prints the internal one in "field is immutable" messages (times as time.Time.String()).</summary>
    private static string GoValue(string field, JsonNode? node)
    {
        static string Quote(string? s) => $"\"{s}\"";
        var text = node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : null;
        switch (field)
        {
            case "involvedObject":
                var reference = node as JsonObject;
                return "core.ObjectReference{" + string.Join(", ", ReferenceFields.Select(f => $"{f.Go}:{Quote(reference.GetString(f.Json))}")) + "}";
            case "source":
                var source = node as JsonObject;
                return $"core.EventSource{{Component:{Quote(source.GetString("component"))}, Host:{Quote(source.GetString("host"))}}}";
            case "related":
                return node is null ? "(*core.ObjectReference)(nil)" : "(*core.ObjectReference)(0xc000000000)";
            case "count":
                return (JsonObjectExtensions.AsInt64(node) ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture);
            case "firstTimestamp" or "lastTimestamp" or "eventTime":
                return JsonObjectExtensions.ParseTime(text) is { } time
                    ? time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture) + " +0000 UTC"
                    : "0001-01-01 00:00:00 +0000 UTC";
            default:
                return Quote(text ?? "");
        }
    }

    /// <summary>The checks every event passes (<c>legacyValidateEvent</c>), new-style branch when eventTime is set.</summary>
    private static void ValidateLegacy(JsonObject stored, List<FieldError> errors)
    {
        var ns = stored.Namespace();
        var involvedNamespace = stored.GetObject("involvedObject").GetString("namespace") ?? "";
        if (stored.GetString("eventTime") is null)
        {
            if (involvedNamespace.Length == 0 ? ns is not ("" or "default") : ns != involvedNamespace)
            {
                errors.Add(FieldError.Invalid("involvedObject.namespace", involvedNamespace, "does not match event.namespace"));
            }
        }
        else
        {
            if (involvedNamespace.Length == 0 && ns is not ("default" or "kube-system"))
            {
                errors.Add(FieldError.Invalid("involvedObject.namespace", involvedNamespace, "does not match event.namespace"));
            }

            var controller = stored.GetString("reportingComponent") ?? "";
            if (controller.Length == 0)
            {
                errors.Add(FieldError.Required("reportingController", ""));
            }

            foreach (var msg in NameRules.IsQualifiedName(controller))
            {
                errors.Add(FieldError.Invalid("reportingController", controller, msg));
            }

            RequiredWithLimit(stored, "reportingInstance", ReportingInstanceLengthLimit, errors);
            RequiredWithLimit(stored, "action", ActionLengthLimit, errors);
            RequiredWithLimit(stored, "reason", ReasonLengthLimit, errors);
            if ((stored.GetString("message")?.Length ?? 0) > NoteLengthLimit)
            {
                errors.Add(FieldError.Invalid("message", "", $"can have at most {NoteLengthLimit} characters"));
            }
        }

        foreach (var msg in NameRules.IsDns1123Subdomain(ns))
        {
            errors.Add(FieldError.Invalid("namespace", ns, msg));
        }
    }

    private static void RequiredWithLimit(JsonObject stored, string field, int limit, List<FieldError> errors)
    {
        var value = stored.GetString(field) ?? "";
        if (value.Length == 0)
        {
            errors.Add(FieldError.Required(field, ""));
        }

        if (value.Length > limit)
        {
            errors.Add(FieldError.Invalid(field, "", $"can have at most {limit} characters"));
        }
    }

    /// <summary><c>validateV1EventSeries</c>: a series counts at least two occurrences and has its last observation time.</summary>
    private static void ValidateSeries(JsonObject stored, List<FieldError> errors)
    {
        if (stored.GetObject("series") is not { } series)
        {
            return;
        }

        if ((series.GetInt("count") ?? 0) < 2)
        {
            errors.Add(FieldError.Invalid("series.count", "", "should be at least 2"));
        }

        if (series.GetString("lastObservedTime") is null)
        {
            errors.Add(FieldError.Required("series.lastObservedTime", ""));
        }
    }
}
