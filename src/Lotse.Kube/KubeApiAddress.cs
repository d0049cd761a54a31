namespace Lotse.Kube;

/// <summary>Where the API server is reachable from inside the cluster: the address the <c>kubernetes</c> endpoints point at.</summary>
public sealed record KubeApiAddress(string Ip, int Port);
