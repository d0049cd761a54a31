using System.Text.Json.Nodes;
using Lotse.Kube.Handlers;
using Lotse.Kube.Serialization;

namespace Lotse.Kube.Reviews;

/// <summary><c>kubectl auth whoami</c>: the requesting user (after impersonation) as authentication saw it.</summary>
public sealed class SelfSubjectReviewHandler : IKubeResourceHandler
{
    public async Task HandleAsync(KubeRequestContext request)
    {
        await ReviewBody.ReadAsync(request, request.Resource);
        var answer = new JsonObject
        {
            ["apiVersion"] = request.Resource.GroupVersion,
            ["kind"] = request.Resource.Kind,
            ["metadata"] = new JsonObject { ["creationTimestamp"] = JsonObjectExtensions.FormatTime(request.Now) },
            ["status"] = new JsonObject { ["userInfo"] = ReviewBody.UserInfo(request.User) },
        };
        await ReviewBody.WriteAsync(request, answer);
    }
}
