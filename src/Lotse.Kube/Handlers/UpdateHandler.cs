using Lotse.Kube.Serialization;

namespace Lotse.Kube.Handlers;

/// <summary>PUT of one object: replaces it, with compare-and-swap on <c>metadata.resourceVersion</c> when the body carries one.</summary>
public static class UpdateHandler
{
    public static async Task HandleAsync(KubeRequestContext request)
    {
        var dryRun = request.DryRun;
        var fieldManager = FieldManagerOptions.For(request, "UpdateOptions");
        var body = await RequestBody.ReadBytesAsync(request.Http.Request, request.Aborted);
        var duplicates = new List<string>();
        var obj = request.CheckDecodedObject(RequestBody.ParseObject(body, RequestBody.MediaType(request.Http.Request), duplicates), duplicates);
        var updated = await request.Objects.UpdateAsync(request.Scope, request.Info.Name, _ => (System.Text.Json.Nodes.JsonObject)obj.DeepClone(), dryRun, request.Aborted, request.User, fieldManager);
        await ResponseWriter.WriteObjectAsync(request, 200, updated);
    }
}
