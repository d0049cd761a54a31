using Lotse.Kube.Serialization;

namespace Lotse.Kube.Handlers;

/// <summary>POST to a collection: decode, check the kind, create (generateName, uid, timestamps, validation); 201 with the object.</summary>
public static class CreateHandler
{
    public static async Task HandleAsync(KubeRequestContext request)
    {
        var dryRun = request.DryRun;
        var fieldManager = FieldManagerOptions.For(request, "CreateOptions");
        var body = await RequestBody.ReadBytesAsync(request.Http.Request, request.Aborted);
        var duplicates = new List<string>();
        var obj = request.CheckDecodedObject(RequestBody.ParseObject(body, RequestBody.MediaType(request.Http.Request), duplicates), duplicates);
        var created = await request.Objects.CreateAsync(request.Scope, obj, dryRun, request.Aborted, request.User, fieldManager);
        await ResponseWriter.WriteObjectAsync(request, 201, created);
    }
}
