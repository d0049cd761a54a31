using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Handlers;
using Lotse.Kube.Registry;
using Lotse.Kube.Serialization;

namespace Lotse.Kube.Autoscaling;

/// <summary>
/// <c>autoscaling/v1</c> HorizontalPodAutoscalers, the version <c>kubectl autoscale</c> (1.27–1.33) creates. Objects are
/// stored once, in the autoscaling/v2 form of <paramref name="stored"/>; this handler converts a v1 body to v2 (the CPU
/// percentage becomes a Resource metric, so the v2 strategy defaults and validates it) and answers with the v1 view.
/// Serves create, get, list and delete: what the v1 clients in use need, without a v1 watch, update or patch (a v1
/// write would drop the v2-only fields, which upstream keeps in annotations).
/// </summary>
public sealed class HorizontalPodAutoscalerV1Handler(KubeResource stored) : IKubeResourceHandler
{
    public const string Group = "autoscaling";

    public const string Version = "v1";

    public static IReadOnlyList<string> Verbs { get; } = ["create", "delete", "get", "list"];

    public async Task HandleAsync(KubeRequestContext request)
    {
        var scope = request.Scope with { Resource = stored };
        var name = request.Info.Name;
        switch (request.Info.Verb)
        {
            case "create":
                {
                    var body = await RequestBody.ReadBytesAsync(request.Http.Request, request.Aborted);
                    var duplicates = new List<string>();
                    var v1 = request.CheckDecodedObject(RequestBody.ParseObject(body, RequestBody.MediaType(request.Http.Request), duplicates), duplicates);
                    var created = await request.Objects.CreateAsync(scope, ToV2(v1, stored.GroupVersion), request.DryRun, request.Aborted, request.User);
                    await WriteAsync(request, 201, created);
                    break;
                }

            case "get":
                await WriteAsync(request, 200, await request.Objects.GetAsync(scope, name, request.Aborted));
                break;
            case "list" when request.Format.Shape != ResponseShape.Object:
                // Tables and metadata-only lists do not depend on the version: the generic list of the stored form.
                await ListHandler.HandleAsync(new KubeRequestContext(request.Http, request.Info, scope, request.User, request.Objects, request.Format) { Services = request.Services });
                break;
            case "list":
                await WriteListAsync(request, scope);
                break;
            case "delete":
                {
                    var preconditions = await DeleteOptions.ReadAsync(request);
                    var (obj, deleted) = await request.Objects.DeleteAsync(scope, name, preconditions, request.DryRun, request.Aborted);
                    if (!deleted)
                    {
                        await WriteAsync(request, 200, obj);
                        break;
                    }

                    await ResponseWriter.WriteStatusAsync(request.Http, KubeStatus.Success(request.Resource.GroupResource, name, obj.MetaString("uid") ?? ""));
                    break;
                }

            default:
                throw KubeStatus.MethodNotSupported(request.Resource.GroupResource, request.Info.Verb).ToException();
        }
    }

    /// <summary>A v1 autoscaler in the v2 form: <c>targetCPUUtilizationPercentage</c> becomes a CPU Utilization metric.</summary>
    public static JsonObject ToV2(JsonObject v1, string v2ApiVersion)
    {
        var spec = v1.GetObject("spec");
        var v2Spec = new JsonObject
        {
            ["scaleTargetRef"] = spec?["scaleTargetRef"]?.DeepClone(),
            ["minReplicas"] = spec?["minReplicas"]?.DeepClone(),
            ["maxReplicas"] = spec?["maxReplicas"]?.DeepClone(),
        };
        if (spec?["targetCPUUtilizationPercentage"] is { } percentage)
        {
            v2Spec["metrics"] = new JsonArray(CpuMetric("target", new JsonObject { ["type"] = "Utilization", ["averageUtilization"] = percentage.DeepClone() }));
        }

        RemoveNulls(v2Spec);
        return new JsonObject
        {
            ["apiVersion"] = v2ApiVersion,
            ["kind"] = v1.GetString("kind"),
            ["metadata"] = v1["metadata"]?.DeepClone(),
            ["spec"] = v2Spec,
        };
    }

    /// <summary>The v1 view of a stored v2 autoscaler: the CPU utilization target and current value, the replica counts.</summary>
    public static JsonObject ToV1(JsonObject v2)
    {
        var spec = v2.GetObject("spec");
        var status = v2.GetObject("status");
        var v1Spec = new JsonObject
        {
            ["scaleTargetRef"] = spec?["scaleTargetRef"]?.DeepClone(),
            ["minReplicas"] = spec?["minReplicas"]?.DeepClone(),
            ["maxReplicas"] = spec.GetInt("maxReplicas") ?? 0,
            ["targetCPUUtilizationPercentage"] = CpuUtilization(spec.GetArray("metrics"), "target"),
        };
        var v1Status = new JsonObject
        {
            ["observedGeneration"] = status?["observedGeneration"]?.DeepClone(),
            ["lastScaleTime"] = status?["lastScaleTime"]?.DeepClone(),
            ["currentReplicas"] = status.GetInt("currentReplicas") ?? 0,
            ["desiredReplicas"] = status.GetInt("desiredReplicas") ?? 0,
            ["currentCPUUtilizationPercentage"] = CpuUtilization(status.GetArray("currentMetrics"), "current"),
        };
        RemoveNulls(v1Spec);
        RemoveNulls(v1Status);
        return new JsonObject
        {
            ["apiVersion"] = $"{Group}/{Version}",
            ["kind"] = v2.GetString("kind"),
            ["metadata"] = v2["metadata"]?.DeepClone(),
            ["spec"] = v1Spec,
            ["status"] = v1Status,
        };
    }

    /// <summary>The whole collection (selectors applied, no paging) as an autoscaling/v1 list.</summary>
    private static async Task WriteListAsync(KubeRequestContext request, KubeScope scope)
    {
        var filter = ObjectFilter.Create(request.Resource, request.Query("labelSelector"), request.Query("fieldSelector"));
        var page = await request.Objects.ListAsync(scope, filter, 0, null, 0, request.Aborted);
        var items = new JsonArray();
        foreach (var (kv, parsed) in page.Items)
        {
            items.Add(ToV1(parsed ?? ObjectBytes.Parse(kv.Value, kv.ModRevision)));
        }

        var list = new JsonObject
        {
            ["kind"] = request.Resource.ListKind,
            ["apiVersion"] = request.Resource.GroupVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = page.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["items"] = items,
        };
        await ResponseWriter.WriteBytesAsync(request.Http, 200, ObjectBytes.Serialize(list));
    }

    /// <summary>Objects as v1; tables and metadata-only answers from the stored form (same cells, same metadata).</summary>
    private static Task WriteAsync(KubeRequestContext request, int code, JsonObject v2) =>
        ResponseWriter.WriteObjectAsync(request, code, request.Format.Shape == ResponseShape.Object ? ToV1(v2) : v2);

    private static JsonObject CpuMetric(string field, JsonObject value) => new()
    {
        ["type"] = "Resource",
        ["resource"] = new JsonObject { ["name"] = "cpu", [field] = value },
    };

    private static long? CpuUtilization(JsonArray? metrics, string field) =>
        metrics?.OfType<JsonObject>()
            .Where(m => m.GetString("type") == "Resource" && m.GetObject("resource").GetString("name") == "cpu")
            .Select(m => m.GetObject("resource").GetObject(field).GetInt("averageUtilization"))
            .FirstOrDefault(u => u is not null);

    private static void RemoveNulls(JsonObject obj)
    {
        foreach (var key in obj.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            obj.Remove(key);
        }
    }
}
