using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;
using Lotse.Kube.Validation;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// storage.k8s.io/v1 StorageClass (upstream <c>pkg/registry/storage/storageclass/strategy.go</c>, storage/v1
/// SetDefaults_StorageClass and <c>ValidateStorageClass</c>): provisioner, parameters, reclaimPolicy and
/// volumeBindingMode are fixed once created; the default class is the one annotated
/// <see cref="DefaultClassAnnotation"/>.
/// </summary>
public sealed class StorageClassStrategy : KubeStrategy
{
    public const string Group = "storage.k8s.io";
    public const string DefaultClassAnnotation = "storageclass.kubernetes.io/is-default-class";

    private const int MaxParameters = 512;
    private const int MaxParametersSize = 256 * 1024;
    private static readonly string[] ReclaimPolicies = ["Delete", "Retain"];
    private static readonly string[] BindingModes = ["Immediate", "WaitForFirstConsumer"];

    public override IReadOnlyList<string> TopLevelFields { get; } =
        ["provisioner", "parameters", "reclaimPolicy", "mountOptions", "allowVolumeExpansion", "volumeBindingMode", "allowedTopologies"];

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Provisioner", "string", "", "provisioner indicates the type of the provisioner."),
        new("ReclaimPolicy", "string", "", "reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class. Defaults to Delete."),
        new("VolumeBindingMode", "string", "", "volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.  When unset, VolumeBindingImmediate is used. This field is only honored by servers that enable the VolumeScheduling feature."),
        new("AllowVolumeExpansion", "string", "", "allowVolumeExpansion shows whether the storage class allow volume expand."),
        TableColumn.AgeColumn,
    ];

    public override string? DecodeError(JsonObject obj) => DecodeChecks.StringMap(obj, "StorageClass", "parameters");

    /// <summary>EKS's <c>gp2</c> class (in-tree EBS provisioner, not annotated default since EKS 1.30), for the cluster bootstrap.</summary>
    public static JsonObject EksGp2() => new()
    {
        ["apiVersion"] = $"{Group}/v1",
        ["kind"] = "StorageClass",
        ["metadata"] = new JsonObject { ["name"] = "gp2" },
        ["provisioner"] = "kubernetes.io/aws-ebs",
        ["parameters"] = new JsonObject { ["fsType"] = "ext4", ["type"] = "gp2" },
        ["reclaimPolicy"] = "Delete",
        ["volumeBindingMode"] = "WaitForFirstConsumer",
    };

    public override void PrepareForCreate(JsonObject obj) => ApplyDefaults(obj);

    public override void PrepareForUpdate(JsonObject obj, JsonObject old) => ApplyDefaults(obj);

    public override void Validate(JsonObject obj, List<FieldError> errors)
    {
        var provisioner = obj.GetString("provisioner") ?? "";
        if (provisioner.Length == 0)
        {
            errors.Add(FieldError.Required("provisioner", ""));
        }
        else
        {
            var lower = provisioner.ToLowerInvariant();
            foreach (var msg in NameRules.IsQualifiedName(lower))
            {
                errors.Add(FieldError.Invalid("provisioner", lower, msg));
            }
        }

        ValidateParameters(obj.GetObject("parameters"), errors);
        var reclaim = obj.GetString("reclaimPolicy") ?? "";
        if (reclaim.Length > 0 && !ReclaimPolicies.Contains(reclaim))
        {
            errors.Add(FieldError.NotSupported("reclaimPolicy", reclaim, ReclaimPolicies));
        }

        var mode = obj.GetString("volumeBindingMode");
        if (mode is null)
        {
            errors.Add(FieldError.Required("volumeBindingMode", ""));
        }
        else if (!BindingModes.Contains(mode))
        {
            errors.Add(FieldError.NotSupported("volumeBindingMode", mode, BindingModes));
        }
    }

    public override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        Validate(obj, errors);
        if (!JsonNode.DeepEquals(EmptyAsNull(obj.GetObject("parameters")), EmptyAsNull(old.GetObject("parameters"))))
        {
            errors.Add(FieldError.Forbidden("parameters", "updates to parameters are forbidden."));
        }

        if (obj.GetString("provisioner") != old.GetString("provisioner"))
        {
            errors.Add(FieldError.Forbidden("provisioner", "updates to provisioner are forbidden."));
        }

        if (obj.GetString("reclaimPolicy") != old.GetString("reclaimPolicy"))
        {
            errors.Add(FieldError.Forbidden("reclaimPolicy", "updates to reclaimPolicy are forbidden."));
        }

        var mode = obj.GetString("volumeBindingMode");
        if (mode != old.GetString("volumeBindingMode"))
        {
            errors.Add(FieldError.Invalid("volumeBindingMode", mode, "field is immutable"));
        }
    }

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        var name = obj.Name();
        if (obj.GetObject("metadata").GetObject("annotations").GetString(DefaultClassAnnotation) == "true")
        {
            name += " (default)";
        }

        cells.Add(name);
        cells.Add(obj.GetString("provisioner") ?? "");
        cells.Add(obj.GetString("reclaimPolicy") ?? "Delete");
        cells.Add(obj.GetString("volumeBindingMode") ?? "Immediate");
        cells.Add(obj["allowVolumeExpansion"] is JsonValue v && v.TryGetValue<bool>(out var expand) && expand);
        cells.Add(HumanDuration.Since(obj.CreationTimestamp(), now));
    }

    private static void ApplyDefaults(JsonObject obj)
    {
        obj["reclaimPolicy"] ??= "Delete";
        obj["volumeBindingMode"] ??= "Immediate";
    }

    private static JsonObject? EmptyAsNull(JsonObject? map) => map is { Count: > 0 } ? map : null;

    private static void ValidateParameters(JsonObject? parameters, List<FieldError> errors)
    {
        if (parameters is null)
        {
            return;
        }

        if (parameters.Count > MaxParameters)
        {
            errors.Add(new FieldError("FieldValueTooLong", "parameters", $"Too long: may not have more than {MaxParameters} items"));
            return;
        }

        var size = 0L;
        foreach (var (key, value) in parameters)
        {
            if (key.Length == 0)
            {
                errors.Add(FieldError.Invalid("parameters", key, "field can not be empty."));
            }

            size += key.Length + (value?.ToString().Length ?? 0);
        }

        if (size > MaxParametersSize)
        {
            errors.Add(FieldError.TooLong("parameters", MaxParametersSize));
        }
    }
}
