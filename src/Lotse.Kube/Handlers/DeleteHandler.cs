using Lotse.Kube.Errors;
using Lotse.Kube.Registry.Strategies;
using Lotse.Kube.Serialization;

namespace Lotse.Kube.Handlers;

/// <summary>
/// DELETE of one object: 200 with a Success Status carrying name/kind/uid (kubectl reads the uid from it), or the
/// object itself for kinds that return it and for objects held back by finalizers.
/// </summary>
public static class DeleteHandler
{
    public static async Task HandleAsync(KubeRequestContext request)
    {
        var dryRun = request.DryRun;
        var preconditions = await DeleteOptions.ReadAsync(request);
        var name = request.Info.Name;
        if (request.Resource.Resource == "namespaces" && request.Resource.Group.Length == 0 && NamespaceStrategy.Immortal.Contains(name))
        {
            // NamespaceLifecycle admission.
            throw KubeStatus.Forbidden(request.Resource.GroupResource, name, "this namespace may not be deleted").ToException();
        }

        var (obj, deleted) = await request.Objects.DeleteAsync(request.Scope, name, preconditions, dryRun, request.Aborted);
        if (!deleted || request.Resource.Strategy.ReturnDeletedObject)
        {
            await ResponseWriter.WriteObjectAsync(request, 200, obj);
            return;
        }

        var status = KubeStatus.Success(request.Resource.GroupResource, name, obj.MetaString("uid") ?? "");
        await ResponseWriter.WriteStatusAsync(request.Http, status);
    }
}
