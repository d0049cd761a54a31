using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Lotse.Testing;

namespace Lotse.Bench;

/// <summary>
/// From CreateCluster to the first authenticated Kubernetes answer: POST /clusters → DescribeCluster until
/// ACTIVE → GET /api/v1/namespaces/default/services with a presigned EKS token, against a real `./lotse up`
/// process, requests signed by the AWS SDK's SigV4 signer. Target (issue: workshop flow): p50 ≤ 50 ms.
/// </summary>
internal static class ClusterBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new BenchArguments(args);
        var count = options.Int("--clusters", 50);
        var warmup = options.Int("--warmup", 3);

        await using var server = await LotseServer.StartAsync();
        var region = server.Env["AWS_DEFAULT_REGION"];
        using var aws = new SignedAwsClient(server.AwsEndpoint, server.Env["AWS_ACCESS_KEY_ID"], server.Env["AWS_SECRET_ACCESS_KEY"], region);
        var roleArn = await CreateRoleAsync(aws);
        var (subnetStatus, subnetBody) = await aws.SendAsync("ec2", HttpMethod.Post, "/", DefaultSubnets.Request, DefaultSubnets.ContentType);
        var subnetIds = DefaultSubnets.Parse(subnetStatus, subnetBody);

        var total = new List<double>();
        var create = new List<double>();
        var active = new List<double>();
        var firstGet = new List<double>();
        HttpClient? kube = null;
        for (var i = 0; i < warmup + count; i++)
        {
            var name = $"bench-{i}";
            var clock = Stopwatch.StartNew();
            var created = await aws.SendAsync("eks", HttpMethod.Post, "/clusters",
                JsonSerializer.Serialize(new { name, roleArn, resourcesVpcConfig = new { subnetIds } }));
            Ensure(created, 200);
            var afterCreate = clock.Elapsed.TotalMilliseconds;

            JsonElement cluster;
            do
            {
                var described = await aws.SendAsync("eks", HttpMethod.Get, $"/clusters/{name}", null);
                Ensure(described, 200);
                cluster = JsonDocument.Parse(described.Body).RootElement.GetProperty("cluster");
            }
            while (cluster.GetProperty("status").GetString() != "ACTIVE");

            var afterActive = clock.Elapsed.TotalMilliseconds;
            kube ??= TrustingClient(cluster.GetProperty("certificateAuthority").GetProperty("data").GetString()!);
            using var request = new HttpRequestMessage(HttpMethod.Get, cluster.GetProperty("endpoint").GetString() + "/api/v1/namespaces/default/services");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", aws.EksToken(name, $"sts.{region}.amazonaws.com"));
            using var response = await kube.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"GET services answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            await response.Content.ReadAsByteArrayAsync();
            var done = clock.Elapsed.TotalMilliseconds;
            if (i < warmup)
            {
                Console.WriteLine($"warm-up {i + 1}: {done:F1} ms");
                continue;
            }

            total.Add(done);
            create.Add(afterCreate);
            active.Add(afterActive - afterCreate);
            firstGet.Add(done - afterActive);
        }

        kube?.Dispose();
        Console.WriteLine($"create-cluster → ACTIVE → first authenticated GET services, {count} clusters in one process:");
        Console.WriteLine($"  total            {Percentiles.Summary(total)}");
        Console.WriteLine($"  CreateCluster    {Percentiles.Summary(create)}");
        Console.WriteLine($"  until ACTIVE     {Percentiles.Summary(active)}");
        Console.WriteLine($"  first GET (TLS)  {Percentiles.Summary(firstGet)}");
        Console.WriteLine($"  target p50 ≤ 50 ms: {(Percentiles.Of(total, 50) <= 50 ? "met" : "NOT met")}");
        return 0;
    }

    private static async Task<string> CreateRoleAsync(SignedAwsClient aws)
    {
        var policy = Uri.EscapeDataString("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"eks.amazonaws.com"},"Action":"sts:AssumeRole"}]}""");
        var role = await aws.SendAsync("iam", HttpMethod.Post, "/", $"Action=CreateRole&Version=2010-05-08&RoleName=benchRole&AssumeRolePolicyDocument={policy}",
            "application/x-www-form-urlencoded; charset=utf-8");
        Ensure(role, 200);
        return System.Xml.Linq.XDocument.Parse(role.Body).Descendants().First(e => e.Name.LocalName == "Arn").Value;
    }

    /// <summary>One HTTPS client for all clusters (one installation CA), as a client reusing its connection pool would.</summary>
    private static HttpClient TrustingClient(string caData)
    {
        var ca = new X509Certificate2Collection();
        ca.ImportFromPem(System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(caData)));
        var handler = new SocketsHttpHandler();
        handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        handler.SslOptions.CertificateChainPolicy.CustomTrustStore.AddRange(ca);
        return new HttpClient(handler);
    }

    private static void Ensure((int Status, string Body) response, int expected)
    {
        if (response.Status != expected)
        {
            throw new InvalidOperationException($"expected {expected}, got {response.Status}: {response.Body}");
        }
    }
}
