using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Handlers;
using Lotse.Kube.Serialization;

namespace Lotse.Kube.Reviews;

/// <summary>
/// TokenReview: authenticates <c>spec.token</c> with the server's own authenticators for <c>spec.audiences</c> (the API
/// server's audiences when none are given) and reports the user, the audiences it is good for, or the error.
/// </summary>
public sealed class TokenReviewHandler : IKubeResourceHandler
{
    public async Task HandleAsync(KubeRequestContext request)
    {
        var review = await ReviewBody.ReadAsync(request, request.Resource);
        var spec = review.GetObject("spec");
        var token = spec.GetString("token") ?? "";
        if (token.Length == 0)
        {
            throw KubeStatus.BadRequest("token is required for TokenReview in authentication").ToException();
        }

        var audiences = ReviewBody.Strings(spec, "audiences");
        var outcome = await ReviewBody.Services(request).Authentication.AuthenticateAsync(request.Scope.Cluster, token, audiences, request.Aborted);
        var status = new JsonObject { ["authenticated"] = outcome.User is not null };
        if (outcome.User is { } user)
        {
            status["user"] = ReviewBody.UserInfo(user);
            status["audiences"] = ReviewBody.ToArray(outcome.Audiences);
        }
        else
        {
            status["user"] = new JsonObject();
            status["error"] = outcome.Error;
        }

        review["status"] = status;
        await ReviewBody.WriteAsync(request, review);
    }
}
