using Lotse.Kube.Errors;
using Lotse.Kube.Requests;

namespace Lotse.Kube.Auth;

/// <summary>apiserver <c>responsewriters.forbiddenMessage</c> + <c>errors.NewForbidden</c>, word for word.</summary>
public static class ForbiddenMessage
{
    public static KubeStatus For(KubeUser user, KubeRequestInfo request, string reason)
    {
        string message;
        if (!request.IsResourceRequest)
        {
            message = $"User \"{user.Name}\" cannot {request.Verb} path \"{request.Path}\"";
        }
        else
        {
            var resource = request.Subresource.Length > 0 ? $"{request.Resource}/{request.Subresource}" : request.Resource;
            message = request.Namespace.Length > 0
                ? $"User \"{user.Name}\" cannot {request.Verb} resource \"{resource}\" in API group \"{request.ApiGroup}\" in the namespace \"{request.Namespace}\""
                : $"User \"{user.Name}\" cannot {request.Verb} resource \"{resource}\" in API group \"{request.ApiGroup}\" at the cluster scope";
        }

        if (reason.Length > 0)
        {
            message += ": " + reason;
        }

        var groupResource = request.IsResourceRequest ? new KubeGroupResource(request.ApiGroup, request.Resource) : new KubeGroupResource("", "");
        return KubeStatus.Forbidden(groupResource, request.Name, message);
    }
}
