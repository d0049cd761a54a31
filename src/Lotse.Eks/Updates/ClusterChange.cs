using Lotse.Eks.Clusters;
using Lotse.Storage;

namespace Lotse.Eks.Updates;

/// <summary>One planned cluster update: the Update record's type and params, and what it does to the cluster.</summary>
public sealed record ClusterChange(string Type, List<UpdateParam> Params, Action<EksCluster> Apply)
{
    /// <summary>Writes of other records committed in the same transaction as the update (an identity provider config's record).</summary>
    public IReadOnlyList<StoreOperation> Operations { get; init; } = [];
}
