using System.Globalization;
using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Patch;
using Lotse.Kube.Serialization;

namespace Lotse.Kube.Handlers;

/// <summary>
/// PATCH of one object. The patch is applied inside the guaranteed update to the current object (never as a storage
/// verb), so a lost race re-applies it to fresh state. A resourceVersion in the patch is a precondition.
/// </summary>
public static class PatchHandler
{
    public const string JsonPatchType = "application/json-patch+json";
    public const string MergePatchType = "application/merge-patch+json";
    public const string StrategicMergePatchType = "application/strategic-merge-patch+json";
    public const string ApplyPatchType = "application/apply-patch+yaml";

    public static async Task HandleAsync(KubeRequestContext request)
    {
        var mediaType = RequestBody.MediaType(request.Http.Request);
        if (mediaType is not (JsonPatchType or MergePatchType or StrategicMergePatchType or ApplyPatchType))
        {
            throw KubeStatus.UnsupportedMediaType($"the body of the request was in an unknown format - accepted media types include: {JsonPatchType}, {MergePatchType}, {StrategicMergePatchType}, {ApplyPatchType}").ToException();
        }

        if (mediaType == StrategicMergePatchType && !request.Resource.Strategy.SupportsStrategicMergePatch)
        {
            throw KubeStatus.UnsupportedMediaType($"the body of the request was in an unknown format - accepted media types include: {JsonPatchType}, {MergePatchType}, {ApplyPatchType}").ToException();
        }

        if (mediaType == ApplyPatchType)
        {
            await ApplyPatchHandler.HandleAsync(request);
            return;
        }

        FieldManagerOptions.Force(request, apply: false);
        var fieldManager = FieldManagerOptions.For(request, "PatchOptions");
        var dryRun = request.DryRun;
        var body = await RequestBody.ReadBytesAsync(request.Http.Request, request.Aborted);
        var duplicates = new List<string>();
        var patch = RequestBody.Parse(body, yaml: false, "", duplicates);
        Func<JsonObject, JsonNode?> apply = mediaType switch
        {
            JsonPatchType => JsonPatchApplier(patch),
            MergePatchType => current => MergePatch.Apply(current, patch as JsonObject ?? throw KubeStatus.BadRequest("json: cannot unmarshal non-object into Go value of type map[string]interface {}").ToException()),
            _ => current => StrategicMergePatch.Apply(current, patch as JsonObject ?? throw KubeStatus.BadRequest("json: cannot unmarshal non-object into Go value of type map[string]interface {}").ToException(), request.Resource.Strategy.PatchMergeKeys),
        };

        var updated = await request.Objects.UpdateAsync(request.Scope, request.Info.Name, current =>
        {
            var currentRv = current.MetaString("resourceVersion");
            JsonNode? patched;
            try
            {
                patched = apply(current);
            }
            catch (PatchException e)
            {
                throw PatchFailed(e.Message);
            }

            if (patched is not JsonObject obj)
            {
                throw PatchFailed("the patched document is not a JSON object");
            }

            // Only a resourceVersion the patch itself set is a precondition; the current one is carried along.
            if (obj.MetaString("resourceVersion") == currentRv)
            {
                obj.Metadata().Remove("resourceVersion");
            }

            return request.CheckDecodedObject(obj, duplicates);
        }, dryRun, request.Aborted, request.User, fieldManager);
        await ResponseWriter.WriteObjectAsync(request, 200, updated);
    }

    private static Func<JsonObject, JsonNode?> JsonPatchApplier(JsonNode? patch)
    {
        JsonArray operations;
        try
        {
            operations = JsonPatch.ParseOperations(patch);
        }
        catch (FormatException e)
        {
            throw KubeStatus.BadRequest(e.Message).ToException();
        }

        if (operations.Count > JsonPatch.MaxOperations)
        {
            var tooMany = KubeStatus.RequestEntityTooLarge(JsonPatch.MaxOperations) with
            {
                Message = $"The allowed maximum operations in a JSON patch is {JsonPatch.MaxOperations.ToString(CultureInfo.InvariantCulture)}, got {operations.Count.ToString(CultureInfo.InvariantCulture)}",
            };
            throw tooMany.ToException();
        }

        return current => JsonPatch.Apply(current, operations);
    }

    /// <summary>apimachinery's generic 422 for a patch that does not apply (kubectl: "The request is invalid: …").</summary>
    private static KubeStatusException PatchFailed(string detail) =>
        (new KubeStatus(422, "Invalid", "the server rejected our request due to an error in our request") { Causes = [new KubeStatusCause("", detail, null)] }).ToException();
}
