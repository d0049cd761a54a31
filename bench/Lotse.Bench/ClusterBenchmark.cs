using System.Diagnostics;
using System.Net.Http.Headers;
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
        var roleArn = await BenchClusters.CreateRoleAsync(aws);
        var subnetIds = await BenchClusters.DefaultSubnetIdsAsync(aws);

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
            BenchClusters.Ensure(created, 200);
            var afterCreate = clock.Elapsed.TotalMilliseconds;

            JsonElement cluster;
            do
            {
                var described = await aws.SendAsync("eks", HttpMethod.Get, $"/clusters/{name}", null);
                BenchClusters.Ensure(described, 200);
                cluster = JsonDocument.Parse(described.Body).RootElement.GetProperty("cluster");
            }
            while (cluster.GetProperty("status").GetString() != "ACTIVE");

            var afterActive = clock.Elapsed.TotalMilliseconds;
            kube ??= BenchClusters.TrustingClient(cluster.GetProperty("certificateAuthority").GetProperty("data").GetString()!);
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
}
