using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lotse.Acceptance.Tests;

/// <summary>
/// Service-account tokens against <c>./lotse up</c>: <c>kubectl create token</c>, the token used with
/// <c>kubectl --token</c>, and its signature checked from outside with the JWKS of the cluster's OIDC issuer, as IRSA does.
/// </summary>
public sealed class ServiceAccountTokenTests(LotseFixture fixture) : IClassFixture<LotseFixture>
{
    private LotseServer Server => fixture.Server;

    [CliFact]
    public async Task CreateToken_UsedByKubectlAndVerifiedWithIssuerJwks()
    {
        (await Server.AwsAsync("eks", "create-cluster", "--name", "tokens", "--role-arn", fixture.ClusterRoleArn,
            "--resources-vpc-config", $"subnetIds={fixture.SubnetIdsCsv}")).ShouldSucceed();
        var kubeconfig = Path.Combine(Server.Home, "tokens.kubeconfig");
        (await Server.AwsAsync("eks", "update-kubeconfig", "--name", "tokens", "--kubeconfig", kubeconfig)).ShouldSucceed();
        (await Server.KubectlAsync(kubeconfig, "create", "serviceaccount", "ci")).ShouldSucceed().StdOut.Trim().ShouldBe("serviceaccount/ci created");
        var token = (await Server.KubectlAsync(kubeconfig, "create", "token", "ci", "--audience", "sts.amazonaws.com", "--audience", "https://kubernetes.default.svc"))
            .ShouldSucceed().StdOut.Trim();

        // kubectl with only the token: the API server knows the account (whoami, or a Forbidden naming it; never 401).
        var asAccount = await Server.KubectlAsync(kubeconfig, "--token", token, "auth", "whoami");
        (asAccount.StdOut + asAccount.StdErr).ShouldContain("system:serviceaccount:default:ci");
        asAccount.StdErr.ShouldNotContain("You must be logged in");

        // The relying party's view: issuer discovery → JWKS → key by kid → ES256 signature, iss and aud.
        var cluster = JsonNode.Parse((await Server.AwsAsync("eks", "describe-cluster", "--name", "tokens")).ShouldSucceed().StdOut)!["cluster"]!;
        var issuer = cluster["identity"]!["oidc"]!["issuer"]!.GetValue<string>();
        var caPem = Encoding.ASCII.GetString(Convert.FromBase64String(cluster["certificateAuthority"]!["data"]!.GetValue<string>()));
        using var http = TrustingClient(caPem);
        var discovery = JsonNode.Parse(await http.GetStringAsync(issuer + "/.well-known/openid-configuration"))!;
        discovery["issuer"]!.GetValue<string>().ShouldBe(issuer);
        var jwks = JsonNode.Parse(await http.GetStringAsync(discovery["jwks_uri"]!.GetValue<string>()))!;

        var parts = token.Split('.');
        var header = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0]))!;
        header["alg"]!.GetValue<string>().ShouldBe("ES256");
        var jwk = jwks["keys"]!.AsArray().Single(k => k!["kid"]!.GetValue<string>() == header["kid"]!.GetValue<string>())!;
        using var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64Url.DecodeFromChars(jwk["x"]!.GetValue<string>()), Y = Base64Url.DecodeFromChars(jwk["y"]!.GetValue<string>()) },
        });
        key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
            .ShouldBeTrue();

        var claims = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!;
        claims["iss"]!.GetValue<string>().ShouldBe(issuer);
        claims["sub"]!.GetValue<string>().ShouldBe("system:serviceaccount:default:ci");
        claims["aud"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBe(["sts.amazonaws.com", "https://kubernetes.default.svc"]);
        (claims["exp"]!.GetValue<long>() - claims["iat"]!.GetValue<long>()).ShouldBe(3600);

        // A token whose signature does not verify is refused outright.
        var tampered = parts[0] + "." + parts[1] + "." + Base64Url.EncodeToString(new byte[64]);
        (await Server.KubectlAsync(kubeconfig, "--token", tampered, "get", "ns")).ShouldFail().StdErr.ShouldContain("You must be logged in to the server");
    }

    private static HttpClient TrustingClient(string caPem)
    {
        var ca = X509Certificate2.CreateFromPem(caPem);
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                if (certificate is null)
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(certificate);
            },
        };
        return new HttpClient(handler);
    }
}
