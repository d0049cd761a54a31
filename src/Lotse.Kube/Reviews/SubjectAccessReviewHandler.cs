using Lotse.Kube.Errors;
using Lotse.Kube.Handlers;
using Lotse.Kube.Serialization;

namespace Lotse.Kube.Reviews;

/// <summary>
/// SubjectAccessReview (cluster-wide) and LocalSubjectAccessReview (one namespace): may the user the spec names do
/// this? The spec's user is taken as given, without the groups authentication would add.
/// </summary>
public sealed class SubjectAccessReviewHandler(bool local) : IKubeResourceHandler
{
    public async Task HandleAsync(KubeRequestContext request)
    {
        var review = await ReviewBody.ReadAsync(request, request.Resource);
        var spec = review.GetObject("spec") ?? [];
        var errors = local ? AccessReviewSpec.ValidateLocal(review) : AccessReviewSpec.ValidateSubject(review);
        if (errors.Count > 0)
        {
            // Upstream names the kind from the decoded internal object, whose kind is empty: ".authorization.k8s.io "" is invalid".
            throw KubeStatus.Invalid(AccessReviewSpec.Group, "", "", errors).ToException();
        }

        if (local && review.Namespace() != request.Scope.Namespace)
        {
            throw KubeStatus.BadRequest($"spec.resourceAttributes.namespace must match namespace: {request.Scope.Namespace}").ToException();
        }

        var services = ReviewBody.Services(request);
        var decision = await services.Authorizer.AuthorizeAsync(request.Scope.Cluster, AccessReviewSpec.SubjectUser(spec), AccessReviewSpec.Attributes(spec), request.Aborted);
        review["status"] = AccessReviewSpec.Status(decision.Allowed, decision.Reason);
        await ReviewBody.WriteAsync(request, review);
    }
}
