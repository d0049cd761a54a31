using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Lotse.Storage;

namespace Lotse.Server.Certificates;

/// <summary>
/// The installation's certificate authority: created on first start, kept in the store (so every replica
/// and every restart serves under the same CA that kubeconfigs already trust), and used to issue the
/// Kubernetes listener's serving certificate.
/// </summary>
public sealed class InstallationCa : IDisposable
{
    private const string StoreKey = "/lotse/ca";

    private readonly X509Certificate2 _certificate;
    private readonly ECDsa _key;

    private InstallationCa(X509Certificate2 certificate, ECDsa key)
    {
        _certificate = certificate;
        _key = key;
    }

    public string CertificatePem => _certificate.ExportCertificatePem();

    public static async Task<InstallationCa> LoadOrCreateAsync(IStore store, TimeProvider time, CancellationToken ct)
    {
        while (true)
        {
            var existing = await store.GetAsync(StoreKey, 0, ct);
            if (existing is not null)
            {
                var stored = JsonSerializer.Deserialize<StoredCa>(existing.Value.Span)!;
                var key = ECDsa.Create();
                key.ImportFromPem(stored.KeyPem);
                return new InstallationCa(X509Certificate2.CreateFromPem(stored.CertificatePem), key);
            }

            var created = Create(time.GetUtcNow());
            var value = JsonSerializer.SerializeToUtf8Bytes(new StoredCa(created.CertificatePem, created._key.ExportPkcs8PrivateKeyPem()));
            var result = await store.CreateAsync(StoreKey, value, ct);
            if (result.Succeeded)
            {
                return created;
            }

            // Another replica created it first: use theirs.
            created.Dispose();
        }
    }

    private static InstallationCa Create(DateTimeOffset now)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=lotse-ca, O=Lotse", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));
        return new InstallationCa(X509CertificateLoader.LoadCertificate(certificate.Export(X509ContentType.Cert)), key);
    }

    /// <summary>Issues a serving certificate for the given host names and addresses (fresh key each start).</summary>
    public X509Certificate2 IssueServingCertificate(IEnumerable<string> hosts, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=lotse-apiserver", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var host in hosts.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (IPAddress.TryParse(host, out var address))
            {
                names.AddIpAddress(address);
            }
            else
            {
                names.AddDnsName(host);
            }
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_certificate, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var issued = request.Create(_certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(_key), now.AddMinutes(-5), now.AddYears(1), serial);
        using var withKey = issued.CopyWithPrivateKey(key);

        // Round-trip through PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    public void Dispose()
    {
        _certificate.Dispose();
        _key.Dispose();
    }

    private sealed record StoredCa(string CertificatePem, string KeyPem);
}
