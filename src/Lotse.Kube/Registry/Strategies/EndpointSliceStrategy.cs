using System.Globalization;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;
using Lotse.Kube.Validation;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// discovery.k8s.io/v1 EndpointSlice (upstream <c>pkg/registry/discovery/endpointslice/strategy.go</c>,
/// <c>ValidateEndpointSlice</c>, discovery/v1 <c>SetDefaults_EndpointPort</c>): an immutable address type, up to 1000
/// endpoints whose addresses match that type and up to 100 ports (name defaults to "", protocol to TCP).
/// No controller mirrors services into slices here; <c>metadata.generation</c> moves with any non-metadata change.
/// </summary>
public sealed class EndpointSliceStrategy : KubeStrategy
{
    private const int MaxEndpoints = 1000;
    private const int MaxAddresses = 100;
    private const int MaxPorts = 100;
    private static readonly string[] AddressTypes = ["FQDN", "IPv4", "IPv6"];
    private static readonly string[] Protocols = ["SCTP", "TCP", "UDP"];

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("AddressType", "string", "", "addressType specifies the type of address carried by this EndpointSlice. All addresses in this slice must be the same type. This field is immutable after creation. The following address types are currently supported: * IPv4: Represents an IPv4 Address. * IPv6: Represents an IPv6 Address. * FQDN: Represents a Fully Qualified Domain Name."),
        new("Ports", "string", "", "ports specifies the list of network ports exposed by each endpoint in this slice. Each port must have a unique name. When ports is empty, it indicates that there are no defined ports. When a port is defined with a nil port value, it indicates \"all ports\". Each slice may include a maximum of 100 ports."),
        new("Endpoints", "string", "", "endpoints is a list of unique endpoints in this slice. Each slice may include a maximum of 1000 endpoints."),
        TableColumn.AgeColumn,
    ];

    public override IReadOnlyList<string> TopLevelFields { get; } = ["addressType", "endpoints", "ports"];

    public override string? DecodeError(JsonObject obj)
    {
        foreach (var port in obj.GetArray("ports")?.OfType<JsonObject>() ?? [])
        {
            if (PriorityClassStrategy.Int32DecodeError(port["port"], "EndpointSlice.ports.port") is { } error)
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
        var changed = TopLevelFields.Any(field => !JsonNode.DeepEquals(obj[field], old[field]));
        obj.Metadata()["generation"] = changed ? generation + 1 : generation;
    }

    public override void Validate(JsonObject obj, List<FieldError> errors)
    {
        var addressType = obj.GetString("addressType") ?? "";
        if (addressType.Length == 0)
        {
            errors.Add(FieldError.Required("addressType", ""));
        }
        else if (!AddressTypes.Contains(addressType))
        {
            errors.Add(FieldError.NotSupported("addressType", addressType, AddressTypes));
        }

        ValidateEndpoints(obj.GetArray("endpoints")?.OfType<JsonObject>().ToList() ?? [], addressType, errors);
        ValidatePorts(obj.GetArray("ports")?.OfType<JsonObject>().ToList() ?? [], errors);
    }

    public override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        Validate(obj, errors);
        var addressType = obj.GetString("addressType") ?? "";
        if (addressType != (old.GetString("addressType") ?? ""))
        {
            errors.Add(FieldError.Invalid("addressType", addressType, "field is immutable"));
        }
    }

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        var ports = (obj.GetArray("ports")?.OfType<JsonObject>() ?? []).Select(p =>
            p.GetInt("port")?.ToString(CultureInfo.InvariantCulture) ?? p.GetString("name") ?? "*");
        var addresses = (obj.GetArray("endpoints")?.OfType<JsonObject>() ?? [])
            .SelectMany(e => (e.GetArray("addresses") ?? []).Select(a => a?.ToString() ?? ""));
        cells.Add(obj.Name());
        cells.Add(obj.GetString("addressType") ?? "");
        cells.Add(ListWithMore(ports.ToList()));
        cells.Add(ListWithMore(addresses.ToList()));
        cells.Add(HumanDuration.Since(obj.CreationTimestamp(), now));
    }

    /// <summary>printers.go <c>listWithMoreString</c>: the first three, "+ N more...", "&lt;unset&gt;" when empty.</summary>
    private static string ListWithMore(List<string> items)
    {
        const int Max = 3;
        if (items.Count == 0)
        {
            return "<unset>";
        }

        var text = string.Join(",", items.Take(Max));
        return items.Count > Max ? $"{text} + {items.Count - Max} more..." : text;
    }

    private static void ApplyDefaults(JsonObject obj)
    {
        foreach (var port in obj.GetArray("ports")?.OfType<JsonObject>() ?? [])
        {
            port["name"] ??= "";
            port["protocol"] ??= "TCP";
        }
    }

    private static void ValidateEndpoints(List<JsonObject> endpoints, string addressType, List<FieldError> errors)
    {
        if (endpoints.Count > MaxEndpoints)
        {
            errors.Add(FieldError.TooMany("endpoints", endpoints.Count, MaxEndpoints));
            return;
        }

        for (var i = 0; i < endpoints.Count; i++)
        {
            var path = $"endpoints[{i}]";
            var addresses = (endpoints[i].GetArray("addresses") ?? []).Select(a => a?.ToString() ?? "").ToList();
            if (addresses.Count == 0)
            {
                errors.Add(FieldError.Required($"{path}.addresses", "must contain at least 1 address"));
            }
            else if (addresses.Count > MaxAddresses)
            {
                errors.Add(FieldError.TooMany($"{path}.addresses", addresses.Count, MaxAddresses));
            }

            for (var a = 0; a < addresses.Count; a++)
            {
                var addressPath = $"{path}.addresses[{a}]";
                switch (addressType)
                {
                    case "IPv4" or "IPv6":
                        IpRules.ValidateFamily(addressPath, addresses[a], addressType == "IPv4" ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6, errors);
                        IpRules.ValidateNonSpecial(addressPath, addresses[a], errors);
                        break;
                    case "FQDN":
                        ValidateFqdn(addressPath, addresses[a], errors);
                        break;
                }
            }

            if (endpoints[i].GetString("nodeName") is { } nodeName)
            {
                foreach (var msg in NameRules.IsDns1123Subdomain(nodeName))
                {
                    errors.Add(FieldError.Invalid($"{path}.nodeName", nodeName, msg));
                }
            }

            if (endpoints[i].GetString("hostname") is { } hostname)
            {
                foreach (var msg in NameRules.IsDns1123Label(hostname))
                {
                    errors.Add(FieldError.Invalid($"{path}.hostname", hostname, msg));
                }
            }
        }
    }

    private static void ValidatePorts(List<JsonObject> ports, List<FieldError> errors)
    {
        if (ports.Count > MaxPorts)
        {
            errors.Add(FieldError.TooMany("ports", ports.Count, MaxPorts));
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ports.Count; i++)
        {
            var path = $"ports[{i}]";
            var name = ports[i].GetString("name") ?? "";
            if (name.Length > 0)
            {
                foreach (var msg in NameRules.IsDns1123Label(name))
                {
                    errors.Add(FieldError.Invalid($"{path}.name", name, msg));
                }
            }

            if (!names.Add(name))
            {
                errors.Add(FieldError.Duplicate($"{path}.name", name));
            }

            var protocol = ports[i].GetString("protocol");
            if (protocol is null)
            {
                errors.Add(FieldError.Required($"{path}.protocol", ""));
            }
            else if (!Protocols.Contains(protocol))
            {
                errors.Add(FieldError.NotSupported($"{path}.protocol", protocol, Protocols));
            }

            if (ports[i].GetString("appProtocol") is { } appProtocol)
            {
                foreach (var msg in NameRules.IsQualifiedName(appProtocol))
                {
                    errors.Add(FieldError.Invalid($"{path}.appProtocol", appProtocol, msg));
                }
            }
        }
    }

    /// <summary>apimachinery <c>IsFullyQualifiedDomainName</c>: a DNS subdomain of at least two labels (a trailing dot allowed).</summary>
    private static void ValidateFqdn(string path, string name, List<FieldError> errors)
    {
        if (name.Length == 0)
        {
            errors.Add(FieldError.Required(path, ""));
            return;
        }

        name = name.EndsWith('.') ? name[..^1] : name;
        var subdomain = NameRules.IsDns1123Subdomain(name).ToList();
        if (subdomain.Count > 0)
        {
            errors.Add(FieldError.Invalid(path, name, string.Join(",", subdomain)));
            return;
        }

        var labels = name.Split('.');
        if (labels.Length < 2)
        {
            errors.Add(FieldError.Invalid(path, name, "should be a domain with at least two segments separated by dots"));
            return;
        }

        foreach (var label in labels)
        {
            var labelErrors = NameRules.IsDns1123Label(label).ToList();
            if (labelErrors.Count > 0)
            {
                errors.Add(FieldError.Invalid(path, label, string.Join(",", labelErrors)));
                return;
            }
        }
    }
}
