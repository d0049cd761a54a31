using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;
using Lotse.Kube.Validation;
using Lotse.Storage;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// core/v1 Service (upstream <c>pkg/registry/core/service/strategy.go</c> + its IP/port allocators). Allocations are
/// store keys (<c>ranges/serviceips/&lt;ip&gt;</c>, <c>ranges/nodeports/&lt;port&gt;</c>) created in the same commit as
/// the service, so two services can never get the same address: the second commit fails and retries.
/// </summary>
public sealed class ServiceStrategy : KubeStrategy
{
    public const int NodePortMin = 30000;
    public const int NodePortMax = 32767;

    private static readonly string[] Types = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
    private static readonly string[] Protocols = ["SCTP", "TCP", "UDP"];

    public override NameFormat NameFormat => NameFormat.Dns1035Label;

    public override IReadOnlyDictionary<string, string> PatchMergeKeys { get; } =
        new Dictionary<string, string>(Patch.StrategicMergePatch.CommonMergeKeys) { ["spec.ports"] = "port" };

    /// <summary>kube-proxy lists with <c>spec.clusterIP!=None</c> to skip headless services.</summary>
    public override IReadOnlyList<string> ExtraSelectableFields { get; } = ["spec.clusterIP", "spec.type"];

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Type", "string", "", "type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer."),
        new("Cluster-IP", "string", "", "clusterIP is the IP address of the service and is usually assigned randomly."),
        new("External-IP", "string", "", "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service."),
        new("Port(s)", "string", "", "The list of ports that are exposed by this service. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies"),
        TableColumn.AgeColumn,
        new("Selector", "string", "", "Route service traffic to pods with label keys and values matching this selector. If empty or not present, the service is assumed to have an external process managing its endpoints, which Kubernetes will not modify. Only applies to types ClusterIP, NodePort, and LoadBalancer. Ignored if type is ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/", 1),
    ];

    public static string IpKey(KubeWriteContext context, string ip) => $"{context.RangesPrefix}serviceips/{ip}";

    public static string NodePortKey(KubeWriteContext context, long port) => $"{context.RangesPrefix}nodeports/{port}";

    public override void PrepareForCreate(JsonObject obj)
    {
        obj["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() };
        ApplyDefaults(obj);
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        obj["status"] = old["status"]?.DeepClone();
        var spec = Spec(obj);
        var oldSpec = Spec(old);
        // A PUT that omits allocated values keeps them (upstream patchAllocatedValues).
        if (string.IsNullOrEmpty(spec.GetString("clusterIP")) && oldSpec.GetString("clusterIP") is { Length: > 0 } ip && spec.GetString("type") != "ExternalName")
        {
            spec["clusterIP"] = ip;
            spec["clusterIPs"] = oldSpec["clusterIPs"]?.DeepClone();
        }

        var oldPorts = oldSpec.GetArray("ports")?.OfType<JsonObject>().ToList() ?? [];
        foreach (var port in spec.GetArray("ports")?.OfType<JsonObject>() ?? [])
        {
            if (port.GetInt("nodePort") is null or 0 && NeedsNodePorts(spec)
                && oldPorts.FirstOrDefault(o => o.GetInt("port") == port.GetInt("port")) is { } match && match.GetInt("nodePort") is > 0 and var np)
            {
                port["nodePort"] = np;
            }
        }

        ApplyDefaults(obj);
    }

    public override void Validate(JsonObject obj, List<FieldError> errors)
    {
        var spec = Spec(obj);
        var type = spec.GetString("type") ?? "ClusterIP";
        if (!Types.Contains(type))
        {
            errors.Add(FieldError.NotSupported("spec.type", type, Types));
        }

        var clusterIp = spec.GetString("clusterIP") ?? "";
        if (type == "ExternalName")
        {
            if (string.IsNullOrEmpty(spec.GetString("externalName")))
            {
                errors.Add(FieldError.Required("spec.externalName", ""));
            }
        }
        else if (clusterIp.Length > 0 && clusterIp != "None" && !IPAddress.TryParse(clusterIp, out _))
        {
            errors.Add(FieldError.Invalid("spec.clusterIPs[0]", clusterIp, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
        }

        if (clusterIp == "None" && type is "NodePort" or "LoadBalancer")
        {
            errors.Add(FieldError.Invalid("spec.clusterIPs[0]", "None", $"may not be set to 'None' for {type} services"));
        }

        var ports = spec.GetArray("ports")?.OfType<JsonObject>().ToList() ?? [];
        if (ports.Count == 0 && type != "ExternalName" && clusterIp != "None")
        {
            errors.Add(FieldError.Required("spec.ports", ""));
        }

        var names = new HashSet<string>();
        var keys = new HashSet<string>();
        for (var i = 0; i < ports.Count; i++)
        {
            var port = ports[i];
            var path = $"spec.ports[{i}]";
            var name = port.GetString("name") ?? "";
            if (ports.Count > 1 && name.Length == 0)
            {
                errors.Add(FieldError.Required($"{path}.name", ""));
            }
            else if (name.Length > 0)
            {
                foreach (var msg in NameRules.IsDns1123Label(name))
                {
                    errors.Add(FieldError.Invalid($"{path}.name", name, msg));
                }

                if (!names.Add(name))
                {
                    errors.Add(FieldError.Duplicate($"{path}.name", name));
                }
            }

            var number = port.GetInt("port") ?? 0;
            if (number is < 1 or > 65535)
            {
                errors.Add(FieldError.InvalidRaw($"{path}.port", number.ToString(CultureInfo.InvariantCulture), "must be between 1 and 65535, inclusive"));
            }

            var protocol = port.GetString("protocol") ?? "TCP";
            if (!Protocols.Contains(protocol))
            {
                errors.Add(FieldError.NotSupported($"{path}.protocol", protocol, Protocols));
            }
            else if (!keys.Add($"{number}/{protocol}"))
            {
                errors.Add(FieldError.Duplicate(path, $"{number}/{protocol}"));
            }

            if (port.GetInt("nodePort") is { } nodePort && nodePort != 0)
            {
                if (!NeedsNodePorts(spec))
                {
                    errors.Add(FieldError.Forbidden($"{path}.nodePort", "may not be used when `type` is 'ClusterIP'"));
                }
                else if (nodePort is < NodePortMin or > NodePortMax)
                {
                    errors.Add(FieldError.InvalidRaw($"{path}.nodePort", nodePort.ToString(CultureInfo.InvariantCulture), $"provided port is not in the valid range. The range of valid ports is {NodePortMin}-{NodePortMax}"));
                }
            }

            if (JsonObjectExtensions.AsInt64(port["targetPort"]) is { } targetNumber && targetNumber is < 1 or > 65535)
            {
                errors.Add(FieldError.InvalidRaw($"{path}.targetPort", targetNumber.ToString(CultureInfo.InvariantCulture), "must be between 1 and 65535, inclusive"));
            }
        }

        foreach (var (key, value) in spec.GetObject("selector") ?? [])
        {
            foreach (var msg in NameRules.IsQualifiedName(key))
            {
                errors.Add(FieldError.Invalid("spec.selector", key, msg));
            }

            var text = value?.ToString() ?? "";
            foreach (var msg in NameRules.IsLabelValue(text))
            {
                errors.Add(FieldError.Invalid("spec.selector", text, msg));
            }
        }
    }

    public override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        Validate(obj, errors);
        var oldIp = Spec(old).GetString("clusterIP") ?? "";
        var newIp = Spec(obj).GetString("clusterIP") ?? "";
        if (oldIp.Length > 0 && newIp.Length > 0 && oldIp != newIp && Spec(old).GetString("type") != "ExternalName")
        {
            errors.Add(FieldError.Invalid("spec.clusterIPs[0]", newIp, "may not change once set"));
        }
    }

    public override async ValueTask OnCreateAsync(KubeWriteContext context, JsonObject obj, List<StoreOperation> operations)
    {
        await AllocateClusterIpAsync(context, obj, operations);
        await AllocateNodePortsAsync(context, obj, [], operations);
    }

    public override async ValueTask OnUpdateAsync(KubeWriteContext context, JsonObject obj, JsonObject old, List<StoreOperation> operations)
    {
        var oldIp = AllocatedIp(old);
        if (oldIp is null)
        {
            await AllocateClusterIpAsync(context, obj, operations);
        }
        else if (Spec(obj).GetString("type") == "ExternalName")
        {
            operations.Add(StoreOperation.Delete(IpKey(context, oldIp), 0));
        }

        var oldPorts = NodePorts(old).ToHashSet();
        var newPorts = NodePorts(obj).ToHashSet();
        foreach (var released in oldPorts.Except(newPorts))
        {
            operations.Add(StoreOperation.Delete(NodePortKey(context, released), 0));
        }

        await AllocateNodePortsAsync(context, obj, oldPorts, operations);
    }

    public override ValueTask OnDeleteAsync(KubeWriteContext context, JsonObject old, List<StoreOperation> operations)
    {
        if (AllocatedIp(old) is { } ip)
        {
            operations.Add(StoreOperation.Delete(IpKey(context, ip), 0));
        }

        foreach (var port in NodePorts(old))
        {
            operations.Add(StoreOperation.Delete(NodePortKey(context, port), 0));
        }

        return ValueTask.CompletedTask;
    }

    public override string GetSelectableField(JsonObject obj, string field) => field switch
    {
        "spec.clusterIP" => obj.GetObject("spec").GetString("clusterIP") ?? "",
        "spec.type" => obj.GetObject("spec").GetString("type") ?? "",
        _ => "",
    };

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        var spec = Spec(obj);
        var type = spec.GetString("type") ?? "";
        var clusterIps = spec.GetArray("clusterIPs");
        cells.Add(obj.Name());
        cells.Add(type);
        cells.Add(clusterIps is { Count: > 0 } ? clusterIps[0]?.ToString() ?? "<none>" : "<none>");
        cells.Add(ExternalIp(obj, type));
        var ports = string.Join(",", (spec.GetArray("ports")?.OfType<JsonObject>() ?? []).Select(p =>
            p.GetInt("nodePort") is > 0 and var np
                ? $"{p.GetInt("port")}:{np}/{p.GetString("protocol")}"
                : $"{p.GetInt("port")}/{p.GetString("protocol")}"));
        cells.Add(ports.Length == 0 ? "<none>" : ports);
        cells.Add(HumanDuration.Since(obj.CreationTimestamp(), now));
        cells.Add(FormatLabels(spec.GetObject("selector")));
    }

    /// <summary>apimachinery <c>labels.FormatLabels</c>: sorted "k=v,k2=v2", or "&lt;none&gt;".</summary>
    public static string FormatLabels(JsonObject? labels)
    {
        if (labels is null || labels.Count == 0)
        {
            return "<none>";
        }

        var sb = new StringBuilder();
        foreach (var (key, value) in labels.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            sb.Append(sb.Length > 0 ? "," : "").Append(key).Append('=').Append(value?.ToString());
        }

        return sb.ToString();
    }

    private static string ExternalIp(JsonObject obj, string type)
    {
        var external = Spec(obj).GetArray("externalIPs")?.Select(n => n?.ToString() ?? "").ToList() ?? [];
        switch (type)
        {
            case "ClusterIP" or "NodePort":
                return external.Count > 0 ? string.Join(",", external) : "<none>";
            case "LoadBalancer":
                var ingress = obj.GetObject("status").GetObject("loadBalancer").GetArray("ingress")?.OfType<JsonObject>()
                    .Select(i => i.GetString("ip") is { Length: > 0 } ip ? ip : i.GetString("hostname") ?? "")
                    .Where(s => s.Length > 0).ToList() ?? [];
                var all = ingress.Concat(external).ToList();
                return all.Count > 0 ? string.Join(",", all) : "<pending>";
            case "ExternalName":
                return Spec(obj).GetString("externalName") ?? "";
            default:
                return "<unknown>";
        }
    }

    private static JsonObject Spec(JsonObject obj)
    {
        if (obj["spec"] is JsonObject spec)
        {
            return spec;
        }

        spec = new JsonObject();
        obj["spec"] = spec;
        return spec;
    }

    private static bool NeedsNodePorts(JsonObject spec) => spec.GetString("type") is "NodePort" or "LoadBalancer";

    private static string? AllocatedIp(JsonObject obj) =>
        Spec(obj).GetString("clusterIP") is { Length: > 0 } ip && ip != "None" && Spec(obj).GetString("type") != "ExternalName" ? ip : null;

    private static IEnumerable<long> NodePorts(JsonObject obj) =>
        (Spec(obj).GetArray("ports")?.OfType<JsonObject>() ?? []).Select(p => p.GetInt("nodePort") ?? 0).Where(p => p > 0);

    private static void ApplyDefaults(JsonObject obj)
    {
        var spec = Spec(obj);
        var type = spec.GetString("type") ?? "ClusterIP";
        spec["type"] = type;
        spec["sessionAffinity"] ??= "None";
        foreach (var port in spec.GetArray("ports")?.OfType<JsonObject>() ?? [])
        {
            port["protocol"] ??= "TCP";
            port["targetPort"] ??= port["port"]?.DeepClone();
        }

        if (type == "ExternalName")
        {
            return;
        }

        if (spec.GetString("clusterIP") is { Length: > 0 } ip && spec["clusterIPs"] is null)
        {
            spec["clusterIPs"] = new JsonArray(ip);
        }

        spec["ipFamilies"] ??= new JsonArray("IPv4");
        spec["ipFamilyPolicy"] ??= "SingleStack";
        spec["internalTrafficPolicy"] ??= "Cluster";
        if (type is "NodePort" or "LoadBalancer")
        {
            spec["externalTrafficPolicy"] ??= "Cluster";
        }

        if (type == "LoadBalancer")
        {
            spec["allocateLoadBalancerNodePorts"] ??= true;
        }
    }

    private static async ValueTask AllocateClusterIpAsync(KubeWriteContext context, JsonObject obj, List<StoreOperation> operations)
    {
        var spec = Spec(obj);
        if (spec.GetString("type") == "ExternalName" || spec.GetString("clusterIP") == "None")
        {
            return;
        }

        var range = ServiceIpRange.Parse(context.Cluster.ServiceIpv4Cidr);
        var requested = spec.GetString("clusterIP");
        if (!string.IsNullOrEmpty(requested))
        {
            var failure = !range.Contains(requested)
                ? $"failed to allocate IP {requested}: provided IP is not in the valid range. The range of valid IPs is {range.Cidr}"
                : await context.Store.GetAsync(IpKey(context, requested), 0, context.CancellationToken) is not null
                    ? $"failed to allocate IP {requested}: provided IP is already allocated"
                    : null;
            if (failure is not null)
            {
                throw Invalid(obj, FieldError.InvalidRaw("spec.clusterIPs", $"[]string{{\"{requested}\"}}", failure));
            }

            operations.Add(StoreOperation.Create(IpKey(context, requested), Owner(obj)));
            return;
        }

        var used = await UsedAsync(context, "serviceips/");
        // Start at a random offset so concurrent creators rarely race for the same address.
        var start = (uint)Random.Shared.NextInt64(range.Size);
        for (uint i = 0; i < range.Size; i++)
        {
            var candidate = range.At((start + i) % range.Size);
            if (!used.Contains(candidate))
            {
                spec["clusterIP"] = candidate;
                spec["clusterIPs"] = new JsonArray(candidate);
                operations.Add(StoreOperation.Create(IpKey(context, candidate), Owner(obj)));
                return;
            }
        }

        throw Invalid(obj, FieldError.InvalidRaw("spec.clusterIPs", "[]string{}", $"failed to allocate a serviceIP: range is full"));
    }

    private static async ValueTask AllocateNodePortsAsync(KubeWriteContext context, JsonObject obj, HashSet<long> alreadyOwned, List<StoreOperation> operations)
    {
        var spec = Spec(obj);
        if (!NeedsNodePorts(spec))
        {
            return;
        }

        var ports = spec.GetArray("ports")?.OfType<JsonObject>().ToList() ?? [];
        HashSet<string>? used = null;
        for (var i = 0; i < ports.Count; i++)
        {
            var requested = ports[i].GetInt("nodePort") ?? 0;
            if (requested > 0 && alreadyOwned.Contains(requested))
            {
                continue;
            }

            used ??= await UsedAsync(context, "nodeports/");
            if (requested > 0)
            {
                if (used.Contains(requested.ToString(CultureInfo.InvariantCulture)))
                {
                    throw Invalid(obj, FieldError.InvalidRaw($"spec.ports[{i}].nodePort", requested.ToString(CultureInfo.InvariantCulture), "provided port is already allocated"));
                }
            }
            else
            {
                const int Span = NodePortMax - NodePortMin + 1;
                var start = Random.Shared.Next(Span);
                for (var j = 0; j < Span && requested == 0; j++)
                {
                    var candidate = NodePortMin + ((start + j) % Span);
                    if (!used.Contains(candidate.ToString(CultureInfo.InvariantCulture)))
                    {
                        requested = candidate;
                    }
                }

                ports[i]["nodePort"] = requested;
            }

            used.Add(requested.ToString(CultureInfo.InvariantCulture));
            operations.Add(StoreOperation.Create(NodePortKey(context, requested), Owner(obj)));
        }
    }

    private static async ValueTask<HashSet<string>> UsedAsync(KubeWriteContext context, string kind)
    {
        var prefix = context.RangesPrefix + kind;
        var list = await context.Store.ListAsync(prefix, default, context.CancellationToken);
        return list.Items.Select(kv => kv.Key[prefix.Length..]).ToHashSet(StringComparer.Ordinal);
    }

    private static byte[] Owner(JsonObject obj) =>
        Encoding.UTF8.GetBytes($"{{\"namespace\":\"{obj.Namespace()}\",\"name\":\"{obj.Name()}\"}}");

    private static KubeStatusException Invalid(JsonObject obj, FieldError error) =>
        KubeStatus.Invalid("", "Service", obj.Name(), [error]).ToException();
}
