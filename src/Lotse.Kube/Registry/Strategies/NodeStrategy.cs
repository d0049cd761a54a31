using System.Net;
using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;
using Lotse.Kube.Validation;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// core/v1 Node (upstream <c>pkg/registry/core/node/strategy.go</c>, <c>ValidateNode</c>/<c>ValidateNodeUpdate</c>):
/// a kubelet registers its node with a status, so create keeps the status while updates carry it over from the stored
/// node (<c>nodes/status</c> changes it). podCIDR(s) and providerID may only be set once; taints are unique by key and
/// effect. <c>kubectl cordon</c>, <c>taint</c> and <c>label</c> are plain patches of this object.
/// </summary>
public sealed class NodeStrategy : KubeStrategy
{
    private const string RolePrefix = "node-role.kubernetes.io/";
    private const string RoleLabel = "kubernetes.io/role";
    private static readonly string[] TaintEffects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

    public override IReadOnlyList<string> ExtraSelectableFields { get; } = ["spec.unschedulable"];

    public override IReadOnlyDictionary<string, string> PatchMergeKeys { get; } =
        new Dictionary<string, string>(Patch.StrategicMergePatch.CommonMergeKeys)
        {
            ["status.conditions"] = "type",
            ["status.addresses"] = "type",
            ["spec.podCIDRs"] = "",
        };

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Status", "string", "", "The status of the node"),
        new("Roles", "string", "", "The roles of the node"),
        TableColumn.AgeColumn,
        new("Version", "string", "", "Kubelet Version reported by the node."),
        new("Internal-IP", "string", "", AddressesDescription, 1),
        new("External-IP", "string", "", AddressesDescription, 1),
        new("OS-Image", "string", "", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).", 1),
        new("Kernel-Version", "string", "", "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1),
        new("Container-Runtime", "string", "", "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).", 1),
    ];

    private static string AddressesDescription => "List of addresses reachable to the node. Queried from cloud provider, if available. More info: https://kubernetes.io/docs/reference/node/node-status/#addresses Note: This field is declared as mergeable, but the merge key is not sufficiently unique, which can cause data corruption when it is merged. Callers should instead use a full-replacement patch. See https://pr.k8s.io/79391 for an example. Consumers should assume that addresses can change during the lifetime of a Node. However, there are some exceptions where this may not be possible, such as Pods that inherit a Node's address in its own status or consumers of the downward API (status.hostIP).";

    public override string? DecodeError(JsonObject obj) =>
        Quantity.MapDecodeError(obj.GetObject("status").GetObject("capacity"))
        ?? Quantity.MapDecodeError(obj.GetObject("status").GetObject("allocatable"));

    public override void PrepareForCreate(JsonObject obj) => ApplyDefaults(obj);

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        ApplyDefaults(obj);
        obj["status"] = old["status"]?.DeepClone();
    }

    /// <summary>The status subresource's update: the stored spec, the new status (defaulted like on create).</summary>
    public static void PrepareForStatusUpdate(JsonObject obj, JsonObject old)
    {
        obj["spec"] = old["spec"]?.DeepClone();
        ApplyDefaults(obj);
    }

    public override void Validate(JsonObject obj, List<FieldError> errors)
    {
        var spec = obj.GetObject("spec");

        // Upstream reports taint errors under metadata.taints (its field path starts from metadata).
        ValidateTaints(spec.GetArray("taints"), "metadata.taints", errors);
        var status = obj.GetObject("status");
        ValidateResources(status.GetObject("capacity"), "status.capacity", errors);
        ValidateResources(status.GetObject("allocatable"), "status.allocatable", errors);
        var cidrs = spec.GetArray("podCIDRs")?.Select(c => c?.ToString() ?? "").ToList() ?? [];
        var rendered = $"[]string{{{string.Join(", ", cidrs.Select(c => $"\"{c}\""))}}}";
        for (var i = 0; i < cidrs.Count; i++)
        {
            if (!IsCidr(cidrs[i]))
            {
                errors.Add(FieldError.InvalidRaw($"spec.podCIDRs[{i}]", rendered, "must be valid CIDR"));
            }
        }

        if (cidrs.Count > 1 && cidrs.All(IsCidr))
        {
            var families = cidrs.Select(c => IPNetwork.Parse(c).BaseAddress.AddressFamily).ToList();
            if (cidrs.Count > 2 || families.Distinct().Count() != families.Count)
            {
                errors.Add(FieldError.InvalidRaw("spec.podCIDRs", rendered, "may specify no more than one CIDR for each IP family"));
            }
        }
    }

    /// <summary>The status checks of an update (ValidateNodeUpdate): quantities not negative, no address listed twice.</summary>
    public static void ValidateStatus(JsonObject obj, List<FieldError> errors)
    {
        var status = obj.GetObject("status");
        ValidateResources(status.GetObject("capacity"), "status.capacity", errors);
        ValidateResources(status.GetObject("allocatable"), "status.allocatable", errors);
        var seen = new HashSet<(string?, string?)>();
        var addresses = status.GetArray("addresses")?.OfType<JsonObject>().ToList() ?? [];
        for (var i = 0; i < addresses.Count; i++)
        {
            var type = addresses[i].GetString("type");
            var address = addresses[i].GetString("address");
            if (!seen.Add((type, address)))
            {
                errors.Add(new FieldError("FieldValueDuplicate", $"status.addresses[{i}]", $"Duplicate value: core.NodeAddress{{Type:\"{type}\", Address:\"{address}\"}}"));
            }
        }
    }

    public override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        Validate(obj, errors);
        var addressErrors = new List<FieldError>();
        ValidateStatus(obj, addressErrors);
        errors.AddRange(addressErrors.Where(e => e.Field.StartsWith("status.addresses", StringComparison.Ordinal)));
        var spec = obj.GetObject("spec");
        var oldSpec = old.GetObject("spec");
        var oldCidrs = oldSpec.GetArray("podCIDRs");
        if (oldCidrs is { Count: > 0 } && !JsonNode.DeepEquals(oldCidrs, spec.GetArray("podCIDRs")))
        {
            errors.Add(FieldError.Forbidden("spec.podCIDRs", "node updates may not change podCIDR except from \"\" to valid"));
        }

        if (oldSpec.GetString("providerID") is { Length: > 0 } providerId && spec.GetString("providerID") != providerId)
        {
            errors.Add(FieldError.Forbidden("spec.providerID", "node updates may not change providerID except from \"\" to valid"));
        }
    }

    public override string GetSelectableField(JsonObject obj, string field) => field switch
    {
        "spec.unschedulable" => Unschedulable(obj) ? "true" : "false",
        _ => "",
    };

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        var status = obj.GetObject("status");
        var info = status.GetObject("nodeInfo");
        cells.Add(obj.Name());
        cells.Add(StatusText(obj));
        var roles = Roles(obj);
        cells.Add(roles.Count == 0 ? "<none>" : string.Join(",", roles));
        cells.Add(HumanDuration.Since(obj.CreationTimestamp(), now));
        cells.Add(info.GetString("kubeletVersion") ?? "");
        cells.Add(Address(status, "InternalIP"));
        cells.Add(Address(status, "ExternalIP"));
        cells.Add(OrUnknown(info.GetString("osImage")));
        cells.Add(OrUnknown(info.GetString("kernelVersion")));
        cells.Add(OrUnknown(info.GetString("containerRuntimeVersion")));
    }

    /// <summary>The printers' STATUS: the Ready condition (Ready / NotReady / Unknown), plus SchedulingDisabled when cordoned.</summary>
    private static string StatusText(JsonObject obj)
    {
        var ready = obj.GetObject("status").GetArray("conditions")?.OfType<JsonObject>().LastOrDefault(c => c.GetString("type") == "Ready");
        var text = ready is null ? "Unknown" : ready.GetString("status") == "True" ? "Ready" : "NotReady";
        return Unschedulable(obj) ? text + ",SchedulingDisabled" : text;
    }

    /// <summary>Roles from <c>node-role.kubernetes.io/&lt;role&gt;</c> label keys and the <c>kubernetes.io/role</c> value, sorted.</summary>
    private static SortedSet<string> Roles(JsonObject obj)
    {
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in obj.Labels())
        {
            if (key.StartsWith(RolePrefix, StringComparison.Ordinal) && key.Length > RolePrefix.Length)
            {
                roles.Add(key[RolePrefix.Length..]);
            }
            else if (key == RoleLabel && value.Length > 0)
            {
                roles.Add(value);
            }
        }

        return roles;
    }

    private static bool Unschedulable(JsonObject obj) =>
        obj.GetObject("spec")?["unschedulable"] is JsonValue v && v.TryGetValue<bool>(out var cordoned) && cordoned;

    private static string Address(JsonObject? status, string type) =>
        status.GetArray("addresses")?.OfType<JsonObject>().FirstOrDefault(a => a.GetString("type") == type)?.GetString("address") ?? "<none>";

    private static string OrUnknown(string? text) => string.IsNullOrEmpty(text) ? "<unknown>" : text;

    private static bool IsCidr(string text) => text.Contains('/', StringComparison.Ordinal) && IPNetwork.TryParse(text, out _);

    /// <summary>v1 conversion keeps podCIDR and podCIDRs in step; SetDefaults_NodeStatus copies capacity to a missing allocatable.</summary>
    private static void ApplyDefaults(JsonObject obj)
    {
        if (obj["spec"] is JsonObject spec)
        {
            if (spec.GetArray("podCIDRs") is not { Count: > 0 } && spec.GetString("podCIDR") is { Length: > 0 } single)
            {
                spec["podCIDRs"] = new JsonArray(single);
            }

            if (spec.GetArray("podCIDRs") is { Count: > 0 } cidrs)
            {
                spec["podCIDR"] = cidrs[0]?.DeepClone();
            }
        }

        if (obj["status"] is JsonObject status)
        {
            Quantity.CanonicalizeMap(status.GetObject("capacity"));
            Quantity.CanonicalizeMap(status.GetObject("allocatable"));
            if (status["allocatable"] is null && status.GetObject("capacity") is { } capacity)
            {
                status["allocatable"] = capacity.DeepClone();
            }
        }
    }

    private static void ValidateTaints(JsonArray? taints, string basePath, List<FieldError> errors)
    {
        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < (taints?.Count ?? 0); i++)
        {
            var path = $"{basePath}[{i}]";
            var taint = taints![i] as JsonObject;
            var key = taint.GetString("key") ?? "";
            foreach (var msg in NameRules.IsQualifiedName(key))
            {
                errors.Add(FieldError.Invalid($"{path}.key", key, msg));
            }

            var value = taint.GetString("value") ?? "";
            var valueErrors = NameRules.IsLabelValue(value).ToList();
            if (valueErrors.Count > 0)
            {
                errors.Add(FieldError.Invalid($"{path}.value", value, string.Join(";", valueErrors)));
            }

            var effect = taint.GetString("effect") ?? "";
            if (effect.Length == 0)
            {
                errors.Add(FieldError.Required($"{path}.effect", ""));
            }
            else if (!TaintEffects.Contains(effect))
            {
                errors.Add(FieldError.NotSupported($"{path}.effect", effect, TaintEffects));
            }

            if (!seen.Add((key, effect)))
            {
                var added = taint.GetString("timeAdded") is null ? "(*v1.Time)(nil)" : "(*v1.Time)(0xc000000000)";
                errors.Add(new FieldError("FieldValueDuplicate", path, $"Duplicate value: core.Taint{{Key:\"{key}\", Value:\"{value}\", Effect:\"{effect}\", TimeAdded:{added}}}: taints must be unique by key and effect pair"));
            }
        }
    }

    /// <summary>Capacity and allocatable quantities may not be negative (ValidateResourceQuantityValue).</summary>
    private static void ValidateResources(JsonObject? resources, string path, List<FieldError> errors)
    {
        foreach (var (name, quantity) in Quantity.ReadMap(resources))
        {
            if (quantity.Value < 0)
            {
                errors.Add(FieldError.Invalid($"{path}.{name}", quantity.ToString(), "must be greater than or equal to 0"));
            }
        }
    }
}
