using System.Text.Json.Nodes;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// events.k8s.io/v1 Event over the stored core/v1 events (upstream <c>pkg/apis/events/v1/conversion.go</c>): the same
/// object under other names — involvedObject is regarding, message is note, reportingComponent is reportingController,
/// source and the first/last timestamps and count are the deprecated* fields; the rest keep their names.
/// </summary>
public sealed class EventsV1Conversion : StorageConversion
{
    /// <summary>(core name, events.k8s.io name) in events.k8s.io/v1's field order.</summary>
    private static readonly (string Core, string Events)[] Fields =
    [
        ("eventTime", "eventTime"),
        ("series", "series"),
        ("reportingComponent", "reportingController"),
        ("reportingInstance", "reportingInstance"),
        ("action", "action"),
        ("reason", "reason"),
        ("involvedObject", "regarding"),
        ("related", "related"),
        ("message", "note"),
        ("type", "type"),
        ("source", "deprecatedSource"),
        ("firstTimestamp", "deprecatedFirstTimestamp"),
        ("lastTimestamp", "deprecatedLastTimestamp"),
        ("count", "deprecatedCount"),
    ];

    /// <summary>core/v1 Event's field order, which its stored objects keep.</summary>
    private static readonly string[] CoreOrder =
        ["involvedObject", "reason", "message", "source", "firstTimestamp", "lastTimestamp", "count", "type", "eventTime", "series", "action", "related", "reportingComponent", "reportingInstance"];

    public override string StorageSegment => "registry/core/events/";

    public override JsonObject FromStored(JsonObject stored) =>
        Rename(stored, "events.k8s.io/v1", Fields.Select(f => (f.Core, f.Events)), Fields.Select(f => f.Events));

    public override JsonObject ToStored(JsonObject served) =>
        Rename(served, "v1", Fields.Select(f => (f.Events, f.Core)), CoreOrder);

    private static JsonObject Rename(JsonObject source, string apiVersion, IEnumerable<(string From, string To)> names, IEnumerable<string> order)
    {
        var renamed = names.ToDictionary(n => n.To, n => n.From, StringComparer.Ordinal);
        var result = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = "Event", ["metadata"] = source["metadata"]?.DeepClone() };
        foreach (var field in order)
        {
            if (source[renamed[field]] is { } value)
            {
                result[field] = value.DeepClone();
            }
        }

        return result;
    }
}
