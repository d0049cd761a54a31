using System.Net;
using System.Text.Json;
using k8s;
using k8s.Models;

namespace Lotse.Acceptance.Tests;

/// <summary>
/// The same flow without any command-line tool: the AWS SDK's SigV4 signer drives IAM and EKS,
/// the official KubernetesClient drives the cluster with a presigned EKS token. Runs on every machine.
/// </summary>
public sealed class CSharpClientTests(LotseFixture fixture) : IClassFixture<LotseFixture>
{
    private LotseServer Server => fixture.Server;

    private SignedAwsClient Aws() =>
        new(Server.AwsEndpoint, Server.Env["AWS_ACCESS_KEY_ID"], Server.Env["AWS_SECRET_ACCESS_KEY"], Server.Env["AWS_DEFAULT_REGION"]);

    [Fact]
    public async Task SdkSignerAndKubernetesClient_CreateClusterAndUseIt_Works()
    {
        using var aws = Aws();
        await CreateClusterAsync(aws, "sdk");

        var describe = await aws.SendAsync("eks", HttpMethod.Get, "/clusters/sdk", null);
        describe.Status.ShouldBe(200, describe.Body);
        var cluster = JsonDocument.Parse(describe.Body).RootElement.GetProperty("cluster");
        cluster.GetProperty("status").GetString().ShouldBe("ACTIVE");

        var region = Server.Env["AWS_DEFAULT_REGION"];
        var config = new KubernetesClientConfiguration
        {
            Host = cluster.GetProperty("endpoint").GetString(),
            SslCaCerts = CaCertificates(cluster.GetProperty("certificateAuthority").GetProperty("data").GetString()!),
            AccessToken = aws.EksToken("sdk", $"sts.{region}.amazonaws.com"),
        };
        using var kube = new Kubernetes(config);

        var services = await kube.CoreV1.ListNamespacedServiceAsync("default");
        var kubernetes = services.Items.Single(s => s.Metadata.Name == "kubernetes");
        kubernetes.Spec.ClusterIP.ShouldBe("10.100.0.1");
        kubernetes.Spec.Ports.Single().Port.ShouldBe(443);

        var created = await kube.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "from-csharp" }, Data = new Dictionary<string, string> { ["k"] = "v" } }, "default");
        created.Metadata.Uid.ShouldNotBeNullOrEmpty();
        var read = await kube.CoreV1.ReadNamespacedConfigMapAsync("from-csharp", "default");
        read.Data["k"].ShouldBe("v");

        // A token for this cluster signed with the wrong secret is refused.
        using var impostor = new SignedAwsClient(Server.AwsEndpoint, Server.Env["AWS_ACCESS_KEY_ID"], new string('x', 40), region);
        using var refused = new Kubernetes(new KubernetesClientConfiguration { Host = config.Host, SslCaCerts = config.SslCaCerts, AccessToken = impostor.EksToken("sdk", $"sts.{region}.amazonaws.com") });
        var error = await Should.ThrowAsync<k8s.Autorest.HttpOperationException>(() => refused.CoreV1.ListNamespaceAsync());
        error.Response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AwsEndpoint_BadSignature_IsRefusedWithAwsError()
    {
        using var impostor = new SignedAwsClient(Server.AwsEndpoint, Server.Env["AWS_ACCESS_KEY_ID"], new string('x', 40), Server.Env["AWS_DEFAULT_REGION"]);

        var eks = await impostor.SendAsync("eks", HttpMethod.Get, "/clusters", null);
        eks.Status.ShouldBe(403);
        eks.Body.ShouldContain("signature");

        var sts = await impostor.SendAsync("sts", HttpMethod.Post, "/", "Action=GetCallerIdentity&Version=2011-06-15", "application/x-www-form-urlencoded; charset=utf-8");
        sts.Status.ShouldBe(403);
        sts.Body.ShouldContain("<Code>SignatureDoesNotMatch</Code>");
    }

    [Fact]
    public async Task EksEndpoint_MalformedOrUnknownRequests_AnswerAwsErrorsNot500()
    {
        using var aws = Aws();

        var malformed = await aws.SendAsync("eks", HttpMethod.Post, "/clusters", "{\"name\": \"broken\", ");
        malformed.Status.ShouldBe(400, malformed.Body);
        JsonDocument.Parse(malformed.Body).RootElement.GetProperty("message").GetString().ShouldNotBeNullOrEmpty();

        var wrongType = await aws.SendAsync("eks", HttpMethod.Post, "/clusters", """{"name":"typed","roleArn":42,"resourcesVpcConfig":{}}""");
        wrongType.Status.ShouldBe(400, wrongType.Body);

        var unknown = await aws.SendAsync("eks", HttpMethod.Put, "/clusters/x", "{}");
        unknown.Status.ShouldBe(404, unknown.Body);

        var list = await aws.SendAsync("eks", HttpMethod.Get, "/clusters?maxResults=500", null);
        list.Status.ShouldBe(400, list.Body);
        JsonDocument.Parse(list.Body).RootElement.GetProperty("message").GetString()!.ShouldContain("maxResults");
    }

    [Fact]
    public async Task OidcIssuer_OfACluster_ServesDiscoveryAndItsSigningKey()
    {
        using var aws = Aws();
        var cluster = await CreateClusterAsync(aws, "oidc");
        var issuer = cluster.GetProperty("identity").GetProperty("oidc").GetProperty("issuer").GetString()!;
        var handler = new HttpClientHandler();
        var ca = CaCertificates(cluster.GetProperty("certificateAuthority").GetProperty("data").GetString()!);
        handler.ServerCertificateCustomValidationCallback = (_, certificate, chain, _) =>
        {
            chain!.ChainPolicy.TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck;
            chain.ChainPolicy.CustomTrustStore.AddRange(ca);
            return chain.Build(certificate!);
        };
        using var http = new HttpClient(handler);

        var discovery = JsonDocument.Parse(await http.GetStringAsync(issuer + "/.well-known/openid-configuration")).RootElement;
        discovery.GetProperty("issuer").GetString().ShouldBe(issuer);
        var jwksUri = discovery.GetProperty("jwks_uri").GetString()!;
        var key = JsonDocument.Parse(await http.GetStringAsync(jwksUri)).RootElement.GetProperty("keys").EnumerateArray().Single();
        key.GetProperty("kty").GetString().ShouldBe("EC");
        key.GetProperty("alg").GetString().ShouldBe("ES256");
        key.GetProperty("kid").GetString().ShouldNotBeNullOrEmpty();

        // Another cluster has its own key; an unknown cluster id has no issuer.
        var other = await CreateClusterAsync(aws, "oidc-other");
        var otherIssuer = other.GetProperty("identity").GetProperty("oidc").GetProperty("issuer").GetString()!;
        var otherKey = JsonDocument.Parse(await http.GetStringAsync(otherIssuer + "/keys")).RootElement.GetProperty("keys")[0];
        otherKey.GetProperty("kid").GetString().ShouldNotBe(key.GetProperty("kid").GetString());
        (await http.GetAsync(issuer[..issuer.LastIndexOf('/')] + "/00000000000000000000000000000000/keys")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    /// <summary>Creates the role (once) and a cluster through SDK-signed requests; returns DescribeCluster's cluster.</summary>
    private async Task<JsonElement> CreateClusterAsync(SignedAwsClient aws, string name)
    {
        var policy = Uri.EscapeDataString(LotseFixture.TrustPolicy.Trim());
        var role = await aws.SendAsync("iam", HttpMethod.Post, "/", $"Action=GetRole&Version=2010-05-08&RoleName=sdkRole", "application/x-www-form-urlencoded; charset=utf-8");
        if (role.Status == 404)
        {
            role = await aws.SendAsync("iam", HttpMethod.Post, "/", $"Action=CreateRole&Version=2010-05-08&RoleName=sdkRole&AssumeRolePolicyDocument={policy}",
                "application/x-www-form-urlencoded; charset=utf-8");
        }

        role.Status.ShouldBe(200, role.Body);
        var roleArn = System.Xml.Linq.XDocument.Parse(role.Body).Descendants().First(e => e.Name.LocalName == "Arn").Value;
        var create = await aws.SendAsync("eks", HttpMethod.Post, "/clusters", JsonSerializer.Serialize(new
        {
            name,
            roleArn,
            resourcesVpcConfig = new { subnetIds = fixture.SubnetIds },
        }));
        create.Status.ShouldBe(200, create.Body);
        var describe = await aws.SendAsync("eks", HttpMethod.Get, $"/clusters/{name}", null);
        describe.Status.ShouldBe(200, describe.Body);
        return JsonDocument.Parse(describe.Body).RootElement.GetProperty("cluster");
    }

    private static System.Security.Cryptography.X509Certificates.X509Certificate2Collection CaCertificates(string base64Pem)
    {
        var pem = System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(base64Pem));
        var collection = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
        collection.ImportFromPem(pem);
        return collection;
    }
}
