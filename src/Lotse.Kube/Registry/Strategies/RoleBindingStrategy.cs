using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Rbac;
using Lotse.Kube.Serialization;
using Lotse.Storage;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// rbac.authorization.k8s.io/v1 RoleBinding (upstream <c>pkg/registry/rbac/rolebinding</c>): <c>ValidateRoleBinding</c>
/// (roleRef to a Role or ClusterRole, immutable), v1 defaults, and the bind/escalation check.
/// </summary>
public sealed class RoleBindingStrategy : KubeStrategy
{
    public override NameFormat NameFormat => NameFormat.PathSegmentName;

    public override IReadOnlyList<string> TopLevelFields { get; } = ["subjects", "roleRef"];

    public override IReadOnlyList<TableColumn> Columns => RbacTables.RoleBindingColumns;

    public override void PrepareForCreate(JsonObject obj) => RbacValidation.DefaultBinding(obj);

    public override void PrepareForUpdate(JsonObject obj, JsonObject old) => RbacValidation.DefaultBinding(obj);

    public override void Validate(JsonObject obj, List<FieldError> errors)
    {
        RbacValidation.ValidateRoleRef(obj, namespaced: true, errors);
        RbacValidation.ValidateSubjects(obj, namespaced: true, errors);
    }

    public override void ValidateUpdate(JsonObject obj, JsonObject old, List<FieldError> errors)
    {
        Validate(obj, errors);
        RbacValidation.ValidateRoleRefUnchanged(obj, old, errors);
    }

    public override ValueTask OnCreateAsync(KubeWriteContext context, JsonObject obj, List<StoreOperation> operations) =>
        RbacWriteChecks.ConfirmBindingAsync(context, "rolebindings", obj.Namespace(), obj.Name(), obj);

    public override ValueTask OnUpdateAsync(KubeWriteContext context, JsonObject obj, JsonObject old, List<StoreOperation> operations) =>
        RbacWriteChecks.OnlyGarbageCollectionFields(obj, old)
            ? ValueTask.CompletedTask
            : RbacWriteChecks.ConfirmBindingAsync(context, "rolebindings", obj.Namespace(), obj.Name(), obj);

    public override void OnCommitted(KubeWriteContext context, IReadOnlyList<StoreOperation> operations, long revision) =>
        RbacPolicyCache.For(context.Store).Committed(context.Cluster, operations, revision);

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells) => RbacTables.WriteBindingCells(obj, now, cells);
}
