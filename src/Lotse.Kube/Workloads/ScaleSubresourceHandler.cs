using System.Globalization;
using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Handlers;
using Lotse.Kube.Patch;
using Lotse.Kube.Serialization;

namespace Lotse.Kube.Workloads;

/// <summary>
/// <c>&lt;workload&gt;/scale</c> as an <c>autoscaling/v1 Scale</c> (upstream ScaleREST of deployments and replicasets):
/// GET shows <c>spec.replicas</c>, the observed <c>status.replicas</c> and the selector string; PUT and PATCH (what
/// <c>kubectl scale</c> sends) change only the workload's <c>spec.replicas</c>, inside the guaranteed update, with a
/// resourceVersion in the Scale as precondition.
/// </summary>
public sealed class ScaleSubresourceHandler : IKubeResourceHandler
{
    public const string Group = "autoscaling";

    public static KubeSubresource Subresource { get; } = new("scale", Group, "v1", "Scale", ["get", "patch", "update"], new ScaleSubresourceHandler());

    public async Task HandleAsync(KubeRequestContext request)
    {
        var name = request.Info.Name;
        if (request.Info.Verb == "get")
        {
            var kv = await request.Objects.GetRawAsync(request.Scope, name, request.Aborted);
            await WriteAsync(request, ToScale(ObjectBytes.Parse(kv.Value, kv.ModRevision)));
            return;
        }

        var dryRun = request.DryRun;
        var fieldManager = FieldManagerOptions.For(request, request.Info.Verb == "update" ? "UpdateOptions" : "PatchOptions");
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
            newScale = current => Patch(mediaType, current, patch);
        }

        var updated = await request.Objects.UpdateAsync(request.Scope, name, current =>
        {
            var scale = newScale(ToScale(current));
            var replicas = JsonObjectExtensions.AsInt64(scale.GetObject("spec")?["replicas"]) ?? 0;
            if (replicas < 0)
            {
                throw KubeStatus.Invalid(Group, "Scale", name, [FieldError.InvalidRaw("spec.replicas", replicas.ToString(CultureInfo.InvariantCulture), "must be greater than or equal to 0")]).ToException();
            }

            var spec = current.GetObject("spec") ?? [];
            current["spec"] = spec;
            spec["replicas"] = replicas;
            var requestedRv = scale.MetaString("resourceVersion");
            if (!string.IsNullOrEmpty(requestedRv))
            {
                current.Metadata()["resourceVersion"] = requestedRv;
            }

            return current;
        }, dryRun, request.Aborted, request.User, fieldManager);
        await WriteAsync(request, ToScale(updated));
    }

    /// <summary>The Scale view of a Deployment, ReplicaSet or ReplicationController.</summary>
    public static JsonObject ToScale(JsonObject workload)
    {
        var meta = workload.GetObject("metadata");
        var scaleMeta = new JsonObject { ["name"] = workload.Name(), ["namespace"] = workload.Namespace() };
        foreach (var field in new[] { "uid", "resourceVersion", "creationTimestamp" })
        {
            scaleMeta[field] = meta?[field]?.DeepClone();
        }

        var spec = workload.GetObject("spec");
        var selector = spec.GetObject("selector");
        if (workload.GetString("kind") == "ReplicationController")
        {
            // A replication controller's selector is a plain label map.
            selector = new JsonObject { ["matchLabels"] = selector?.DeepClone() };
        }

        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = Group + "/v1",
            ["metadata"] = scaleMeta,
            ["spec"] = new JsonObject { ["replicas"] = spec.GetInt("replicas") ?? 0 },
            ["status"] = new JsonObject
            {
                ["replicas"] = workload.GetObject("status").GetInt("replicas") ?? 0,
                ["selector"] = LabelSelectors.IsEmpty(selector) ? "" : LabelSelectors.Format(selector),
            },
        };
    }

    internal static JsonObject Patch(string mediaType, JsonObject current, JsonNode? patch)
    {
        JsonNode? patched;
        try
        {
            patched = mediaType switch
            {
                PatchHandler.JsonPatchType => JsonPatch.Apply(current, JsonPatch.ParseOperations(patch)),
                PatchHandler.MergePatchType => MergePatch.Apply(current, patch as JsonObject ?? throw NotAnObject()),
                PatchHandler.StrategicMergePatchType => StrategicMergePatch.Apply(current, patch as JsonObject ?? throw NotAnObject(), StrategicMergePatch.CommonMergeKeys),
                _ => throw KubeStatus.UnsupportedMediaType($"the body of the request was in an unknown format - accepted media types include: {PatchHandler.JsonPatchType}, {PatchHandler.MergePatchType}, {PatchHandler.StrategicMergePatchType}").ToException(),
            };
        }
        catch (Exception e) when (e is PatchException or FormatException)
        {
            throw KubeStatus.BadRequest(e.Message).ToException();
        }

        return patched as JsonObject ?? throw NotAnObject();
    }

    private static KubeStatusException NotAnObject() =>
        KubeStatus.BadRequest("json: cannot unmarshal non-object into Go value of type map[string]interface {}").ToException();

    private static Task WriteAsync(KubeRequestContext request, JsonObject scale) =>
        ResponseWriter.WriteBytesAsync(request.Http, 200, ObjectBytes.Serialize(scale));
}
