using System.Globalization;
using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Handlers;
using Lotse.Kube.Serialization;
using Lotse.Kube.Workloads;

namespace Lotse.Kube.CustomResources;

/// <summary>
/// <c>&lt;plural&gt;/scale</c> of a CRD with <c>subresources.scale</c>: an <c>autoscaling/v1 Scale</c> whose spec.replicas is read
/// from and written to <c>specReplicasPath</c>, whose status comes from <c>statusReplicasPath</c> and
/// <c>labelSelectorPath</c> (what <c>kubectl scale</c> and autoscalers use).
/// </summary>
public sealed class CustomResourceScaleHandler(string specReplicasPath, string statusReplicasPath, string? labelSelectorPath) : IKubeResourceHandler
{
    public static KubeSubresource For(JsonObject scale) => new(
        "scale", ScaleSubresourceHandler.Group, "v1", "Scale", ["get", "patch", "update"],
        new CustomResourceScaleHandler(scale.GetString("specReplicasPath") ?? "", scale.GetString("statusReplicasPath") ?? "", scale.GetString("labelSelectorPath")));

    public async Task HandleAsync(KubeRequestContext request)
    {
        var name = request.Info.Name;
        if (request.Info.Verb == "get")
        {
            await WriteAsync(request, ToScale(await request.Objects.GetAsync(request.Scope, name, request.Aborted)));
            return;
        }

        var dryRun = request.DryRun;
        var body = await RequestBody.ReadBytesAsync(request.Http.Request, request.Aborted);
        var mediaType = RequestBody.MediaType(request.Http.Request);
        Func<JsonObject, JsonObject> newScale;
        if (request.Info.Verb == "update")
        {
            var scale = RequestBody.ParseObject(body, mediaType, []);
            newScale = _ => scale;
        }
        else
        {
            var patch = RequestBody.Parse(body, yaml: false, "");
            newScale = current => ScaleSubresourceHandler.Patch(mediaType, current, patch);
        }

        var updated = await request.Objects.UpdateAsync(request.Scope, name, current =>
        {
            var scale = newScale(ToScale(current));
            var replicas = JsonObjectExtensions.AsInt64(scale.GetObject("spec")?["replicas"]) ?? 0;
            if (replicas < 0)
            {
                throw KubeStatus.Invalid(ScaleSubresourceHandler.Group, "Scale", name, [FieldError.InvalidRaw("spec.replicas", replicas.ToString(CultureInfo.InvariantCulture), "must be greater than or equal to 0")]).ToException();
            }

            Set(current, specReplicasPath, replicas);
            var requestedRv = scale.MetaString("resourceVersion");
            if (!string.IsNullOrEmpty(requestedRv))
            {
                current.Metadata()["resourceVersion"] = requestedRv;
            }

            return current;
        }, dryRun, request.Aborted, request.User);
        await WriteAsync(request, ToScale(updated));
    }

    public JsonObject ToScale(JsonObject obj)
    {
        var meta = obj.GetObject("metadata");
        var scaleMeta = new JsonObject { ["name"] = obj.Name() };
        if (obj.Namespace().Length > 0)
        {
            scaleMeta["namespace"] = obj.Namespace();
        }

        foreach (var field in new[] { "uid", "resourceVersion", "creationTimestamp" })
        {
            scaleMeta[field] = meta?[field]?.DeepClone();
        }

        var status = new JsonObject { ["replicas"] = Integer(obj, statusReplicasPath) };
        if (labelSelectorPath is not null && SimpleJsonPath.Evaluate(obj, labelSelectorPath) is [JsonValue selector] && selector.TryGetValue<string>(out var text))
        {
            status["selector"] = text;
        }

        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = ScaleSubresourceHandler.Group + "/v1",
            ["metadata"] = scaleMeta,
            ["spec"] = new JsonObject { ["replicas"] = Integer(obj, specReplicasPath) },
            ["status"] = status,
        };
    }

    private static long Integer(JsonObject obj, string path) =>
        SimpleJsonPath.Evaluate(obj, path) is [var node] ? JsonObjectExtensions.AsInt64(node) ?? 0 : 0;

    private static void Set(JsonObject obj, string path, long value)
    {
        var parts = (SimpleJsonPath.AsFieldPath(path) ?? "spec.replicas").Split('.');
        var current = obj;
        foreach (var part in parts[..^1])
        {
            if (current[part] is not JsonObject next)
            {
                next = [];
                current[part] = next;
            }

            current = next;
        }

        current[parts[^1]] = value;
    }

    private static Task WriteAsync(KubeRequestContext request, JsonObject scale) =>
        ResponseWriter.WriteBytesAsync(request.Http, 200, ObjectBytes.Serialize(scale));
}
