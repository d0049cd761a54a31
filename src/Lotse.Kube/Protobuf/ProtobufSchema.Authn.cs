using static Lotse.Kube.Protobuf.FieldPresence;

namespace Lotse.Kube.Protobuf;

/// <summary>
/// authentication.k8s.io/v1 (TokenReview, SelfSubjectReview; TokenRequest is with the core kinds) and authorization.k8s.io/v1's self reviews:
/// what kubectl's typed clients send for <c>create token</c>, <c>auth whoami</c> and <c>auth can-i</c>.
/// </summary>
internal static partial class ProtobufSchema
{
    private const string Authentication = "authentication.k8s.io/v1";
    private const string Authorization = "authorization.k8s.io/v1";

    private static void DefineAuthentication()
    {
        Define("TokenReview", Msg(1, "metadata", "ObjectMeta", Required), Msg(2, "spec", "TokenReviewSpec", Required), Msg(3, "status", "TokenReviewStatus", Required));
        Define("TokenReviewSpec", Str(1, "token"), Strs(2, "audiences"));
        Define("TokenReviewStatus", Bool(1, "authenticated"), Str(3, "error"), Strs(4, "audiences"));
        Define("SelfSubjectReview", Msg(1, "metadata", "ObjectMeta", Required), Msg(2, "status", "SelfSubjectReviewStatus", Required));
        Define("SelfSubjectReviewStatus");

        Define("SelfSubjectAccessReview", Msg(1, "metadata", "ObjectMeta", Required), Msg(2, "spec", "SelfSubjectAccessReviewSpec", Required), Msg(3, "status", "SubjectAccessReviewStatus", Required));
        Define("SelfSubjectAccessReviewSpec", Msg(1, "resourceAttributes", "ResourceAttributes"), Msg(2, "nonResourceAttributes", "NonResourceAttributes"));
        Define(
            "ResourceAttributes",
            Str(1, "namespace"),
            Str(2, "verb"),
            Str(3, "group"),
            Str(4, "version"),
            Str(5, "resource"),
            Str(6, "subresource"),
            Str(7, "name"),
            Msg(8, "fieldSelector", "FieldSelectorAttributes"),
            Msg(9, "labelSelector", "LabelSelectorAttributes"));
        Define("FieldSelectorAttributes", Str(1, "rawSelector"), Msgs(2, "requirements", "FieldSelectorRequirement"));
        Define("FieldSelectorRequirement", Str(1, "key", Required), Str(2, "operator", Required), Strs(3, "values"));
        Define("LabelSelectorAttributes", Str(1, "rawSelector"), Msgs(2, "requirements", "LabelSelectorRequirement"));
        Define("NonResourceAttributes", Str(1, "path"), Str(2, "verb"));
        Define("SubjectAccessReviewStatus", Bool(1, "allowed", Required), Bool(4, "denied"), Str(2, "reason"), Str(3, "evaluationError"));
        Define("SelfSubjectRulesReview", Msg(1, "metadata", "ObjectMeta", Required), Msg(2, "spec", "SelfSubjectRulesReviewSpec", Required), Msg(3, "status", "SubjectRulesReviewStatus", Required));
        Define("SelfSubjectRulesReviewSpec", Str(1, "namespace"));
        Define("SubjectRulesReviewStatus", Bool(3, "incomplete", Required), Str(4, "evaluationError"));

        Kind(Authentication, "TokenReview");
        Kind(Authentication, "SelfSubjectReview");
        Kind(Authorization, "SelfSubjectAccessReview");
        Kind(Authorization, "SelfSubjectRulesReview");
    }
}
