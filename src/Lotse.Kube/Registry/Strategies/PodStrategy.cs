using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Pods;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;
using Lotse.Kube.Validation;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// core/v1 Pod (upstream <c>pkg/registry/core/pod/strategy.go</c>): defaults and admission mutations from
/// <see cref="PodDefaults"/>, a new pod is Pending with its QoS class, status is owned by <c>pods/status</c>
/// (<see cref="Handlers.StatusSubresourceHandler"/> with <see cref="Pods.PodStatusStrategy"/>), and an update may change little besides images, tolerations and deadlines.
/// </summary>
public partial class PodStrategy : KubeStrategy
{
    public const string SpecUpdateMessage = "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

    private static readonly string[] RestartPolicies = ["Always", "OnFailure", "Never"];
    private static readonly string[] DnsPolicies = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];
    private static readonly string[] PullPolicies = ["Always", "IfNotPresent", "Never"];
    private static readonly string[] MessagePolicies = ["File", "FallbackToLogsOnError"];
    private static readonly string[] Protocols = ["SCTP", "TCP", "UDP"];

    public override IReadOnlyList<string> ExtraSelectableFields { get; } =
        ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP", "status.podIPs", "status.nominatedNodeName"];

    public override IReadOnlyDictionary<string, string> PatchMergeKeys { get; } =
        new Dictionary<string, string>(Patch.StrategicMergePatch.CommonMergeKeys)
        {
            ["spec.containers"] = "name",
            ["spec.initContainers"] = "name",
            ["spec.containers.ports"] = "containerPort",
            ["spec.initContainers.ports"] = "containerPort",
            ["spec.containers.env"] = "name",
            ["spec.initContainers.env"] = "name",
            ["spec.containers.volumeMounts"] = "mountPath",
            ["spec.initContainers.volumeMounts"] = "mountPath",
            ["spec.volumes"] = "name",
            ["spec.imagePullSecrets"] = "name",
            ["status.conditions"] = "type",
            ["status.podIPs"] = "ip",
        };

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Ready", "string", "", "The aggregate readiness state of this pod for accepting traffic."),
        new("Status", "string", "", "The aggregate status of the containers in this pod."),
        new("Restarts", "string", "", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
        TableColumn.AgeColumn,
        new("IP", "string", "", "podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.", 1),
        new("Node", "string", "", "NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet for this node becomes responsible for the lifecycle of this pod. This field should not be used to express a desire for the pod to be scheduled on a specific node. https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename", 1),
        new("Nominated Node", "string", "", "nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods. This field does not guarantee that the pod will be scheduled on this node. Scheduler may decide to place the pod elsewhere if other nodes become available sooner. Scheduler may also decide to give the resources on this node to a higher priority pod that is created after preemption. As a result, this field may be different than PodSpec.nodeName when the pod is scheduled.", 1),
        new("Readiness Gates", "string", "", "If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to \"True\" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates", 1),
    ];

    public override void PrepareForCreate(JsonObject obj)
    {
        var spec = Spec(obj);
        PodDefaults.ApplySchemeDefaults(spec);
        PodDefaults.ApplyAdmission(spec);
        obj["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = PodQos.Compute(spec) };
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        var spec = Spec(obj);
        PodDefaults.ApplySchemeDefaults(spec);
        PodDefaults.CarryAdmission(spec, Spec(old));
        obj["status"] = old["status"]?.DeepClone();
    }

    public override void Validate(JsonObject obj, List<FieldError> errors)
    {
        var spec = Spec(obj);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var containers = spec.GetArray("containers")?.OfType<JsonObject>().ToList() ?? [];
        if (containers.Count == 0)
        {
            errors.Add(FieldError.Required("spec.containers", ""));
        }

        for (var i = 0; i < containers.Count; i++)
        {
            ValidateContainer(containers[i], $"spec.containers[{i}]", names, errors);
        }

        var initContainers = spec.GetArray("initContainers")?.OfType<JsonObject>().ToList() ?? [];
        for (var i = 0; i < initContainers.Count; i++)
        {
            ValidateContainer(initContainers[i], $"spec.initContainers[{i}]", names, errors);
        }

        var restartPolicy = spec.GetString("restartPolicy") ?? "";
        if (restartPolicy.Length == 0)
        {
            errors.Add(FieldError.Required("spec.restartPolicy", ""));
        }
        else if (!RestartPolicies.Contains(restartPolicy))
        {
            errors.Add(FieldError.NotSupported("spec.restartPolicy", restartPolicy, RestartPolicies));
        }

        var dnsPolicy = spec.GetString("dnsPolicy") ?? "";
        if (!DnsPolicies.Contains(dnsPolicy))
        {
            errors.Add(FieldError.NotSupported("spec.dnsPolicy", dnsPolicy, DnsPolicies));
        }

        if (spec.GetInt("activeDeadlineSeconds") is { } deadline && deadline is < 1 or > int.MaxValue)
        {
            errors.Add(FieldError.InvalidRaw("spec.activeDeadlineSeconds", deadline.ToString(CultureInfo.InvariantCulture), $"must be between 1 and {int.MaxValue}, inclusive"));
        }

        if (spec.GetString("nodeName") is { Length: > 0 } nodeName)
        {
            foreach (var msg in NameRules.IsDns1123Subdomain(nodeName))
            {
                errors.Add(FieldError.Invalid("spec.nodeName", nodeName, msg));
            }
        }
    }

    public override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        Validate(obj, errors);
        var spec = Spec(obj);
        var oldSpec = Spec(old);
        if (!OnlyAddsTolerations(oldSpec, spec))
        {
            errors.Add(FieldError.Forbidden("spec.tolerations", "existing toleration can not be modified except its tolerationSeconds"));
        }

        // Overlay the fields an update may change with their old values; whatever still differs is forbidden.
        var munged = (JsonObject)spec.DeepClone();
        foreach (var list in new[] { "containers", "initContainers" })
        {
            var newList = munged.GetArray(list);
            var oldList = oldSpec.GetArray(list);
            if (newList is not null && oldList is not null && newList.Count == oldList.Count)
            {
                for (var i = 0; i < newList.Count; i++)
                {
                    if (newList[i] is JsonObject container && oldList[i] is JsonObject oldContainer)
                    {
                        container["image"] = oldContainer["image"]?.DeepClone();
                    }
                }
            }
        }

        foreach (var field in new[] { "activeDeadlineSeconds", "tolerations" })
        {
            munged.Remove(field);
            if (oldSpec[field] is { } value)
            {
                munged[field] = value.DeepClone();
            }
        }

        if (oldSpec.GetInt("terminationGracePeriodSeconds") is < 0 && spec.GetInt("terminationGracePeriodSeconds") == 1)
        {
            munged["terminationGracePeriodSeconds"] = oldSpec["terminationGracePeriodSeconds"]?.DeepClone();
        }

        if (!JsonNode.DeepEquals(munged.Canonicalize(), ((JsonObject)oldSpec.DeepClone()).Canonicalize()))
        {
            errors.Add(FieldError.Forbidden("spec", $"{SpecUpdateMessage}\n{SpecDiff(oldSpec, munged)}"));
        }
    }

    public override string GetSelectableField(JsonObject obj, string field)
    {
        var spec = obj.GetObject("spec");
        var status = obj.GetObject("status");
        return field switch
        {
            "spec.nodeName" => spec.GetString("nodeName") ?? "",
            "spec.restartPolicy" => spec.GetString("restartPolicy") ?? "",
            "spec.schedulerName" => spec.GetString("schedulerName") ?? "",
            "spec.serviceAccountName" => spec.GetString("serviceAccountName") ?? "",
            "spec.hostNetwork" => spec?["hostNetwork"] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.True ? "true" : "false",
            "status.phase" => status.GetString("phase") ?? "",
            "status.podIP" => PodIps(status).FirstOrDefault() ?? "",
            "status.podIPs" => string.Join(",", PodIps(status)),
            "status.nominatedNodeName" => status.GetString("nominatedNodeName") ?? "",
            _ => "",
        };
    }

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        var spec = obj.GetObject("spec");
        var status = obj.GetObject("status");
        var summary = PodTableSummary.Of(obj, now);
        cells.Add(obj.Name());
        cells.Add($"{summary.Ready}/{summary.Total}");
        cells.Add(summary.Reason);
        cells.Add(summary.Restarts);
        cells.Add(HumanDuration.Since(obj.CreationTimestamp(), now));
        cells.Add(PodIps(status).FirstOrDefault() is { Length: > 0 } ip ? ip : "<none>");
        cells.Add(spec.GetString("nodeName") is { Length: > 0 } node ? node : "<none>");
        cells.Add(status.GetString("nominatedNodeName") is { Length: > 0 } nominated ? nominated : "<none>");
        cells.Add(ReadinessGates(spec, status));
    }

    internal static JsonObject Spec(JsonObject obj)
    {
        if (obj["spec"] is JsonObject spec)
        {
            return spec;
        }

        spec = [];
        obj["spec"] = spec;
        return spec;
    }

    private static IEnumerable<string> PodIps(JsonObject? status)
    {
        var ips = status.GetArray("podIPs")?.OfType<JsonObject>().Select(p => p.GetString("ip") ?? "").Where(ip => ip.Length > 0).ToList() ?? [];
        return ips.Count == 0 && status.GetString("podIP") is { Length: > 0 } single ? [single] : ips;
    }

    private static string ReadinessGates(JsonObject? spec, JsonObject? status)
    {
        var gates = spec.GetArray("readinessGates")?.OfType<JsonObject>().Select(g => g.GetString("conditionType")).ToList() ?? [];
        if (gates.Count == 0)
        {
            return "<none>";
        }

        var conditions = status.GetArray("conditions")?.OfType<JsonObject>().ToList() ?? [];
        var met = gates.Count(gate => conditions.Any(c => c.GetString("type") == gate && c.GetString("status") == "True"));
        return $"{met}/{gates.Count}";
    }

    private static void ValidateContainer(JsonObject container, string path, HashSet<string> names, List<FieldError> errors)
    {
        var name = container.GetString("name") ?? "";
        if (name.Length == 0)
        {
            errors.Add(FieldError.Required($"{path}.name", ""));
        }
        else
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

        if (string.IsNullOrEmpty(container.GetString("image")))
        {
            errors.Add(FieldError.Required($"{path}.image", ""));
        }

        var pullPolicy = container.GetString("imagePullPolicy") ?? "";
        if (!PullPolicies.Contains(pullPolicy))
        {
            errors.Add(FieldError.NotSupported($"{path}.imagePullPolicy", pullPolicy, PullPolicies));
        }

        var messagePolicy = container.GetString("terminationMessagePolicy") ?? "";
        if (!MessagePolicies.Contains(messagePolicy))
        {
            errors.Add(FieldError.NotSupported($"{path}.terminationMessagePolicy", messagePolicy, MessagePolicies));
        }

        var ports = container.GetArray("ports")?.OfType<JsonObject>().ToList() ?? [];
        var portNames = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ports.Count; i++)
        {
            ValidatePort(ports[i], $"{path}.ports[{i}]", portNames, errors);
        }
    }

    private static void ValidatePort(JsonObject port, string path, HashSet<string> portNames, List<FieldError> errors)
    {
        if (port.GetString("name") is { Length: > 0 } name)
        {
            foreach (var msg in NameRules.IsValidPortName(name))
            {
                errors.Add(FieldError.Invalid($"{path}.name", name, msg));
            }

            if (!portNames.Add(name))
            {
                errors.Add(FieldError.Duplicate($"{path}.name", name));
            }
        }

        var containerPort = port.GetInt("containerPort") ?? 0;
        if (containerPort == 0)
        {
            errors.Add(FieldError.Required($"{path}.containerPort", ""));
        }
        else if (containerPort is < 1 or > 65535)
        {
            errors.Add(FieldError.InvalidRaw($"{path}.containerPort", containerPort.ToString(CultureInfo.InvariantCulture), "must be between 1 and 65535, inclusive"));
        }

        if (port.GetInt("hostPort") is { } hostPort && hostPort != 0 && hostPort is < 1 or > 65535)
        {
            errors.Add(FieldError.InvalidRaw($"{path}.hostPort", hostPort.ToString(CultureInfo.InvariantCulture), "must be between 1 and 65535, inclusive"));
        }

        var protocol = port.GetString("protocol") ?? "";
        if (protocol.Length == 0)
        {
            errors.Add(FieldError.Required($"{path}.protocol", ""));
        }
        else if (!Protocols.Contains(protocol))
        {
            errors.Add(FieldError.NotSupported($"{path}.protocol", protocol, Protocols));
        }
    }

    /// <summary>Every old toleration (tolerationSeconds aside) must still be there.</summary>
    private static bool OnlyAddsTolerations(JsonObject oldSpec, JsonObject spec)
    {
        static JsonObject Key(JsonObject toleration)
        {
            var copy = (JsonObject)toleration.DeepClone();
            copy.Remove("tolerationSeconds");
            return copy.Canonicalize();
        }

        var current = spec.GetArray("tolerations")?.OfType<JsonObject>().Select(Key).ToList() ?? [];
        return (oldSpec.GetArray("tolerations")?.OfType<JsonObject>() ?? []).All(old => current.Any(t => JsonNode.DeepEquals(t, Key(old))));
    }

    /// <summary>
    /// The changed spec fields, one -/+ pair each. Upstream appends a go-cmp diff of the internal Go structs, which
    /// we do not reproduce; the lines name the same fields in their JSON form.
    /// </summary>
    private static string SpecDiff(JsonObject oldSpec, JsonObject newSpec)
    {
        var sb = new StringBuilder("  v1.PodSpec{\n");
        foreach (var key in oldSpec.Select(p => p.Key).Union(newSpec.Select(p => p.Key)).Order(StringComparer.Ordinal))
        {
            var before = oldSpec[key];
            var after = newSpec[key];
            if (!JsonNode.DeepEquals(before, after))
            {
                sb.Append("- \t").Append(key).Append(": ").Append(before?.ToJsonString() ?? "nil").Append(",\n");
                sb.Append("+ \t").Append(key).Append(": ").Append(after?.ToJsonString() ?? "nil").Append(",\n");
            }
        }

        return sb.Append("  }\n").ToString();
    }
}
