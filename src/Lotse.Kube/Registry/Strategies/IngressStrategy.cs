using System.Globalization;
using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;
using Lotse.Kube.Validation;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// networking.k8s.io/v1 Ingress (upstream <c>pkg/registry/networking/ingress/strategy.go</c>, <c>ValidateIngressCreate</c>,
/// printers.go <c>printIngress</c>): host rules (plain or wildcard DNS names) with HTTP paths whose pathType is
/// required, backends that name either a service (with a port name or number) or a resource, a default backend, TLS
/// hosts and secrets, and the class. Status (the load balancer's addresses) belongs to the status subresource; no
/// ingress controller runs here. <c>metadata.generation</c> starts at 1 and moves with the spec.
/// </summary>
public sealed class IngressStrategy : KubeStrategy
{
    private const string ClassAnnotation = "kubernetes.io/ingress.class";
    private static readonly string[] PathTypes = ["Exact", "ImplementationSpecific", "Prefix"];
    private static readonly string[] InvalidPathSequences = ["//", "/./", "/../", "%2f", "%2F"];
    private static readonly string[] InvalidPathSuffixes = ["/..", "/."];

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Class", "string", "", "The name of the IngressClass resource that should be used for additional configuration"),
        new("Hosts", "string", "", "Hosts that incoming requests are matched against before the ingress rule"),
        new("Address", "string", "", "Address is a list containing ingress points for the load-balancer"),
        new("Ports", "string", "", "Ports of TLS configurations that open"),
        TableColumn.AgeColumn,
    ];

    public override string? DecodeError(JsonObject obj)
    {
        foreach (var (goPath, backend) in Backends(obj.GetObject("spec")))
        {
            if (PriorityClassStrategy.Int32DecodeError(backend.GetObject("service").GetObject("port")?["number"], $"Ingress.spec.{goPath}.service.port.number") is { } error)
            {
                return error;
            }
        }

        return null;
    }

    public override void PrepareForCreate(JsonObject obj)
    {
        obj["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() };
        obj.Metadata()["generation"] = 1;
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        obj["status"] = old["status"]?.DeepClone();
        var generation = old.GetObject("metadata").GetInt("generation") ?? 0;
        obj.Metadata()["generation"] = JsonNode.DeepEquals(obj["spec"], old["spec"]) ? generation : generation + 1;
    }

    public override void Validate(JsonObject obj, List<FieldError> errors)
    {
        ValidateSpec(obj.GetObject("spec"), errors);
        var className = obj.GetObject("spec").GetString("ingressClassName");
        if (obj.GetObject("metadata").GetObject("annotations").GetString(ClassAnnotation) is { } annotation && className is not null && annotation != className)
        {
            errors.Add(FieldError.Invalid($"annotations.{ClassAnnotation}", annotation, "must match `ingressClassName` when both are specified"));
        }
    }

    public override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors) => ValidateSpec(obj.GetObject("spec"), errors);

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        var spec = obj.GetObject("spec");
        cells.Add(obj.Name());
        cells.Add(spec.GetString("ingressClassName") ?? "<none>");
        cells.Add(FormatHosts(spec.GetArray("rules")?.OfType<JsonObject>().ToList() ?? []));
        cells.Add(FormatAddresses(obj.GetObject("status").GetObject("loadBalancer")));
        cells.Add((spec.GetArray("tls")?.Count ?? 0) > 0 ? "80, 443" : "80");
        cells.Add(HumanDuration.Since(obj.CreationTimestamp(), now));
    }

    /// <summary><c>ValidateIngressStatusUpdate</c>: load-balancer IPs must be IPs, hostnames DNS names.</summary>
    public static void ValidateStatus(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        var index = 0;
        foreach (var ingress in obj.GetObject("status").GetObject("loadBalancer").GetArray("ingress")?.OfType<JsonObject>() ?? [])
        {
            var path = $"status.loadBalancer.ingress[{index++}]";
            if (ingress.GetString("ip") is { Length: > 0 } ip && IpRules.Parse(ip) is null)
            {
                errors.Add(FieldError.Invalid($"{path}.ip", ip, IpRules.InvalidIpMessage));
            }

            if (ingress.GetString("hostname") is { Length: > 0 } hostname)
            {
                foreach (var msg in NameRules.IsDns1123Subdomain(hostname))
                {
                    errors.Add(FieldError.Invalid($"{path}.hostname", hostname, msg));
                }

                if (IpRules.Parse(hostname) is not null)
                {
                    errors.Add(FieldError.Invalid($"{path}.hostname", hostname, "must be a DNS name, not an IP address"));
                }
            }
        }
    }

    /// <summary>printers.go <c>formatHosts</c>: the first three hosts, "*" when no rule names one.</summary>
    private static string FormatHosts(List<JsonObject> rules)
    {
        const int Max = 3;
        var hosts = new List<string>();
        var more = false;
        foreach (var rule in rules)
        {
            more |= hosts.Count == Max;
            if (!more && rule.GetString("host") is { Length: > 0 } host)
            {
                hosts.Add(host);
            }
        }

        if (hosts.Count == 0)
        {
            return "*";
        }

        var text = string.Join(",", hosts);
        return more ? $"{text} + {rules.Count - Max} more..." : text;
    }

    /// <summary>The load balancer's IPs (or hostnames), sorted and comma-separated (the server prints the wide form).</summary>
    private static string FormatAddresses(JsonObject? loadBalancer)
    {
        var addresses = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var ingress in loadBalancer.GetArray("ingress")?.OfType<JsonObject>() ?? [])
        {
            if (ingress.GetString("ip") is { Length: > 0 } ip)
            {
                addresses.Add(ip);
            }
            else if (ingress.GetString("hostname") is { Length: > 0 } hostname)
            {
                addresses.Add(hostname);
            }
        }

        return string.Join(",", addresses);
    }

    /// <summary>Every backend with its path as Go's decoder names it (list indices omitted).</summary>
    private static IEnumerable<(string GoPath, JsonObject Backend)> Backends(JsonObject? spec)
    {
        if (spec.GetObject("defaultBackend") is { } defaultBackend)
        {
            yield return ("defaultBackend", defaultBackend);
        }

        foreach (var rule in spec.GetArray("rules")?.OfType<JsonObject>() ?? [])
        {
            foreach (var path in rule.GetObject("http").GetArray("paths")?.OfType<JsonObject>() ?? [])
            {
                if (path.GetObject("backend") is { } backend)
                {
                    yield return ("rules.http.paths.backend", backend);
                }
            }
        }
    }

    private static void ValidateSpec(JsonObject? spec, List<FieldError> errors)
    {
        var rules = spec.GetArray("rules");
        var defaultBackend = spec.GetObject("defaultBackend");
        if ((rules?.Count ?? 0) == 0 && defaultBackend is null)
        {
            errors.Add(FieldError.InvalidRaw("spec", rules is null ? "[]networking.IngressRule(nil)" : "[]networking.IngressRule{}", "either `defaultBackend` or `rules` must be specified"));
        }

        if (defaultBackend is not null)
        {
            ValidateBackend(defaultBackend, "spec.defaultBackend", errors);
        }

        var index = 0;
        foreach (var rule in rules?.OfType<JsonObject>() ?? [])
        {
            ValidateRule(rule, $"spec.rules[{index++}]", errors);
        }

        index = 0;
        foreach (var tls in spec.GetArray("tls")?.OfType<JsonObject>() ?? [])
        {
            var path = $"spec.tls[{index++}]";
            var hostIndex = 0;
            foreach (var host in (tls.GetArray("hosts") ?? []).Select(h => h?.ToString() ?? ""))
            {
                var hostPath = $"{path}.hosts[{hostIndex++}]";
                foreach (var msg in host.Contains('*', StringComparison.Ordinal) ? NameRules.IsWildcardDns1123Subdomain(host) : NameRules.IsDns1123Subdomain(host))
                {
                    errors.Add(FieldError.Invalid(hostPath, host, msg));
                }
            }

            if (tls.GetString("secretName") is { Length: > 0 } secretName)
            {
                foreach (var msg in NameRules.IsDns1123Subdomain(secretName))
                {
                    errors.Add(FieldError.Invalid($"{path}.secretName", secretName, msg));
                }
            }
        }

        if (spec.GetString("ingressClassName") is { } className)
        {
            foreach (var msg in NameRules.IsDns1123Subdomain(className))
            {
                errors.Add(FieldError.Invalid("spec.ingressClassName", className, msg));
            }
        }
    }

    private static void ValidateRule(JsonObject rule, string path, List<FieldError> errors)
    {
        if (rule.GetString("host") is { Length: > 0 } host)
        {
            if (IpRules.Parse(host) is not null)
            {
                errors.Add(FieldError.Invalid($"{path}.host", host, "must be a DNS name, not an IP address"));
            }

            foreach (var msg in host.Contains('*', StringComparison.Ordinal) ? NameRules.IsWildcardDns1123Subdomain(host) : NameRules.IsDns1123Subdomain(host))
            {
                errors.Add(FieldError.Invalid($"{path}.host", host, msg));
            }
        }

        if (rule.GetObject("http") is not { } http)
        {
            return;
        }

        var paths = http.GetArray("paths")?.OfType<JsonObject>().ToList() ?? [];
        if (paths.Count == 0)
        {
            errors.Add(FieldError.Required($"{path}.http.paths", ""));
        }

        for (var i = 0; i < paths.Count; i++)
        {
            ValidatePath(paths[i], $"{path}.http.paths[{i}]", errors);
        }
    }

    private static void ValidatePath(JsonObject httpPath, string path, List<FieldError> errors)
    {
        if (httpPath.GetString("pathType") is not { } pathType)
        {
            errors.Add(FieldError.Required($"{path}.pathType", "pathType must be specified"));
            return;
        }

        var value = httpPath.GetString("path") ?? "";
        switch (pathType)
        {
            case "Exact" or "Prefix":
                if (!value.StartsWith('/'))
                {
                    errors.Add(FieldError.Invalid($"{path}.path", value, "must be an absolute path"));
                }

                foreach (var sequence in InvalidPathSequences.Where(s => value.Contains(s, StringComparison.Ordinal)))
                {
                    errors.Add(FieldError.Invalid($"{path}.path", value, $"must not contain '{sequence}'"));
                }

                foreach (var suffix in InvalidPathSuffixes.Where(s => value.EndsWith(s, StringComparison.Ordinal)))
                {
                    errors.Add(FieldError.Invalid($"{path}.path", value, $"cannot end with '{suffix}'"));
                }

                break;
            case "ImplementationSpecific":
                if (value.Length > 0 && !value.StartsWith('/'))
                {
                    errors.Add(FieldError.Invalid($"{path}.path", value, "must be an absolute path"));
                }

                break;
            default:
                errors.Add(FieldError.NotSupported($"{path}.pathType", pathType, PathTypes));
                break;
        }

        ValidateBackend(httpPath.GetObject("backend"), $"{path}.backend", errors);
    }

    /// <summary><c>validateIngressBackend</c>: exactly one of a service (name plus port name or number) and a resource.</summary>
    private static void ValidateBackend(JsonObject? backend, string path, List<FieldError> errors)
    {
        var resource = backend.GetObject("resource");
        var service = backend.GetObject("service");
        if (resource is not null && service is not null)
        {
            errors.Add(FieldError.Invalid(path, "", "cannot set both resource and service backends"));
            return;
        }

        if (resource is not null)
        {
            ValidateResourceReference(resource, $"{path}.resource", errors);
            return;
        }

        if (service is null)
        {
            errors.Add(FieldError.Invalid(path, "", "resource or service backend is required"));
            return;
        }

        var name = service.GetString("name") ?? "";
        if (name.Length == 0)
        {
            errors.Add(FieldError.Required($"{path}.service.name", ""));
        }
        else
        {
            foreach (var msg in NameRules.IsDns1035Label(name))
            {
                errors.Add(FieldError.Invalid($"{path}.service.name", name, msg));
            }
        }

        var port = service.GetObject("port");
        var portName = port.GetString("name") ?? "";
        var portNumber = port.GetInt("number") ?? 0;
        if (portName.Length > 0 && portNumber != 0)
        {
            errors.Add(FieldError.Invalid(path, "", "cannot set both port name & port number"));
        }
        else if (portName.Length > 0)
        {
            foreach (var msg in NameRules.IsValidPortName(portName))
            {
                errors.Add(FieldError.Invalid($"{path}.service.port.name", portName, msg));
            }
        }
        else if (portNumber != 0)
        {
            if (portNumber is < 1 or > 65535)
            {
                errors.Add(FieldError.InvalidRaw($"{path}.service.port.number", portNumber.ToString(CultureInfo.InvariantCulture), "must be between 1 and 65535, inclusive"));
            }
        }
        else
        {
            errors.Add(FieldError.Required(path, "port name or number is required"));
        }
    }

    private static void ValidateResourceReference(JsonObject reference, string path, List<FieldError> errors)
    {
        if (reference.GetString("apiGroup") is { } apiGroup)
        {
            foreach (var msg in NameRules.IsDns1123Subdomain(apiGroup))
            {
                errors.Add(FieldError.Invalid($"{path}.apiGroup", apiGroup, msg));
            }
        }

        foreach (var field in new[] { "kind", "name" })
        {
            var value = reference.GetString(field) ?? "";
            if (value.Length == 0)
            {
                errors.Add(FieldError.Required($"{path}.{field}", ""));
                continue;
            }

            foreach (var msg in NameRules.IsValidPathSegmentName(value))
            {
                errors.Add(FieldError.Invalid($"{path}.{field}", value, msg));
            }
        }
    }
}
