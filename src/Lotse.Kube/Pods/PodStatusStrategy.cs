using System.Net;
using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Registry.Strategies;
using Lotse.Kube.Serialization;
using Lotse.Kube.Validation;

namespace Lotse.Kube.Pods;

/// <summary>Status writes keep the stored spec and owner references; only the status is validated.</summary>
public sealed class PodStatusStrategy : PodStrategy
{
    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        obj["spec"] = old["spec"]?.DeepClone();
        var meta = obj.Metadata();
        meta.Remove("ownerReferences");
        if (old.GetObject("metadata")?["ownerReferences"] is { } owners)
        {
            meta["ownerReferences"] = owners.DeepClone();
        }

        // v1 conversion keeps status.podIP and status.podIPs[0] in step.
        if (obj.GetObject("status") is { } status)
        {
            if (status["podIPs"] is null && status.GetString("podIP") is { Length: > 0 } ip)
            {
                status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = ip });
            }
            else if (status["podIP"] is null && status.GetArray("podIPs")?.FirstOrDefault() is JsonObject first)
            {
                status["podIP"] = first["ip"]?.DeepClone();
            }
        }
    }

    public override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        var status = obj.GetObject("status");
        if (status.GetString("nominatedNodeName") is { Length: > 0 } nominated)
        {
            foreach (var msg in NameRules.IsDns1123Subdomain(nominated))
            {
                errors.Add(FieldError.Invalid("status.nominatedNodeName", nominated, msg));
            }
        }

        var podIps = status.GetArray("podIPs")?.OfType<JsonObject>().ToList() ?? [];
        for (var i = 0; i < podIps.Count; i++)
        {
            var ip = podIps[i].GetString("ip") ?? "";
            if (!IPAddress.TryParse(ip, out _))
            {
                errors.Add(FieldError.Invalid($"status.podIPs[{i}]", ip, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
            }
        }
    }
}
