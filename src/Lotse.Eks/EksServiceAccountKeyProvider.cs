using System.Collections.Concurrent;
using System.Security.Cryptography;
using Lotse.Eks.Clusters;
using Lotse.Kube;
using Lotse.Kube.ServiceAccounts;

namespace Lotse.Eks;

/// <summary>
/// Each served cluster's service-account token issuer: the issuer URL DescribeCluster reports as
/// <c>identity.oidc.issuer</c>, the signing key created with the cluster (its public half is what <see cref="EksOidcIssuer"/>
/// publishes, so the token's <c>kid</c> matches the JWKS) and the installation CA for legacy token secrets. The private key
/// is read from the cluster record once per cluster id (a re-created cluster gets a new id and a new key).
/// </summary>
public sealed class EksServiceAccountKeyProvider(EksClusterDirectory directory, EksClusterStore clusters, EksEndpoints endpoints) : IServiceAccountKeyProvider
{
    private readonly ConcurrentDictionary<string, ServiceAccountIssuer> _issuers = new(StringComparer.Ordinal);

    public async ValueTask<ServiceAccountIssuer?> GetAsync(KubeCluster cluster, CancellationToken cancellationToken)
    {
        if (directory.FindServed(cluster.Id) is not { } served)
        {
            _issuers.TryRemove(cluster.Id, out _);
            return null;
        }

        if (_issuers.TryGetValue(cluster.Id, out var known))
        {
            return known;
        }

        var (records, _) = await clusters.ListAllAsync(cancellationToken);
        if (records.FirstOrDefault(r => r.Id == cluster.Id) is not { } record)
        {
            return null;
        }

        var key = ECDsa.Create();
        key.ImportFromPem(record.ServiceAccountSigningKeyPem);
        return _issuers.GetOrAdd(cluster.Id, new ServiceAccountIssuer(served.Issuer, key, endpoints.CertificateAuthorityPem));
    }
}
