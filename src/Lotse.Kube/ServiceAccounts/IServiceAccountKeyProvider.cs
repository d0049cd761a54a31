using System.Buffers.Text;
using System.Security.Cryptography;

namespace Lotse.Kube.ServiceAccounts;

/// <summary>
/// Gives each cluster's service-account token issuer: the OIDC issuer URL, the ES256 signing key and the CA bundle that
/// legacy token secrets carry. The EKS layer implements it from the cluster record; tests use a fixed key.
/// </summary>
public interface IServiceAccountKeyProvider
{
    /// <summary>The cluster's issuer, or null when the cluster has none (then no tokens are issued or accepted).</summary>
    ValueTask<ServiceAccountIssuer?> GetAsync(KubeCluster cluster, CancellationToken cancellationToken);
}

/// <summary>One cluster's token issuer. The key is used under a lock: one ECDsa instance is not safe for concurrent use.</summary>
public sealed class ServiceAccountIssuer
{
    private readonly ECDsa _key;

    /// <param name="issuer">The <c>iss</c> of bound tokens: the cluster's OIDC issuer URL (EKS: <c>identity.oidc.issuer</c>).</param>
    /// <param name="signingKey">ECDSA P-256 with its private part.</param>
    /// <param name="certificateAuthorityPem">What legacy token secrets carry as <c>ca.crt</c>.</param>
    public ServiceAccountIssuer(string issuer, ECDsa signingKey, string certificateAuthorityPem)
    {
        Issuer = issuer;
        CertificateAuthorityPem = certificateAuthorityPem;
        _key = signingKey;
        KeyId = Base64Url.EncodeToString(SHA256.HashData(signingKey.ExportSubjectPublicKeyInfo()));
    }

    public string Issuer { get; }

    public string CertificateAuthorityPem { get; }

    /// <summary>base64url(SHA-256(SubjectPublicKeyInfo)): kube-apiserver's key id, the <c>kid</c> the issuer's JWKS lists.</summary>
    public string KeyId { get; }

    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        lock (_key)
        {
            return _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
    }

    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        lock (_key)
        {
            return _key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
    }
}
