using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;
using Lotse.Kube.Validation;
using Lotse.Kube.Workloads;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// networking.k8s.io/v1 NetworkPolicy (upstream <c>pkg/registry/networking/networkpolicy/strategy.go</c>,
/// <c>ValidateNetworkPolicySpec</c>, networking/v1 <c>SetDefaults_NetworkPolicy</c>): a pod selector (empty selects
/// every pod of the namespace), ingress and egress rules of ports (protocol defaults to TCP, optional endPort ranges) and
/// peers (pod or namespace selectors, or an IP block with strict-subset exceptions), and policyTypes defaulting to
/// Ingress plus Egress when egress rules exist. Nothing enforces policies here; <c>metadata.generation</c> moves with the spec.
/// </summary>
public sealed class NetworkPolicyStrategy : KubeStrategy
{
    private static readonly string[] Protocols = ["TCP", "UDP", "SCTP"];
    private static readonly string[] PolicyTypes = ["Ingress", "Egress"];
    private static readonly (string Direction, string Peers)[] Directions = [("ingress", "from"), ("egress", "to")];

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Pod-Selector", "string", "", "Selects the pods to which this NetworkPolicy object applies. The array of ingress rules is applied to any pods selected by this field. Multiple network policies can select the same set of pods. In this case, the ingress rules for each are combined additively. This field is NOT optional and follows standard label selector semantics. An empty podSelector matches all pods in this namespace."),
        TableColumn.AgeColumn,
    ];

    public override IReadOnlyList<string> TopLevelFields { get; } = ["spec"];

    public override string? DecodeError(JsonObject obj)
    {
        foreach (var (path, _, port) in Ports(obj.GetObject("spec")))
        {
            var direction = path.StartsWith("spec.egress", StringComparison.Ordinal) ? "egress" : "ingress";
            if (PriorityClassStrategy.Int32DecodeError(port["endPort"], $"NetworkPolicy.spec.{direction}.ports.endPort") is { } error)
            {
                return error;
            }
        }

        return null;
    }

    public override void PrepareForCreate(JsonObject obj)
    {
        obj.Metadata()["generation"] = 1;
        ApplyDefaults(obj);
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        ApplyDefaults(obj);
        var generation = old.GetObject("metadata").GetInt("generation") ?? 0;
        obj.Metadata()["generation"] = JsonNode.DeepEquals(obj["spec"], old["spec"]) ? generation : generation + 1;
    }

    public override void Validate(JsonObject obj, List<FieldError> errors) => ValidateSpec(obj.GetObject("spec"), [], errors);

    public override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        // CIDRs the stored policy already had are not checked again (upstream tolerates old, laxer values).
        var existing = Peers(old.GetObject("spec")).Select(p => p.Peer.GetObject("ipBlock")).OfType<JsonObject>()
            .SelectMany(b => (b.GetArray("except") ?? []).Select(e => e?.ToString() ?? "").Prepend(b.GetString("cidr") ?? ""))
            .ToHashSet(StringComparer.Ordinal);
        ValidateSpec(obj.GetObject("spec"), existing, errors);
    }

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        cells.Add(obj.Name());
        cells.Add(LabelSelectors.Format(obj.GetObject("spec").GetObject("podSelector")));
        cells.Add(HumanDuration.Since(obj.CreationTimestamp(), now));
    }

    private static void ApplyDefaults(JsonObject obj)
    {
        if (obj["spec"] is not JsonObject spec)
        {
            obj["spec"] = spec = [];
        }

        spec["podSelector"] ??= new JsonObject();
        if ((spec.GetArray("policyTypes")?.Count ?? 0) == 0)
        {
            var types = new JsonArray("Ingress");
            if ((spec.GetArray("egress")?.Count ?? 0) > 0)
            {
                types.Add("Egress");
            }

            spec["policyTypes"] = types;
        }

        foreach (var (_, _, port) in Ports(spec))
        {
            port["protocol"] ??= "TCP";
        }
    }

    /// <summary>Every port of every rule with its field path.</summary>
    private static IEnumerable<(string Path, int Index, JsonObject Port)> Ports(JsonObject? spec)
    {
        foreach (var (direction, _) in Directions)
        {
            var ruleIndex = 0;
            foreach (var rule in spec.GetArray(direction)?.OfType<JsonObject>() ?? [])
            {
                var portIndex = 0;
                foreach (var port in rule.GetArray("ports")?.OfType<JsonObject>() ?? [])
                {
                    yield return ($"spec.{direction}[{ruleIndex}].ports[{portIndex}]", portIndex, port);
                    portIndex++;
                }

                ruleIndex++;
            }
        }
    }

    /// <summary>Every peer of every rule with its field path (ingress rules list <c>from</c>, egress rules <c>to</c>).</summary>
    private static IEnumerable<(string Path, JsonObject Peer)> Peers(JsonObject? spec)
    {
        foreach (var (direction, peers) in Directions)
        {
            var ruleIndex = 0;
            foreach (var rule in spec.GetArray(direction)?.OfType<JsonObject>() ?? [])
            {
                var peerIndex = 0;
                foreach (var peer in rule.GetArray(peers)?.OfType<JsonObject>() ?? [])
                {
                    yield return ($"spec.{direction}[{ruleIndex}].{peers}[{peerIndex++}]", peer);
                }

                ruleIndex++;
            }
        }
    }

    private static void ValidateSpec(JsonObject? spec, HashSet<string> existingCidrs, List<FieldError> errors)
    {
        LabelSelectors.Validate(spec.GetObject("podSelector"), "spec.podSelector", errors);
        foreach (var (path, _, port) in Ports(spec))
        {
            ValidatePort(port, path, errors);
        }

        foreach (var (path, peer) in Peers(spec))
        {
            ValidatePeer(peer, path, existingCidrs, errors);
        }

        var types = spec.GetArray("policyTypes") ?? [];
        if (types.Count > PolicyTypes.Length)
        {
            errors.Add(FieldError.InvalidRaw("spec.policyTypes", $"&[]networking.PolicyType{{{string.Join(", ", types.Select(t => $"\"{t}\""))}}}", "may not specify more than two policyTypes"));
            return;
        }

        for (var i = 0; i < types.Count; i++)
        {
            var type = types[i]?.ToString() ?? "";
            if (!PolicyTypes.Contains(type))
            {
                errors.Add(FieldError.NotSupported($"spec.policyTypes[{i}]", type, PolicyTypes));
            }
        }
    }

    /// <summary><c>ValidateNetworkPolicyPort</c>: a known protocol, a port number or name, and an endPort only after a numeric port.</summary>
    private static void ValidatePort(JsonObject port, string path, List<FieldError> errors)
    {
        if (port.GetString("protocol") is { } protocol && !Protocols.Contains(protocol))
        {
            errors.Add(FieldError.NotSupported($"{path}.protocol", protocol, Protocols));
        }

        var endPort = port.GetInt("endPort");
        var endPortText = endPort?.ToString(CultureInfo.InvariantCulture) ?? "";
        switch (port["port"])
        {
            case null:
                if (endPort is not null)
                {
                    errors.Add(FieldError.InvalidRaw($"{path}.endPort", endPortText, "may not be specified when `port` is not specified"));
                }

                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                if (endPort is not null)
                {
                    errors.Add(FieldError.InvalidRaw($"{path}.endPort", endPortText, "may not be specified when `port` is non-numeric"));
                }

                var name = v.GetValue<string>();
                foreach (var msg in NameRules.IsValidPortName(name))
                {
                    errors.Add(FieldError.Invalid($"{path}.port", name, msg));
                }

                break;
            case var number:
                var value = JsonObjectExtensions.AsInt64(number) ?? 0;
                if (value is < 1 or > 65535)
                {
                    errors.Add(FieldError.InvalidRaw($"{path}.port", value.ToString(CultureInfo.InvariantCulture), "must be between 1 and 65535, inclusive"));
                }

                if (endPort is not null)
                {
                    if (endPort < value)
                    {
                        errors.Add(FieldError.InvalidRaw($"{path}.endPort", endPortText, "must be greater than or equal to `port`"));
                    }

                    if (endPort is < 1 or > 65535)
                    {
                        errors.Add(FieldError.InvalidRaw($"{path}.endPort", endPortText, "must be between 1 and 65535, inclusive"));
                    }
                }

                break;
        }
    }

    /// <summary><c>ValidateNetworkPolicyPeer</c>: at least one selector or an IP block, and an IP block alone.</summary>
    private static void ValidatePeer(JsonObject peer, string path, HashSet<string> existingCidrs, List<FieldError> errors)
    {
        var count = 0;
        if (peer.GetObject("podSelector") is { } podSelector)
        {
            count++;
            LabelSelectors.Validate(podSelector, $"{path}.podSelector", errors);
        }

        if (peer.GetObject("namespaceSelector") is { } namespaceSelector)
        {
            count++;
            LabelSelectors.Validate(namespaceSelector, $"{path}.namespaceSelector", errors);
        }

        var ipBlock = peer.GetObject("ipBlock");
        if (ipBlock is not null)
        {
            count++;
            ValidateIpBlock(ipBlock, $"{path}.ipBlock", existingCidrs, errors);
        }

        if (count == 0)
        {
            errors.Add(FieldError.Required(path, "must specify a peer"));
        }
        else if (count > 1 && ipBlock is not null)
        {
            errors.Add(FieldError.Forbidden(path, "may not specify both ipBlock and another peer"));
        }
    }

    private static void ValidateIpBlock(JsonObject ipBlock, string path, HashSet<string> existingCidrs, List<FieldError> errors)
    {
        var cidr = ipBlock.GetString("cidr") ?? "";
        if (cidr.Length == 0)
        {
            errors.Add(FieldError.Required($"{path}.cidr", ""));
            return;
        }

        var network = IpRules.ParseCidr(cidr);
        if (network is null)
        {
            if (!existingCidrs.Contains(cidr))
            {
                errors.Add(FieldError.Invalid($"{path}.cidr", cidr, IpRules.InvalidCidrMessage));
            }

            return;
        }

        var index = 0;
        foreach (var except in (ipBlock.GetArray("except") ?? []).Select(e => e?.ToString() ?? ""))
        {
            var exceptPath = $"{path}.except[{index++}]";
            if (IpRules.ParseCidr(except) is not { } exceptNetwork)
            {
                if (!existingCidrs.Contains(except))
                {
                    errors.Add(FieldError.Invalid(exceptPath, except, IpRules.InvalidCidrMessage));
                }

                continue;
            }

            if (!IpRules.Contains(network.Value, exceptNetwork.Network) || network.Value.Prefix >= exceptNetwork.Prefix)
            {
                errors.Add(FieldError.Invalid(exceptPath, except, "must be a strict subset of `cidr`"));
            }
        }
    }
}
