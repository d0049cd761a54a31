using System.Globalization;
using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;
using Lotse.Kube.Validation;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// storage.k8s.io/v1 VolumeAttachment (upstream <c>pkg/registry/storage/volumeattachment/strategy.go</c>,
/// <c>ValidateVolumeAttachment</c> plus the v1 checks): the request to attach one volume (a PV by name, or an inline
/// PV spec; exactly one) to a node through a CSI attacher. The spec cannot change; the status (attached, metadata,
/// errors) belongs to the status subresource, which the external attacher would write.
/// </summary>
public sealed class VolumeAttachmentStrategy : KubeStrategy
{
    private const int MaxMetadataSize = 256 * 1024;
    private const int MaxErrorMessageSize = 1024;

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Attacher", "string", "name", "attacher indicates the name of the volume driver that MUST handle this request. This is the name returned by GetPluginName()."),
        new("PV", "string", "", "persistentVolumeName represents the name of the persistent volume to attach."),
        new("Node", "string", "", "nodeName represents the node that the volume should be attached to."),
        new("Attached", "boolean", "", "attached indicates the volume is successfully attached. This field must only be set by the entity completing the attach operation, i.e. the external-attacher."),
        TableColumn.AgeColumn,
    ];

    public override void PrepareForCreate(JsonObject obj) => obj["status"] = new JsonObject { ["attached"] = false };

    public override void PrepareForUpdate(JsonObject obj, JsonObject old) => obj["status"] = old["status"]?.DeepClone();

    public override void Validate(JsonObject obj, List<FieldError> errors)
    {
        var spec = obj.GetObject("spec");
        var attacher = spec.GetString("attacher") ?? "";
        if (attacher.Length == 0)
        {
            errors.Add(FieldError.Required("spec.attacher", ""));
        }

        var source = spec.GetObject("source");
        var pvName = source.GetString("persistentVolumeName");
        var inline = source?["inlineVolumeSpec"];
        if (inline is null && pvName is null)
        {
            errors.Add(FieldError.Required("spec.source", "must specify exactly one of inlineVolumeSpec and persistentVolumeName"));
        }
        else if (inline is not null && pvName is not null)
        {
            errors.Add(FieldError.Forbidden("spec.source", "must specify exactly one of inlineVolumeSpec and persistentVolumeName"));
        }
        else if (pvName is { Length: 0 })
        {
            errors.Add(FieldError.Required("spec.source.persistentVolumeName", "must specify non empty persistentVolumeName"));
        }

        var nodeName = spec.GetString("nodeName") ?? "";
        foreach (var msg in NameRules.IsDns1123Subdomain(nodeName))
        {
            errors.Add(FieldError.Invalid("spec.nodeName", nodeName, msg));
        }

        ValidateStatus(obj, obj, errors);

        // The v1-only checks; upstream drops messages the common checks already reported.
        var attacherErrors = new List<FieldError>();
        CsiNodeStrategy.ValidateDriverName("spec.attacher", attacher, attacherErrors);
        errors.AddRange(attacherErrors.Where(e => !errors.Contains(e)));
        if (pvName is { Length: > 0 })
        {
            foreach (var msg in NameRules.IsDns1123Subdomain(pvName))
            {
                errors.Add(FieldError.Invalid("spec.source.persistentVolumeName", pvName, msg));
            }
        }
    }

    public override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        Validate(obj, errors);
        if (!JsonNode.DeepEquals((obj.GetObject("spec")?.DeepClone() as JsonObject)?.Canonicalize(), (old.GetObject("spec")?.DeepClone() as JsonObject)?.Canonicalize()))
        {
            errors.Add(FieldError.InvalidRaw("spec", GoSpec(obj.GetObject("spec")), "field is immutable"));
        }
    }

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        var spec = obj.GetObject("spec");
        cells.Add(obj.Name());
        cells.Add(spec.GetString("attacher") ?? "");
        cells.Add(spec.GetObject("source").GetString("persistentVolumeName") ?? "");
        cells.Add(spec.GetString("nodeName") ?? "");
        cells.Add(obj.GetObject("status")?["attached"] is JsonValue attached && attached.GetValueKind() == System.Text.Json.JsonValueKind.True);
        cells.Add(HumanDuration.Since(obj.CreationTimestamp(), now));
    }

    /// <summary>The status checks: bounded attachment metadata, bounded error messages, non-negative error codes.</summary>
    public static void ValidateStatus(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        var status = obj.GetObject("status");
        var size = (status.GetObject("attachmentMetadata") ?? []).Sum(p => p.Key.Length + (p.Value?.ToString().Length ?? 0));
        if (size > MaxMetadataSize)
        {
            errors.Add(FieldError.TooLong("status.attachmentMetadata", MaxMetadataSize));
        }

        foreach (var field in new[] { "attachError", "detachError" })
        {
            var error = status.GetObject(field);
            if ((error.GetString("message")?.Length ?? 0) > MaxErrorMessageSize)
            {
                // Upstream reports the metadata limit here.
                errors.Add(FieldError.TooLong($"status.{field}.message", MaxMetadataSize));
            }

            if (error.GetInt("errorCode") is < 0 and var code)
            {
                errors.Add(FieldError.InvalidRaw($"status.{field}.errorCode", code.ToString(CultureInfo.InvariantCulture), "must be between 0 and 2147483647, inclusive"));
            }
        }
    }

    /// <summary>The internal spec as Go's <c>%#v</c> prints it (pointers as a fixed address).</summary>
    private static string GoSpec(JsonObject? spec)
    {
        var source = spec.GetObject("source");
        var pv = source.GetString("persistentVolumeName") is null ? "(*string)(nil)" : "(*string)(0xc000000000)";
        var inline = source?["inlineVolumeSpec"] is null ? "(*core.PersistentVolumeSpec)(nil)" : "(*core.PersistentVolumeSpec)(0xc000000000)";
        return $"storage.VolumeAttachmentSpec{{Attacher:\"{spec.GetString("attacher")}\", Source:storage.VolumeAttachmentSource{{PersistentVolumeName:{pv}, InlineVolumeSpec:{inline}}}, NodeName:\"{spec.GetString("nodeName")}\"}}";
    }
}
