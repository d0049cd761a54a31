using static Lotse.Kube.Protobuf.FieldPresence;

namespace Lotse.Kube.Protobuf;

/// <summary>rbac.authorization.k8s.io/v1: Role, ClusterRole, RoleBinding, ClusterRoleBinding.</summary>
internal static partial class ProtobufSchema
{
    private const string Rbac = "rbac.authorization.k8s.io/v1";

    private static void DefineRbac()
    {
        // Role.rules and ClusterRole.rules have no omitempty: an absent list is JSON null.
        Define("Role", Msg(1, "metadata", "ObjectMeta", Required), Msgs(2, "rules", "PolicyRule", Required));
        Define(
            "ClusterRole",
            Msg(1, "metadata", "ObjectMeta", Required),
            Msgs(2, "rules", "PolicyRule", Required),
            Msg(3, "aggregationRule", "AggregationRule"));
        Define(
            "PolicyRule",
            Strs(1, "verbs", Required),
            Strs(2, "apiGroups"),
            Strs(3, "resources"),
            Strs(4, "resourceNames"),
            Strs(5, "nonResourceURLs"));
        Define("AggregationRule", Msgs(1, "clusterRoleSelectors", "LabelSelector"));

        // RoleBinding and ClusterRoleBinding share fields and numbers.
        Define("RoleBinding", Msg(1, "metadata", "ObjectMeta", Required), Msgs(2, "subjects", "Subject"), Msg(3, "roleRef", "RoleRef", Required));
        Define("Subject", Str(1, "kind", Required), Str(2, "apiGroup"), Str(3, "name", Required), Str(4, "namespace"));
        Define("RoleRef", Str(1, "apiGroup", Required), Str(2, "kind", Required), Str(3, "name", Required));

        Kind(Rbac, "Role");
        Kind(Rbac, "ClusterRole");
        Kind(Rbac, "RoleBinding");
        Kind(Rbac, "ClusterRoleBinding", "RoleBinding");
    }
}
