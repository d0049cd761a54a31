using System.Collections.Concurrent;
using Lotse.Kube;

namespace Lotse.Kube.Tests.Infrastructure;

public sealed class TestClusterDirectory : IKubeClusterDirectory
{
    private readonly ConcurrentDictionary<string, KubeCluster> _clusters = new();

    public void Add(KubeCluster cluster) => _clusters[cluster.Id] = cluster;

    public KubeCluster? Find(string clusterId) => _clusters.GetValueOrDefault(clusterId);
}
