using Lotse.Kube;

namespace Lotse.Eks;

/// <summary>Where this installation serves Kubernetes, as EKS reports it in DescribeCluster.</summary>
/// <param name="KubernetesBaseUrl">The https base of the Kubernetes listener, e.g. <c>https://127.0.0.1:5443</c> (no trailing slash).</param>
/// <param name="CertificateAuthorityPem">PEM of the installation CA that signs the listener's certificate.</param>
/// <param name="ApiServer">The address the <c>kubernetes</c> service's endpoints point at.</param>
public sealed record EksEndpoints(string KubernetesBaseUrl, string CertificateAuthorityPem, KubeApiAddress ApiServer)
{
    public string ClusterEndpoint(string clusterId) => $"{KubernetesBaseUrl}/clusters/{clusterId}";

    /// <summary>The cluster's OIDC issuer; like EKS's <c>https://oidc.eks.&lt;region&gt;.amazonaws.com/id/&lt;ID&gt;</c> it ends in the id.</summary>
    public string OidcIssuer(string clusterId) => $"{KubernetesBaseUrl}/oidc/id/{clusterId}";

    public string CertificateAuthorityData { get; } = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(CertificateAuthorityPem));
}
