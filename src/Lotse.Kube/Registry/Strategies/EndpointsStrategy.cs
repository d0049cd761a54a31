using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Serialization;
using Lotse.Kube.Tables;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>core/v1 Endpoints (upstream <c>pkg/registry/core/endpoint/strategy.go</c>, <c>ValidateEndpoints</c>).</summary>
public sealed class EndpointsStrategy : KubeStrategy
{
    private static readonly string[] Protocols = ["SCTP", "TCP", "UDP"];

    public override IReadOnlyList<string> TopLevelFields { get; } = ["subsets"];

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Endpoints", "string", "", "The set of all endpoints is the union of all subsets. Addresses are placed into subsets according to the IPs they share. A single address with multiple ports, some of which are ready and some of which are not (because they come from different containers) will result in the address being displayed in different subsets for the different ports. No address will appear in both Addresses and NotReadyAddresses in the same subset. Sets of addresses and ports that comprise a service."),
        TableColumn.AgeColumn,
    ];

    public override void PrepareForCreate(JsonObject obj) => DefaultProtocols(obj);

    public override void PrepareForUpdate(JsonObject obj, JsonObject old) => DefaultProtocols(obj);

    public override void Validate(JsonObject obj, List<FieldError> errors)
    {
        var subsets = obj.GetArray("subsets");
        for (var i = 0; i < (subsets?.Count ?? 0); i++)
        {
            var subset = subsets![i] as JsonObject;
            var path = $"subsets[{i}]";
            foreach (var list in new[] { "addresses", "notReadyAddresses" })
            {
                var addresses = subset.GetArray(list);
                for (var a = 0; a < (addresses?.Count ?? 0); a++)
                {
                    var ip = (addresses![a] as JsonObject).GetString("ip") ?? "";
                    if (!IPAddress.TryParse(ip, out _))
                    {
                        errors.Add(FieldError.Invalid($"{path}.{list}[{a}].ip", ip, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
                    }
                }
            }

            var ports = subset.GetArray("ports");
            for (var p = 0; p < (ports?.Count ?? 0); p++)
            {
                var port = ports![p] as JsonObject;
                var number = port.GetInt("port") ?? 0;
                if (number is < 1 or > 65535)
                {
                    errors.Add(FieldError.InvalidRaw($"{path}.ports[{p}].port", number.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be between 1 and 65535, inclusive"));
                }

                var protocol = port.GetString("protocol") ?? "TCP";
                if (!Protocols.Contains(protocol))
                {
                    errors.Add(FieldError.NotSupported($"{path}.ports[{p}].protocol", protocol, Protocols));
                }
            }
        }
    }

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells)
    {
        cells.Add(obj.Name());
        cells.Add(FormatEndpoints(obj));
        cells.Add(HumanDuration.Since(obj.CreationTimestamp(), now));
    }

    /// <summary>printers.go <c>formatEndpoints</c>: up to three ip:port pairs, then " + N more...".</summary>
    public static string FormatEndpoints(JsonObject obj)
    {
        var subsets = obj.GetArray("subsets");
        if (subsets is null || subsets.Count == 0)
        {
            return "<none>";
        }

        const int Max = 3;
        var list = new List<string>(Max);
        var more = false;
        var count = 0;
        foreach (var subset in subsets.OfType<JsonObject>())
        {
            var addresses = subset.GetArray("addresses")?.OfType<JsonObject>().Select(a => a.GetString("ip") ?? "").ToList() ?? [];
            var ports = subset.GetArray("ports")?.OfType<JsonObject>().ToList() ?? [];
            if (ports.Count == 0)
            {
                count += addresses.Count;
                foreach (var ip in addresses)
                {
                    if (list.Count == Max)
                    {
                        more = true;
                        break;
                    }

                    list.Add(ip);
                }

                continue;
            }

            foreach (var port in ports)
            {
                count += addresses.Count;
                foreach (var ip in addresses)
                {
                    if (list.Count == Max)
                    {
                        more = true;
                        break;
                    }

                    var number = port.GetInt("port") ?? 0;
                    list.Add(ip.Contains(':') ? $"[{ip}]:{number}" : $"{ip}:{number}");
                }
            }
        }

        var joined = string.Join(",", list);
        return more ? new StringBuilder(joined).Append(" + ").Append(count - Max).Append(" more...").ToString() : joined;
    }

    private static void DefaultProtocols(JsonObject obj)
    {
        foreach (var subset in obj.GetArray("subsets")?.OfType<JsonObject>() ?? [])
        {
            foreach (var port in subset.GetArray("ports")?.OfType<JsonObject>() ?? [])
            {
                port["protocol"] ??= "TCP";
            }
        }
    }
}
