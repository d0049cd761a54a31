using Lotse.Kube.Serialization;

namespace Lotse.Kube.Handlers;

/// <summary>GET of one object: 200 with the object (or a one-row Table), 404 Status when absent.</summary>
public static class GetHandler
{
    public static async Task HandleAsync(KubeRequestContext request)
    {
        var kv = await request.Objects.GetRawAsync(request.Scope, request.Info.Name, request.Aborted);
        if (request.Format.Shape == ResponseShape.Object && !request.Resource.ConvertsOnRead)
        {
            // The hot path: stored bytes plus the spliced resourceVersion, no parse and re-serialise.
            await ResponseWriter.WriteBytesAsync(request.Http, 200, ObjectBytes.WithResourceVersion(kv.Value.Span, kv.ModRevision));
            return;
        }

        await ResponseWriter.WriteObjectAsync(request, 200, ObjectBytes.Parse(kv.Value, kv.ModRevision));
    }
}
