using Lotse.Eks.Clusters;

namespace Lotse.Eks.Updates;

/// <summary>One planned cluster update: the Update record's type and params, and what it does to the cluster.</summary>
public sealed record ClusterChange(string Type, List<UpdateParam> Params, Action<EksCluster> Apply);
