using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Validation;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>What PersistentVolumes and PersistentVolumeClaims share: access modes, volume modes, class names, the printers' cells.</summary>
public static class PersistentVolumeRules
{
    /// <summary>The legacy class annotation, which wins over <c>spec.storageClassName</c> when present.</summary>
    public const string BetaStorageClassAnnotation = "volume.beta.kubernetes.io/storage-class";

    /// <summary>Sorted, as upstream's error lists them.</summary>
    public static readonly string[] AccessModes = ["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"];

    public static readonly string[] VolumeModes = ["Block", "Filesystem"];

    private static readonly (string Mode, string Short)[] ModeAbbreviations =
        [("ReadWriteOnce", "RWO"), ("ReadOnlyMany", "ROX"), ("ReadWriteMany", "RWX"), ("ReadWriteOncePod", "RWOP")];

    /// <summary>Each mode must be known, and ReadWriteOncePod cannot be combined with another mode.</summary>
    public static void ValidateAccessModes(JsonArray? modes, string path, List<FieldError> errors)
    {
        bool oncePod = false, other = false;
        foreach (var mode in modes?.Select(m => m?.ToString() ?? "") ?? [])
        {
            if (!AccessModes.Contains(mode))
            {
                errors.Add(FieldError.NotSupported(path, mode, AccessModes));
            }

            oncePod |= mode == "ReadWriteOncePod";
            other |= mode != "ReadWriteOncePod" && AccessModes.Contains(mode);
        }

        if (oncePod && other)
        {
            errors.Add(FieldError.Forbidden(path, "may not use ReadWriteOncePod with other access modes"));
        }
    }

    public static void ValidateVolumeMode(JsonObject? spec, string path, List<FieldError> errors)
    {
        if (spec.GetString("volumeMode") is { } mode && !VolumeModes.Contains(mode))
        {
            errors.Add(FieldError.NotSupported(path, mode, VolumeModes));
        }
    }

    /// <summary>A class name (storage or volume attributes class) is a DNS subdomain.</summary>
    public static void ValidateClassName(string? name, string path, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(name))
        {
            return;
        }

        foreach (var msg in NameRules.IsDns1123Subdomain(name))
        {
            errors.Add(FieldError.Invalid(path, name, msg));
        }
    }

    /// <summary>helper.GetAccessModesAsString: the short forms in a fixed order, comma-separated.</summary>
    public static string AccessModesText(JsonArray? modes)
    {
        var present = modes?.Select(m => m?.ToString()).ToHashSet() ?? [];
        return string.Join(",", ModeAbbreviations.Where(m => present.Contains(m.Mode)).Select(m => m.Short));
    }

    /// <summary>The class of a volume or claim: the beta annotation if set, else <c>spec.storageClassName</c>.</summary>
    public static string StorageClass(JsonObject obj) =>
        obj.GetObject("metadata").GetObject("annotations").GetString(BetaStorageClassAnnotation)
        ?? obj.GetObject("spec").GetString("storageClassName") ?? "";

    /// <summary><c>spec.volumeAttributesClassName</c> or "&lt;unset&gt;".</summary>
    public static string AttributesClass(JsonObject obj) => obj.GetObject("spec").GetString("volumeAttributesClassName") ?? "<unset>";

    /// <summary><c>spec.volumeMode</c> or "&lt;unset&gt;".</summary>
    public static string VolumeMode(JsonObject obj) => obj.GetObject("spec").GetString("volumeMode") ?? "<unset>";

    /// <summary>The phase column: Terminating once deletion started.</summary>
    public static string Phase(JsonObject obj) =>
        obj.GetObject("metadata")?["deletionTimestamp"] is not null ? "Terminating" : obj.GetObject("status").GetString("phase") ?? "";

    /// <summary>The canonical storage quantity of a resource list, "0" when absent (Quantity.String() of the zero value).</summary>
    public static string Storage(JsonObject? resources) =>
        Quantity.ReadMap(resources).TryGetValue("storage", out var storage) ? storage.ToString() : "0";
}
