using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.Rbac;
using Lotse.Kube.Serialization;
using Lotse.Storage;

namespace Lotse.Kube.Registry.Strategies;

/// <summary>
/// rbac.authorization.k8s.io/v1 ClusterRole (upstream <c>pkg/registry/rbac/clusterrole</c>): <c>ValidateClusterRole</c>,
/// the escalation check, and aggregation — an aggregated role's rules, and those of every aggregated role that selects
/// the written one, are recomputed in the same commit.
/// </summary>
public sealed class ClusterRoleStrategy : KubeStrategy
{
    public override NameFormat NameFormat => NameFormat.PathSegmentName;

    public override IReadOnlyList<string> TopLevelFields { get; } = ["rules", "aggregationRule"];

    public override IReadOnlyList<TableColumn> Columns => RbacTables.RoleColumns;

    public override void Validate(JsonObject obj, List<FieldError> errors)
    {
        RbacValidation.ValidateRules(obj, namespaced: false, errors);
        RbacValidation.ValidateAggregationRule(obj, errors);
    }

    public override async ValueTask OnCreateAsync(KubeWriteContext context, JsonObject obj, List<StoreOperation> operations)
    {
        await RbacWriteChecks.ConfirmRoleAsync(context, "clusterroles", "", obj.Name(), RbacPolicyRule.ListFromJson(obj), aggregates: obj["aggregationRule"] is not null);
        await RbacAggregationWrites.AddAsync(context, obj.Name(), obj, operations);
    }

    public override async ValueTask OnUpdateAsync(KubeWriteContext context, JsonObject obj, JsonObject old, List<StoreOperation> operations)
    {
        if (!RbacWriteChecks.OnlyGarbageCollectionFields(obj, old))
        {
            var aggregates = obj["aggregationRule"] is not null || old["aggregationRule"] is not null;
            await RbacWriteChecks.ConfirmRoleAsync(context, "clusterroles", "", obj.Name(), RbacPolicyRule.ListFromJson(obj), aggregates);
        }

        await RbacAggregationWrites.AddAsync(context, obj.Name(), obj, operations);
    }

    public override ValueTask OnDeleteAsync(KubeWriteContext context, JsonObject old, List<StoreOperation> operations) =>
        RbacAggregationWrites.AddAsync(context, old.Name(), null, operations);

    public override void OnCommitted(KubeWriteContext context, IReadOnlyList<StoreOperation> operations, long revision) =>
        RbacPolicyCache.For(context.Store).Committed(context.Cluster, operations, revision);

    public override void WriteCells(JsonObject obj, DateTimeOffset now, List<object> cells) => RbacTables.WriteRoleCells(obj, cells);
}
