using Lotse.Kube.Registry;

namespace Lotse.Kube.Reviews;

/// <summary>
/// The never-stored resources of <c>authorization.k8s.io/v1</c> and <c>authentication.k8s.io/v1</c>, as kube-apiserver
/// serves them: create only, each answered by its handler.
/// </summary>
public static class ReviewResources
{
    public const string AuthenticationGroup = "authentication.k8s.io";

    public static IReadOnlyList<KubeResource> All { get; } =
    [
        Review(AuthenticationGroup, "selfsubjectreviews", "SelfSubjectReview", false, new SelfSubjectReviewHandler()),
        Review(AuthenticationGroup, "tokenreviews", "TokenReview", false, new TokenReviewHandler()),
        Review(AccessReviewSpec.Group, "localsubjectaccessreviews", "LocalSubjectAccessReview", true, new SubjectAccessReviewHandler(local: true)),
        Review(AccessReviewSpec.Group, "selfsubjectaccessreviews", "SelfSubjectAccessReview", false, new SelfSubjectAccessReviewHandler()),
        Review(AccessReviewSpec.Group, "selfsubjectrulesreviews", "SelfSubjectRulesReview", false, new SelfSubjectRulesReviewHandler()),
        Review(AccessReviewSpec.Group, "subjectaccessreviews", "SubjectAccessReview", false, new SubjectAccessReviewHandler(local: false)),
    ];

    private static KubeResource Review(string group, string resource, string kind, bool namespaced, Handlers.IKubeResourceHandler handler) => new()
    {
        Group = group,
        Version = "v1",
        Resource = resource,
        Kind = kind,
        Singular = kind.ToLowerInvariant(),
        Namespaced = namespaced,
        Verbs = ["create"],
        Strategy = ReviewStrategy.Instance,
        Handler = handler,
    };
}
