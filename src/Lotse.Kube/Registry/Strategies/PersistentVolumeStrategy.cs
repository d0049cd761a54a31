using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;
using Lotse.Kube.Validation;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// core/v1 PersistentVolume (upstream <c>pkg/registry/core/persistentvolume/strategy.go</c>, SetDefaults_PersistentVolume,
/// <c>ValidatePersistentVolumeSpec</c>): a storage capacity, access modes, exactly one volume source; the reclaim policy
/// defaults to Retain and the volume mode to Filesystem. A new volume is Pending (with its phase transition time); no
/// binder runs here, so <c>persistentvolumes/status</c> moves it on.
/// </summary>
public sealed class PersistentVolumeStrategy : KubeStrategy
{
    private static readonly string[] ReclaimPolicies = ["Delete", "Recycle", "Retain"];

    private static readonly string[] VolumeSources =
    [
        "hostPath", "gcePersistentDisk", "awsElasticBlockStore", "glusterfs", "nfs", "rbd", "quobyte", "cephfs", "iscsi", "cinder",
        "fc", "flocker", "flexVolume", "azureFile", "vsphereVolume", "azureDisk", "photonPersistentDisk", "portworxVolume",
        "scaleIO", "local", "storageos", "csi",
    ];

    /// <summary>Required fields of the common volume sources (upstream's per-source validators).</summary>
    private static readonly Dictionary<string, string[]> RequiredSourceFields = new(StringComparer.Ordinal)
    {
        ["hostPath"] = ["path"],
        ["nfs"] = ["server", "path"],
        ["awsElasticBlockStore"] = ["volumeID"],
        ["gcePersistentDisk"] = ["pdName"],
        ["local"] = ["path"],
        ["csi"] = ["driver", "volumeHandle"],
    };

    public override IReadOnlyList<string> ExtraSelectableFields { get; } = ["status.phase"];

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Capacity", "string", "", "capacity is the description of the persistent volume's resources and capacity. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#capacity"),
        new("Access Modes", "string", "", "accessModes contains all ways the volume can be mounted. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes"),
        new("Reclaim Policy", "string", "", "persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim. Valid options are Retain (default for manually created PersistentVolumes), Delete (default for dynamically provisioned PersistentVolumes), and Recycle (deprecated). Recycle must be supported by the volume plugin underlying this PersistentVolume. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#reclaiming"),
        new("Status", "string", "", "phase indicates if a volume is available, bound to a claim, or released by a claim. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#phase"),
        new("Claim", "string", "", "claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim. Expected to be non-nil when bound. claim.VolumeName is the authoritative bind between PV and PVC. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#binding"),
        new("StorageClass", "string", "", "StorageClass of the pv"),
        new("VolumeAttributesClass", "string", "", "VolumeAttributesClass of the pv"),
        new("Reason", "string", "", "reason is a brief CamelCase string that describes any failure and is meant for machine parsing and tidy display in the CLI."),
        TableColumn.AgeColumn,
        new("VolumeMode", "string", "", "volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state. Value of Filesystem is implied when not included in spec.", 1),
    ];

    public override string? DecodeError(JsonObject obj) => Quantity.MapDecodeError(obj.GetObject("spec").GetObject("capacity"));

    public override void PrepareForCreate(JsonObject obj)
    {
        ApplyDefaults(obj);
        obj["status"] = new JsonObject
        {
            ["phase"] = "Pending",
            ["lastPhaseTransitionTime"] = obj.MetaString("creationTimestamp"),
        };
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        ApplyDefaults(obj);
        obj["status"] = old["status"]?.DeepClone();
    }

    /// <summary>The status subresource's update: a phase change stamps <c>lastPhaseTransitionTime</c>.</summary>
    public static void PrepareForStatusUpdate(JsonObject obj, JsonObject old, DateTimeOffset now)
    {
        if (obj["status"] is not JsonObject status)
        {
            status = [];
            obj["status"] = status;
        }

        status["phase"] ??= "Pending";
        if (status.GetString("phase") != old.GetObject("status").GetString("phase"))
        {
            status["lastPhaseTransitionTime"] = JsonObjectExtensions.FormatTime(now);
        }
    }

    public override void Validate(JsonObject obj, List<FieldError> errors)
    {
        var spec = obj.GetObject("spec");
        var modes = spec.GetArray("accessModes");
        if (modes is not { Count: > 0 })
        {
            errors.Add(FieldError.Required("spec.accessModes", ""));
        }

        PersistentVolumeRules.ValidateAccessModes(modes, "spec.accessModes", errors);
        var capacity = spec.GetObject("capacity");
        if (capacity is not { Count: > 0 })
        {
            errors.Add(FieldError.Required("spec.capacity", ""));
        }

        if (capacity?["storage"] is null || capacity.Count > 1)
        {
            var rendered = capacity is null ? "core.ResourceList(nil)" : $"core.ResourceList{{{string.Join(", ", capacity.Select(p => $"\"{p.Key}\":{Quantity.ReadMap(capacity).GetValueOrDefault(p.Key)?.GoSyntax()}"))}}}";
            errors.Add(new FieldError("FieldValueNotSupported", "spec.capacity", $"Unsupported value: {rendered}: supported values: \"storage\""));
        }

        foreach (var (name, quantity) in Quantity.ReadMap(capacity))
        {
            if (quantity.Value <= 0)
            {
                errors.Add(FieldError.Invalid($"spec.capacity[{name}]", quantity.ToString(), "must be greater than zero"));
            }
        }

        PersistentVolumeRules.ValidateClassName(spec.GetString("storageClassName"), "spec.storageClassName", errors);
        if (spec.GetString("persistentVolumeReclaimPolicy") is { Length: > 0 } policy && !ReclaimPolicies.Contains(policy))
        {
            errors.Add(FieldError.NotSupported("spec.persistentVolumeReclaimPolicy", policy, ReclaimPolicies));
        }

        ValidateSource(spec, errors);
        PersistentVolumeRules.ValidateVolumeMode(spec, "spec.volumeMode", errors);
    }

    /// <summary>ValidatePersistentVolumeUpdate: the volume source and volume mode are fixed once created.</summary>
    public override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        Validate(obj, errors);
        var spec = obj.GetObject("spec");
        var oldSpec = old.GetObject("spec");
        var changed = VolumeSources.Where(source => !JsonNode.DeepEquals(spec?[source], oldSpec?[source])).ToList();
        if (changed.Count > 0)
        {
            var diff = string.Concat(changed.Select(source =>
                $"- \t{source}: {oldSpec?[source]?.ToJsonString() ?? "nil"},\n+ \t{source}: {spec?[source]?.ToJsonString() ?? "nil"},\n"));
            errors.Add(FieldError.Forbidden("spec.persistentvolumesource", $"spec.persistentvolumesource is immutable after creation\n  core.PersistentVolumeSource{{\n{diff}  }}\n"));
        }

        var mode = spec.GetString("volumeMode");
        if (mode != oldSpec.GetString("volumeMode"))
        {
            errors.Add(FieldError.Invalid("volumeMode", mode, "field is immutable"));
        }
    }

    public override string GetSelectableField(JsonObject obj, string field) => field switch
    {
        "status.phase" => obj.GetObject("status").GetString("phase") ?? "",
        _ => "",
    };

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        var spec = obj.GetObject("spec");
        var claim = spec.GetObject("claimRef");
        cells.Add(obj.Name());
        cells.Add(PersistentVolumeRules.Storage(spec.GetObject("capacity")));
        cells.Add(PersistentVolumeRules.AccessModesText(spec.GetArray("accessModes")));
        cells.Add(spec.GetString("persistentVolumeReclaimPolicy") ?? "");
        cells.Add(PersistentVolumeRules.Phase(obj));
        cells.Add(claim is null ? "" : $"{claim.GetString("namespace")}/{claim.GetString("name")}");
        cells.Add(PersistentVolumeRules.StorageClass(obj));
        cells.Add(PersistentVolumeRules.AttributesClass(obj));
        cells.Add(obj.GetObject("status").GetString("reason") ?? "");
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

        spec["persistentVolumeReclaimPolicy"] ??= "Retain";
        spec["volumeMode"] ??= "Filesystem";
        Quantity.CanonicalizeMap(spec.GetObject("capacity"));
    }

    /// <summary>Exactly one volume source, with the fields its validator requires.</summary>
    private static void ValidateSource(JsonObject? spec, List<FieldError> errors)
    {
        var count = 0;
        foreach (var source in VolumeSources)
        {
            if (spec?[source] is null)
            {
                continue;
            }

            if (count++ > 0)
            {
                errors.Add(FieldError.Forbidden($"spec.{source}", "may not specify more than 1 volume type"));
                continue;
            }

            foreach (var field in RequiredSourceFields.GetValueOrDefault(source) ?? [])
            {
                if (string.IsNullOrEmpty(spec.GetObject(source).GetString(field)))
                {
                    errors.Add(FieldError.Required($"spec.{source}.{field}", ""));
                }
            }

            if (source == "local" && spec["nodeAffinity"] is null)
            {
                errors.Add(FieldError.Required("spec.nodeAffinity", "Local volume requires node affinity"));
            }
        }

        if (count == 0)
        {
            errors.Add(FieldError.Required("spec", "must specify a volume type"));
        }
    }
}
