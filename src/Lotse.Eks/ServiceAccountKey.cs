using System.Buffers.Text;
using System.Security.Cryptography;

namespace Lotse.Eks;

/// <summary>
/// A cluster's service-account token signing key (ECDSA P-256, ES256), created with the cluster and kept in its
/// record. Its public half is what the cluster's OIDC issuer publishes, so a verifier (IRSA-style) can check tokens.
/// </summary>
public sealed class ServiceAccountKey
{
    private ServiceAccountKey(string keyId, string x, string y)
    {
        KeyId = keyId;
        X = x;
        Y = y;
    }

    /// <summary>base64url(SHA-256(SubjectPublicKeyInfo)), the way kube-apiserver names its service-account keys.</summary>
    public string KeyId { get; }

    public string X { get; }

    public string Y { get; }

    public static ServiceAccountKey FromPem(string pkcs8Pem)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(pkcs8Pem);
        var parameters = key.ExportParameters(includePrivateParameters: false);
        var keyId = Base64Url.EncodeToString(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
        return new ServiceAccountKey(keyId, Base64Url.EncodeToString(parameters.Q.X), Base64Url.EncodeToString(parameters.Q.Y));
    }
}
