using Lotse.Kube.Errors;
using Lotse.Kube.Registry;

namespace Lotse.Kube.Handlers;

/// <summary>
/// <c>&lt;resource&gt;/&lt;name&gt;/status</c> for any kind: get, update and patch through the generic handlers on the same
/// stored object, with the kind's strategy swapped for its status strategy (upstream's <c>statusStrategy</c>: the
/// main strategy, except that the spec is kept and only the status is validated).
/// </summary>
public sealed class StatusSubresourceHandler(KubeStrategy statusStrategy) : IKubeResourceHandler
{
    public static KubeSubresource For(string group, string version, string kind, KubeStrategy statusStrategy) =>
        new("status", group, version, kind, ["get", "patch", "update"], new StatusSubresourceHandler(statusStrategy));

    public Task HandleAsync(KubeRequestContext request)
    {
        var resource = request.Resource;
        if (request.Info.Verb == "get")
        {
            return GetHandler.HandleAsync(request);
        }

        var statusResource = new KubeResource
        {
            Group = resource.Group,
            Version = resource.Version,
            Resource = resource.Resource,
            Kind = resource.Kind,
            Singular = resource.Singular,
            Namespaced = resource.Namespaced,
            Strategy = statusStrategy,
            ListKind = resource.ListKind,
            StorageGroupVersion = resource.StorageGroupVersion,
        };
        var status = new KubeRequestContext(request.Http, request.Info, request.Scope with { Resource = statusResource }, request.User, request.Objects, request.Format)
        {
            Services = request.Services,
        };
        return request.Info.Verb switch
        {
            "update" => UpdateHandler.HandleAsync(status),
            "patch" => PatchHandler.HandleAsync(status),
            _ => throw KubeStatus.MethodNotSupported(resource.GroupResource, request.Info.Verb).ToException(),
        };
    }
}
