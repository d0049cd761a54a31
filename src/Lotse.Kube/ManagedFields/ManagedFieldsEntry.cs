using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lotse.Kube.ManagedFields;

/// <summary>
/// One <c>metadata.managedFields</c> entry. A manager is identified by its name, operation and subresource (the
/// apiVersion too for Update entries, but every kind here is served in one version).
/// </summary>
public sealed record ManagedFieldsEntry(string Manager, string Operation, string ApiVersion, string Subresource, string? Time, FieldSet Fields)
{
    public const string Apply = "Apply";
    public const string Update = "Update";

    public bool SameManager(ManagedFieldsEntry other) =>
        Manager == other.Manager && Operation == other.Operation && Subresource == other.Subresource;

    /// <summary>How apply conflicts name the manager (its identity, without time): <c>"kubectl-edit" using v1</c>, <c>"m" with subresource "status"</c>.</summary>
    public string Describe()
    {
        var text = JsonSerializer.Serialize(Manager);
        if (Subresource.Length > 0)
        {
            text += $" with subresource {JsonSerializer.Serialize(Subresource)}";
        }

        return Operation == Update ? $"{text} using {ApiVersion}" : text;
    }

    public JsonObject ToJson()
    {
        var entry = new JsonObject();
        if (ApiVersion.Length > 0)
        {
            entry["apiVersion"] = ApiVersion;
        }

        entry["fieldsType"] = "FieldsV1";
        entry["fieldsV1"] = Fields.ToFieldsV1();
        if (Manager.Length > 0)
        {
            entry["manager"] = Manager;
        }

        entry["operation"] = Operation;
        if (Subresource.Length > 0)
        {
            entry["subresource"] = Subresource;
        }

        if (Time is not null)
        {
            entry["time"] = Time;
        }

        return entry;
    }

    /// <summary>
    /// Reads a managedFields list; null when it is not a valid one (wrong shapes, an unknown operation or fieldsType,
    /// an unreadable field set, the same manager twice).
    /// </summary>
    public static List<ManagedFieldsEntry>? TryDecode(JsonNode? node)
    {
        if (node is null)
        {
            return [];
        }

        if (node is not JsonArray list)
        {
            return null;
        }

        var entries = new List<ManagedFieldsEntry>();
        foreach (var item in list)
        {
            if (item is not JsonObject entry
                || Text(entry, "manager") is not { } manager
                || Text(entry, "operation") is not { } operation
                || operation is not (Apply or Update)
                || Text(entry, "apiVersion") is not { } apiVersion
                || Text(entry, "subresource") is not { } subresource
                || Text(entry, "fieldsType") is not ("FieldsV1" or "")
                || entry["time"] is { } time && time.GetValueKind() != JsonValueKind.String)
            {
                return null;
            }

            FieldSet fields;
            try
            {
                fields = entry["fieldsV1"] is null ? FieldSet.Empty : FieldSet.FromFieldsV1(entry["fieldsV1"]);
            }
            catch (FormatException)
            {
                return null;
            }

            var decoded = new ManagedFieldsEntry(manager, operation, apiVersion, subresource, entry["time"]?.GetValue<string>(), fields);
            if (entries.Any(decoded.SameManager))
            {
                return null;
            }

            entries.Add(decoded);
        }

        return entries;
    }

    /// <summary>A client resets managedFields by sending an empty list or a list of one empty entry.</summary>
    public static bool IsReset(JsonNode? node) =>
        node is JsonArray list && (list.Count == 0 || list.Count == 1 && list[0] is JsonObject { Count: 0 });

    /// <summary>The list as stored: Apply entries before Update entries, then by time, manager and subresource.</summary>
    public static JsonArray Encode(IEnumerable<ManagedFieldsEntry> entries) =>
        new(entries
            .OrderBy(e => e.Operation, StringComparer.Ordinal)
            .ThenBy(e => e.Time ?? "", StringComparer.Ordinal)
            .ThenBy(e => e.Manager, StringComparer.Ordinal)
            .ThenBy(e => e.Subresource, StringComparer.Ordinal)
            .Select(e => (JsonNode)e.ToJson()).ToArray());

    private static string? Text(JsonObject entry, string field) =>
        entry[field] switch
        {
            null => "",
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            _ => null,
        };
}
