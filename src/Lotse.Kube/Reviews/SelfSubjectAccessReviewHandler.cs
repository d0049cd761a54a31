using Lotse.Kube.Errors;
using Lotse.Kube.Handlers;
using Lotse.Kube.Serialization;

namespace Lotse.Kube.Reviews;

/// <summary><c>kubectl auth can-i</c>: may the requesting user (after impersonation) do this? Asks the server's authorizer.</summary>
public sealed class SelfSubjectAccessReviewHandler : IKubeResourceHandler
{
    public async Task HandleAsync(KubeRequestContext request)
    {
        var review = await ReviewBody.ReadAsync(request, request.Resource);
        var spec = review.GetObject("spec") ?? [];
        var errors = AccessReviewSpec.ValidateSelf(spec);
        if (errors.Count > 0)
        {
            // Upstream names the kind from the decoded internal object, whose kind is empty: ".authorization.k8s.io "" is invalid".
            throw KubeStatus.Invalid(AccessReviewSpec.Group, "", "", errors).ToException();
        }

        var services = ReviewBody.Services(request);
        var decision = await services.Authorizer.AuthorizeAsync(request.Scope.Cluster, request.User, AccessReviewSpec.Attributes(spec), request.Aborted);
        review["status"] = AccessReviewSpec.Status(decision.Allowed, decision.Reason);
        await ReviewBody.WriteAsync(request, review);
    }
}
