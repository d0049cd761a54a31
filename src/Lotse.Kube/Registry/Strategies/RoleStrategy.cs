using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Rbac;
using Lotse.Kube.Serialization;
using Lotse.Storage;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// rbac.authorization.k8s.io/v1 Role (upstream <c>pkg/registry/rbac/role</c> + its policy-based storage): rules
/// validated as <c>ValidateRole</c> does, and an escalation check on every create and update.
/// </summary>
public sealed class RoleStrategy : KubeStrategy
{
    public override NameFormat NameFormat => NameFormat.PathSegmentName;

    public override IReadOnlyList<string> TopLevelFields { get; } = ["rules"];

    public override IReadOnlyList<TableColumn> Columns => RbacTables.RoleColumns;

    public override void Validate(JsonObject obj, List<FieldError> errors) => RbacValidation.ValidateRules(obj, namespaced: true, errors);

    public override ValueTask OnCreateAsync(KubeWriteContext context, JsonObject obj, List<StoreOperation> operations) =>
        RbacWriteChecks.ConfirmRoleAsync(context, "roles", obj.Namespace(), obj.Name(), RbacPolicyRule.ListFromJson(obj));

    public override ValueTask OnUpdateAsync(KubeWriteContext context, JsonObject obj, JsonObject old, List<StoreOperation> operations) =>
        RbacWriteChecks.OnlyGarbageCollectionFields(obj, old)
            ? ValueTask.CompletedTask
            : RbacWriteChecks.ConfirmRoleAsync(context, "roles", obj.Namespace(), obj.Name(), RbacPolicyRule.ListFromJson(obj));

    public override void OnCommitted(KubeWriteContext context, IReadOnlyList<StoreOperation> operations, long revision) =>
        RbacPolicyCache.For(context.Store).Committed(context.Cluster, operations, revision);

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells) => RbacTables.WriteRoleCells(obj, cells);
}
