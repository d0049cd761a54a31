using System.Globalization;
using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;
using Lotse.Kube.Validation;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// storage.k8s.io/v1 CSINode (upstream <c>pkg/registry/storage/csinode/strategy.go</c>, <c>ValidateCSINode</c>): the CSI
/// drivers the kubelet registered on the node of the same name, each with its node ID, topology keys and volume
/// limit. A registered driver's entry cannot change (it may only be removed or joined by others).
/// </summary>
public sealed class CsiNodeStrategy : KubeStrategy
{
    private const int MaxNodeIdLength = 256;

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Drivers", "integer", "", "Drivers indicates the number of CSI drivers registered on the node"),
        TableColumn.AgeColumn,
    ];

    public override IReadOnlyDictionary<string, string> PatchMergeKeys { get; } =
        new Dictionary<string, string>(Patch.StrategicMergePatch.CommonMergeKeys) { ["spec.drivers"] = "name" };

    public override IReadOnlyList<string> TopLevelFields { get; } = ["spec"];

    public override void Validate(JsonObject obj, List<FieldError> errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var driver in Drivers(obj))
        {
            var path = $"spec.drivers[{index++}]";
            var name = driver.GetString("name") ?? "";
            ValidateDriverName($"{path}.name", name, errors);
            var nodeId = driver.GetString("nodeID") ?? "";
            if (nodeId.Length == 0)
            {
                errors.Add(FieldError.Required($"{path}.nodeID", ""));
            }
            else if (nodeId.Length > MaxNodeIdLength)
            {
                errors.Add(FieldError.Invalid($"{path}.nodeID", nodeId, $"must be {MaxNodeIdLength} characters or less"));
            }

            if (driver.GetObject("allocatable").GetInt("count") is < 0 and var count)
            {
                errors.Add(FieldError.InvalidRaw($"{path}.allocatable.count", count.ToString(CultureInfo.InvariantCulture), "must be greater than or equal to 0"));
            }

            if (!names.Add(name))
            {
                errors.Add(FieldError.Duplicate($"{path}.name", name));
            }

            var keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var key in (driver.GetArray("topologyKeys") ?? []).Select(k => k?.ToString() ?? ""))
            {
                if (key.Length == 0)
                {
                    errors.Add(FieldError.Required(path, ""));
                }

                if (!keys.Add(key))
                {
                    errors.Add(FieldError.Duplicate(path, key));
                }

                foreach (var msg in NameRules.IsQualifiedName(key))
                {
                    errors.Add(FieldError.Invalid(path, key, msg));
                }
            }
        }
    }

    public override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        Validate(obj, errors);
        var current = Drivers(obj).ToList();
        foreach (var oldDriver in Drivers(old))
        {
            foreach (var driver in current.Where(d => d.GetString("name") == oldDriver.GetString("name")))
            {
                if (!JsonNode.DeepEquals(((JsonObject)driver.DeepClone()).Canonicalize(), ((JsonObject)oldDriver.DeepClone()).Canonicalize()))
                {
                    errors.Add(FieldError.InvalidRaw("spec.drivers", GoDriver(driver), "field is immutable"));
                }
            }
        }
    }

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        cells.Add(obj.Name());
        cells.Add(Drivers(obj).Count());
        cells.Add(HumanDuration.Since(obj.CreationTimestamp(), now));
    }

    /// <summary>core <c>ValidateCSIDriverName</c>: required, at most 63 characters, a DNS subdomain (case-insensitive).</summary>
    public static void ValidateDriverName(string path, string name, List<FieldError> errors)
    {
        if (name.Length == 0)
        {
            errors.Add(FieldError.Required(path, ""));
        }

        if (name.Length > 63)
        {
            errors.Add(FieldError.TooLong(path, 63));
        }

        foreach (var msg in NameRules.IsDns1123Subdomain(name.ToLowerInvariant()))
        {
            errors.Add(FieldError.Invalid(path, name, msg));
        }
    }

    private static IEnumerable<JsonObject> Drivers(JsonObject obj) => obj.GetObject("spec").GetArray("drivers")?.OfType<JsonObject>() ?? [];

    /// <summary>A driver entry as Go's <c>%#v</c> prints the internal struct (the pointer as a fixed address).</summary>
    private static string GoDriver(JsonObject driver)
    {
        var keys = driver.GetArray("topologyKeys") is { } list ? $"[]string{{{string.Join(", ", list.Select(k => $"\"{k}\""))}}}" : "[]string(nil)";
        var allocatable = driver.GetObject("allocatable") is null ? "(*storage.VolumeNodeResources)(nil)" : "(*storage.VolumeNodeResources)(0xc000000000)";
        return $"storage.CSINodeDriver{{Name:\"{driver.GetString("name")}\", NodeID:\"{driver.GetString("nodeID")}\", TopologyKeys:{keys}, Allocatable:{allocatable}}}";
    }
}
