using System.Text;
using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;
using Lotse.Kube.Validation;
using Lotse.Storage;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// core/v1 PersistentVolumeClaim (upstream <c>pkg/registry/core/persistentvolumeclaim/strategy.go</c>,
/// <c>ValidatePersistentVolumeClaimSpec</c>/<c>…Update</c>): access modes and a storage request are required, the volume
/// mode defaults to Filesystem, a new claim is Pending. The spec is fixed once created, except that volumeName may be set
/// once, a missing class may be filled in later, volumeAttributesClassName may change, and a bound claim's storage request
/// may grow. A claim without <c>storageClassName</c> gets the cluster's default class (the DefaultStorageClass admission).
/// </summary>
public sealed class PersistentVolumeClaimStrategy : KubeStrategy
{
    public override IReadOnlyDictionary<string, string> PatchMergeKeys { get; } =
        new Dictionary<string, string>(Patch.StrategicMergePatch.CommonMergeKeys) { ["status.conditions"] = "type" };

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Status", "string", "", "phase represents the current phase of PersistentVolumeClaim."),
        new("Volume", "string", "", "volumeName is the binding reference to the PersistentVolume backing this claim."),
        new("Capacity", "string", "", "capacity represents the actual resources of the underlying volume."),
        new("Access Modes", "string", "", "accessModes contains the actual access modes the volume backing the PVC has. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes-1"),
        new("StorageClass", "string", "", "StorageClass of the pvc"),
        new("VolumeAttributesClass", "string", "", "VolumeAttributesClass of the pvc"),
        TableColumn.AgeColumn,
        new("VolumeMode", "string", "", "volumeMode defines what type of volume is required by the claim. Value of Filesystem is implied when not included in claim spec.", 1),
    ];

    public override string? DecodeError(JsonObject obj)
    {
        var resources = obj.GetObject("spec").GetObject("resources");
        return Quantity.MapDecodeError(resources.GetObject("requests"))
            ?? Quantity.MapDecodeError(resources.GetObject("limits"))
            ?? Quantity.MapDecodeError(obj.GetObject("status").GetObject("capacity"));
    }

    public override void PrepareForCreate(JsonObject obj)
    {
        ApplyDefaults(obj);
        obj["status"] = new JsonObject { ["phase"] = "Pending" };
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        ApplyDefaults(obj);
        obj["status"] = old["status"]?.DeepClone();
    }

    /// <summary>The DefaultStorageClass admission: a claim that names no class (and has no beta annotation) gets the default one.</summary>
    public override async ValueTask OnCreateAsync(KubeWriteContext context, JsonObject obj, List<StoreOperation> operations)
    {
        var spec = obj.GetObject("spec");
        if (spec is null || spec["storageClassName"] is not null
            || obj.GetObject("metadata").GetObject("annotations")?[PersistentVolumeRules.BetaStorageClassAnnotation] is not null)
        {
            return;
        }

        var prefix = $"{context.Cluster.StoragePrefix}registry/{StorageClassStrategy.Group}/storageclasses/";
        var list = await context.Store.ListAsync(prefix, default, context.CancellationToken);
        var defaultClass = list.Items
            .Select(item => ObjectBytes.Parse(item.Value, item.ModRevision))
            .Where(c => c.GetObject("metadata").GetObject("annotations").GetString(StorageClassStrategy.DefaultClassAnnotation) == "true")
            .OrderByDescending(c => c.CreationTimestamp())
            .ThenBy(c => c.Name(), StringComparer.Ordinal)
            .FirstOrDefault();
        if (defaultClass is not null)
        {
            spec["storageClassName"] = defaultClass.Name();
        }
    }

    public override void Validate(JsonObject obj, List<FieldError> errors)
    {
        var spec = obj.GetObject("spec");
        var modes = spec.GetArray("accessModes");
        if (modes is not { Count: > 0 })
        {
            errors.Add(FieldError.Required("spec.accessModes", "at least 1 access mode is required"));
        }

        PersistentVolumeRules.ValidateAccessModes(modes, "spec.accessModes", errors);
        var requests = Quantity.ReadMap(spec.GetObject("resources").GetObject("requests"));
        if (!requests.TryGetValue("storage", out var storage))
        {
            errors.Add(FieldError.Required("spec.resources[storage]", ""));
        }
        else if (storage.Value <= 0)
        {
            errors.Add(FieldError.Invalid("spec.resources[storage]", storage.ToString(), "must be greater than zero"));
        }

        PersistentVolumeRules.ValidateClassName(spec.GetString("storageClassName"), "spec.storageClassName", errors);
        PersistentVolumeRules.ValidateClassName(spec.GetString("volumeAttributesClassName"), "spec.volumeAttributesClassName", errors);
        PersistentVolumeRules.ValidateVolumeMode(spec, "spec.volumeMode", errors);
    }

    public override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        Validate(obj, errors);
        var newSpec = (JsonObject?)obj.GetObject("spec")?.DeepClone() ?? [];
        var oldSpec = (JsonObject?)old.GetObject("spec")?.DeepClone() ?? [];
        if (string.IsNullOrEmpty(oldSpec.GetString("volumeName")))
        {
            oldSpec["volumeName"] = newSpec["volumeName"]?.DeepClone();
        }

        // RetroactiveDefaultStorageClass: a claim without a class (and without the beta annotation) may get one later.
        var oldAnnotation = old.GetObject("metadata").GetObject("annotations")?[PersistentVolumeRules.BetaStorageClassAnnotation];
        if (oldAnnotation is null && oldSpec["storageClassName"] is null)
        {
            newSpec.Remove("storageClassName");
        }

        oldSpec["volumeAttributesClassName"] = newSpec["volumeAttributesClassName"]?.DeepClone();
        if (obj.GetObject("status").GetString("phase") == "Bound" && newSpec.GetObject("resources")?["requests"] is JsonObject newRequests)
        {
            newRequests["storage"] = old.GetObject("spec").GetObject("resources").GetObject("requests")?["storage"]?.DeepClone();
        }

        RemoveNulls(newSpec);
        RemoveNulls(oldSpec);
        if (!JsonNode.DeepEquals(newSpec, oldSpec))
        {
            errors.Add(FieldError.Forbidden("spec", "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n" + SpecDiff(oldSpec, newSpec)));
        }

        var oldSize = Quantity.ReadMap(old.GetObject("spec").GetObject("resources").GetObject("requests")).GetValueOrDefault("storage");
        var newSize = Quantity.ReadMap(obj.GetObject("spec").GetObject("resources").GetObject("requests")).GetValueOrDefault("storage");
        if ((newSize?.Value ?? 0) < (oldSize?.Value ?? 0))
        {
            errors.Add(FieldError.Forbidden("spec.resources.requests.storage", "field can not be less than previous value"));
        }
    }

    /// <summary>The status subresource's update: capacities may not be negative.</summary>
    public static void ValidateStatus(JsonObject obj, List<FieldError> errors)
    {
        foreach (var (name, quantity) in Quantity.ReadMap(obj.GetObject("status").GetObject("capacity")))
        {
            if (quantity.Value < 0)
            {
                errors.Add(FieldError.Invalid($"status.capacity[{name}]", quantity.ToString(), "must be greater than or equal to 0"));
            }
        }
    }

    /// <summary>The status subresource's update: capacities in canonical form.</summary>
    public static void PrepareForStatusUpdate(JsonObject obj) => Quantity.CanonicalizeMap(obj.GetObject("status").GetObject("capacity"));

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        var spec = obj.GetObject("spec");
        var status = obj.GetObject("status");
        var volume = spec.GetString("volumeName") ?? "";
        cells.Add(obj.Name());
        cells.Add(PersistentVolumeRules.Phase(obj));
        cells.Add(volume);
        cells.Add(volume.Length == 0 ? "" : PersistentVolumeRules.Storage(status.GetObject("capacity")));
        cells.Add(volume.Length == 0 ? "" : PersistentVolumeRules.AccessModesText(status.GetArray("accessModes")));
        cells.Add(PersistentVolumeRules.StorageClass(obj));
        cells.Add(PersistentVolumeRules.AttributesClass(obj));
        cells.Add(HumanDuration.Since(obj.CreationTimestamp(), now));
        cells.Add(PersistentVolumeRules.VolumeMode(obj));
    }

    private static void ApplyDefaults(JsonObject obj)
    {
        if (obj["spec"] is not JsonObject spec)
        {
            spec = [];
            obj["spec"] = spec;
        }

        spec["volumeMode"] ??= "Filesystem";
        var resources = spec.GetObject("resources");
        Quantity.CanonicalizeMap(resources.GetObject("requests"));
        Quantity.CanonicalizeMap(resources.GetObject("limits"));
    }

    private static void RemoveNulls(JsonObject obj)
    {
        foreach (var key in obj.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            obj.Remove(key);
        }
    }

    /// <summary>
    /// The changed spec fields, one -/+ pair each. Upstream appends a go-cmp diff of the internal Go structs, which we
    /// do not reproduce; the lines name the same fields in their JSON form.
    /// </summary>
    private static string SpecDiff(JsonObject oldSpec, JsonObject newSpec)
    {
        var sb = new StringBuilder("  core.PersistentVolumeClaimSpec{\n");
        foreach (var key in oldSpec.Select(p => p.Key).Union(newSpec.Select(p => p.Key)).Order(StringComparer.Ordinal))
        {
            if (!JsonNode.DeepEquals(oldSpec[key], newSpec[key]))
            {
                sb.Append("- \t").Append(key).Append(": ").Append(oldSpec[key]?.ToJsonString() ?? "nil").Append(",\n");
                sb.Append("+ \t").Append(key).Append(": ").Append(newSpec[key]?.ToJsonString() ?? "nil").Append(",\n");
            }
        }

        return sb.Append("  }\n").ToString();
    }
}
