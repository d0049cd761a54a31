using System.Security.Cryptography;
using Lotse.Kube;
using Lotse.Kube.ServiceAccounts;

namespace Lotse.Kube.Tests.Infrastructure;

/// <summary>One fixed P-256 key per test server, issuing as <c>https://issuer.test/id/&lt;cluster id&gt;</c>.</summary>
public sealed class TestServiceAccountKeys(string caPem) : IServiceAccountKeyProvider
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private ServiceAccountIssuer? _issuer;

    public static string IssuerFor(KubeCluster cluster) => $"https://issuer.test/id/{cluster.Id}";

    /// <summary>The public key, as a verifier outside the server would hold it.</summary>
    public ECParameters PublicKey => _key.ExportParameters(includePrivateParameters: false);

    public ValueTask<ServiceAccountIssuer?> GetAsync(KubeCluster cluster, CancellationToken cancellationToken) =>
        ValueTask.FromResult<ServiceAccountIssuer?>(_issuer ??= new ServiceAccountIssuer(IssuerFor(cluster), _key, caPem));
}
