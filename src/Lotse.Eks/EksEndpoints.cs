using Lotse.Kube;

namespace Lotse.Eks;

/// <summary>Where this installation serves Kubernetes, as EKS reports it in DescribeCluster.</summary>
/// <param name="KubernetesBaseUrl">The https base of the Kubernetes listener, e.g. <c>https://127.0.0.1:5443</c> (no trailing slash).</param>
/// <param name="CertificateAuthorityPem">PEM of the installation CA that signs the listener's certificate.</param>
/// <param name="ApiServer">The address the <c>kubernetes</c> service's endpoints point at.</param>
public sealed record EksEndpoints(string KubernetesBaseUrl, string CertificateAuthorityPem, KubeApiAddress ApiServer)
{
    /// <summary>The https base of the private listener (the clusters' VPC), e.g. <c>https://127.0.0.2:5443</c>; null when there is none.</summary>
    public string? PrivateKubernetesBaseUrl { get; init; }

    public string ClusterEndpoint(string clusterId) => $"{KubernetesBaseUrl}/clusters/{clusterId}";

    /// <summary>
    /// The endpoint DescribeCluster reports. EKS keeps one host name that resolves to private addresses inside the VPC; Lotse has
    /// no DNS of its own, so a cluster reachable only privately reports the private listener's URL, and
    /// <c>aws eks update-kubeconfig</c> then points "inside the VPC".
    /// </summary>
    public string ClusterEndpoint(string clusterId, bool publicAccess, bool privateAccess) =>
        !publicAccess && privateAccess && PrivateKubernetesBaseUrl is { } privateBase ? $"{privateBase}/clusters/{clusterId}" : ClusterEndpoint(clusterId);

    /// <summary>The cluster's OIDC issuer; like EKS's <c>https://oidc.eks.&lt;region&gt;.amazonaws.com/id/&lt;ID&gt;</c> it ends in the id.</summary>
    public string OidcIssuer(string clusterId) => $"{KubernetesBaseUrl}/oidc/id/{clusterId}";

    public string CertificateAuthorityData { get; } = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(CertificateAuthorityPem));
}
