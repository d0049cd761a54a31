using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;
using Lotse.Kube.Validation;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// storage.k8s.io/v1 CSIDriver (upstream <c>pkg/registry/storage/csidriver/strategy.go</c>, <c>ValidateCSIDriver</c>,
/// storage/v1 <c>SetDefaults_CSIDriver</c>): how the kubelet and the attach controller treat a CSI driver. Every flag
/// is defaulted (attachRequired true, the others false, fsGroupPolicy ReadWriteOnceWithFSType, lifecycle modes
/// [Persistent]); attachRequired and the lifecycle modes cannot change. A fresh cluster has none (EKS adds
/// <c>ebs.csi.aws.com</c> only with the add-on).
/// </summary>
public sealed class CsiDriverStrategy : KubeStrategy
{
    private const long MinTokenSeconds = 10 * 60;
    private const long MaxTokenSeconds = 1L << 32;
    private static readonly string[] FsGroupPolicies = ["File", "None", "ReadWriteOnceWithFSType"];
    private static readonly string[] LifecycleModes = ["Persistent", "Ephemeral"];

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("AttachRequired", "boolean", "", "attachRequired indicates this CSI volume driver requires an attach operation (because it implements the CSI ControllerPublishVolume() method), and that the Kubernetes attach detach controller should call the attach volume interface which checks the volumeattachment status and waits until the volume is attached before proceeding to mounting. The CSI external-attacher coordinates with CSI volume driver and updates the volumeattachment status when the attach operation is complete. If the value is specified to false, the attach operation will be skipped. Otherwise the attach operation will be called.\n\nThis field is immutable."),
        new("PodInfoOnMount", "boolean", "", "podInfoOnMount indicates this CSI volume driver requires additional pod information (like podName, podUID, etc.) during mount operations, if set to true. If set to false, pod information will not be passed on mount. Default is false."),
        new("StorageCapacity", "boolean", "", "storageCapacity indicates that the CSI volume driver wants pod scheduling to consider the storage capacity that the driver deployment will report by creating CSIStorageCapacity objects with capacity information, if set to true."),
        new("TokenRequests", "string", "", "tokenRequests indicates the CSI driver needs pods' service account tokens it is mounting volume for to do necessary authentication. Kubelet will pass the tokens in VolumeContext in the CSI NodePublishVolume calls."),
        new("RequiresRepublish", "boolean", "", "requiresRepublish indicates the CSI driver wants `NodePublishVolume` being periodically called to reflect any possible change in the mounted volume. This field defaults to false."),
        new("Modes", "string", "", "volumeLifecycleModes defines what kind of volumes this CSI volume driver supports. The default if the list is empty is \"Persistent\", which is the usage defined by the CSI specification and implemented in Kubernetes via the usual PV/PVC mechanism."),
        TableColumn.AgeColumn,
    ];

    public override IReadOnlyList<string> TopLevelFields { get; } = ["spec"];

    public override string? DecodeError(JsonObject obj)
    {
        var spec = obj.GetObject("spec");
        foreach (var field in new[] { "attachRequired", "podInfoOnMount", "storageCapacity", "requiresRepublish", "seLinuxMount" })
        {
            if (spec?[field] is { } node && node.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            {
                return $"json: cannot unmarshal {GoKind(node)} into Go struct field CSIDriverSpec.spec.{field} of type bool";
            }
        }

        return null;
    }

    public override void PrepareForCreate(JsonObject obj) => ApplyDefaults(obj);

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        ApplyDefaults(obj);
        obj.BumpGenerationOnChange(old);
    }

    public override void Validate(JsonObject obj, List<FieldError> errors)
    {
        var spec = obj.GetObject("spec");
        if (spec.GetString("fsGroupPolicy") is { } policy && !FsGroupPolicies.Contains(policy))
        {
            errors.Add(FieldError.NotSupported("spec.fsGroupPolicy", policy, FsGroupPolicies));
        }

        var audiences = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var request in spec.GetArray("tokenRequests")?.OfType<JsonObject>() ?? [])
        {
            var path = $"spec.tokenRequests[{index++}]";
            var audience = request.GetString("audience") ?? "";
            if (!audiences.Add(audience))
            {
                errors.Add(FieldError.Duplicate($"{path}.audience", audience));
                continue;
            }

            switch (request.GetInt("expirationSeconds"))
            {
                case < MinTokenSeconds and var seconds:
                    errors.Add(FieldError.InvalidRaw($"{path}.expirationSeconds", seconds.ToString(CultureInfo.InvariantCulture), "may not specify a duration less than 10 minutes"));
                    break;
                case > MaxTokenSeconds and var seconds:
                    errors.Add(FieldError.InvalidRaw($"{path}.expirationSeconds", seconds.ToString(CultureInfo.InvariantCulture), "may not specify a duration larger than 2^32 seconds"));
                    break;
            }
        }

        foreach (var mode in (spec.GetArray("volumeLifecycleModes") ?? []).Select(m => m?.ToString() ?? ""))
        {
            if (!LifecycleModes.Contains(mode))
            {
                errors.Add(FieldError.NotSupported("spec.volumeLifecycleModes", mode, LifecycleModes));
            }
        }
    }

    public override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        Validate(obj, errors);
        var spec = obj.GetObject("spec");
        var oldSpec = old.GetObject("spec");
        if (!JsonNode.DeepEquals(spec?["attachRequired"], oldSpec?["attachRequired"]))
        {
            // Upstream names the path "attachedRequired".
            errors.Add(FieldError.InvalidRaw("spec.attachedRequired", spec?["attachRequired"]?.ToJsonString() ?? "null", "field is immutable"));
        }

        if (!JsonNode.DeepEquals(spec?["volumeLifecycleModes"], oldSpec?["volumeLifecycleModes"]))
        {
            var modes = (spec.GetArray("volumeLifecycleModes") ?? []).Select(m => $"\"{m}\"");
            errors.Add(FieldError.InvalidRaw("spec.volumeLifecycleModes", $"[]storage.VolumeLifecycleMode{{{string.Join(", ", modes)}}}", "field is immutable"));
        }
    }

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        var spec = obj.GetObject("spec");
        var tokenRequests = spec.GetArray("tokenRequests") is { } requests
            ? string.Join(",", requests.OfType<JsonObject>().Select(r => r.GetString("audience") ?? ""))
            : "<unset>";
        var modes = string.Join(",", (spec.GetArray("volumeLifecycleModes") ?? []).Select(m => m?.ToString() ?? ""));
        cells.Add(obj.Name());
        cells.Add(Flag(spec, "attachRequired", true));
        cells.Add(Flag(spec, "podInfoOnMount", false));
        cells.Add(Flag(spec, "storageCapacity", false));
        cells.Add(tokenRequests);
        cells.Add(Flag(spec, "requiresRepublish", false));
        cells.Add(modes.Length == 0 ? "<none>" : modes);
        cells.Add(HumanDuration.Since(obj.CreationTimestamp(), now));
    }

    private static bool Flag(JsonObject? spec, string field, bool absent) =>
        spec?[field] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : absent;

    private static string GoKind(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => "value",
    };

    private static void ApplyDefaults(JsonObject obj)
    {
        if (obj["spec"] is not JsonObject spec)
        {
            obj["spec"] = spec = [];
        }

        spec["attachRequired"] ??= true;
        spec["podInfoOnMount"] ??= false;
        if ((spec.GetArray("volumeLifecycleModes")?.Count ?? 0) == 0)
        {
            spec["volumeLifecycleModes"] = new JsonArray("Persistent");
        }

        spec["storageCapacity"] ??= false;
        spec["fsGroupPolicy"] ??= "ReadWriteOnceWithFSType";
        spec["requiresRepublish"] ??= false;
        spec["seLinuxMount"] ??= false;
    }
}
