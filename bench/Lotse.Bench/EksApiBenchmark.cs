using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Lotse.Testing;

namespace Lotse.Bench;

/// <summary>
/// `eks-api`: EKS read throughput of Lotse (`./lotse up`) next to moto's server, in one run. Per target: one IAM
/// role, one cluster plus 20 more (so ListClusters lists something), then N concurrent workers hammer
/// DescribeCluster and ListClusters, each request freshly SigV4-signed by the AWS SDK signer, over one shared
/// connection pool. Target (issue): Lotse ≥ 50× moto per operation. Besides req/s, the CPU time the server's process
/// tree and the bench client each spend per request: with client and server on the same few cores, req/s is bounded by
/// the client as much as by the server, while the server's CPU per request is its own cost whatever the client does.
/// </summary>
internal static class EksApiBenchmark
{
    private const int ExtraClusters = 20;
    private const string ClusterName = "bench-api";
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(string[] args)
    {
        var arguments = new BenchArguments(args);
        var duration = TimeSpan.FromSeconds(arguments.Int("--seconds", 5));
        var connections = arguments.Int("--connections", 16);
        Console.WriteLine($"eks-api: {duration.TotalSeconds:0} s per operation after {Warmup.TotalSeconds:0} s warm-up, {connections} connections, "
            + $"{1 + ExtraClusters} clusters per target");
        Console.WriteLine($"note: the bench client runs on the same {Environment.ProcessorCount} cores as the server under test, so both targets "
            + "are measured with the client competing for CPU (absolute req/s are a lower bound; the ratio is the figure to read)");

        // Other processes on a small machine skew both halves; the load average makes a noisy run recognisable.
        if (File.Exists("/proc/loadavg"))
        {
            Console.WriteLine($"load average before the run: {File.ReadAllText("/proc/loadavg").Trim()}");
        }

        var results = new List<Result>();
        await using (var lotse = await LotseServer.StartAsync())
        {
            var target = new Target("lotse", lotse.ProcessId, lotse.AwsEndpoint, lotse.Env["AWS_ACCESS_KEY_ID"], lotse.Env["AWS_SECRET_ACCESS_KEY"], lotse.Env["AWS_DEFAULT_REGION"], connections);
            results.AddRange(await MeasureTargetAsync(target, await CreateRoleAsync(target), duration, connections));
        }

        var moto = MotoServer.FindCommand();
        if (moto is null)
        {
            Console.WriteLine($"moto not found (neither moto_server on PATH nor python3 -m moto.server); the moto half is skipped. Install it with: {MotoServer.InstallHint}");
        }
        else
        {
            await using var server = await MotoServer.StartAsync(moto);

            // moto accepts any credentials and any role ARN that looks like one; it routes on the signature's service.
            var target = new Target("moto", server.ProcessId, server.Endpoint, "testing", "testing", "us-east-1", connections);
            results.AddRange(await MeasureTargetAsync(target, "arn:aws:iam::123456789012:role/benchRole", duration, connections));
        }

        PrintTable(results);
        return 0;
    }

    private static async Task<List<Result>> MeasureTargetAsync(Target target, string roleArn, TimeSpan duration, int connections)
    {
        using (target)
        {
            await CreateClustersAsync(target, roleArn);
            var operations = new (string Name, string Path)[] { ("DescribeCluster", $"/clusters/{ClusterName}"), ("ListClusters", "/clusters") };
            var results = new List<Result>();
            foreach (var (name, path) in operations)
            {
                var result = await LoadAsync(target, name, path, duration, connections);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {target.Name,-6} {name,-16} {result.RequestsPerSecond,9:0} req/s  p50 {result.P50,7:F2} ms  p99 {result.P99,7:F2} ms  "
                    + $"server CPU {result.ServerCpuMicros,7:F1} µs/req  client CPU {result.ClientCpuMicros,6:F1} µs/req  errors {result.Errors}"));
                results.Add(result);
            }

            return results;
        }
    }

    /// <summary>One cluster to describe, plus more so ListClusters returns a realistic page; waits until all are ACTIVE so that Lotse's activation work is not measured.</summary>
    private static async Task CreateClustersAsync(Target target, string roleArn)
    {
        var names = new[] { ClusterName }.Concat(Enumerable.Range(0, ExtraClusters).Select(i => $"bench-api-{i:00}")).ToArray();
        var (subnetStatus, subnetBody) = await target.SendAsync("ec2", HttpMethod.Post, "/", DefaultSubnets.Request, DefaultSubnets.ContentType);
        var subnetIds = DefaultSubnets.Parse(subnetStatus, subnetBody);
        foreach (var name in names)
        {
            var body = JsonSerializer.Serialize(new { name, roleArn, resourcesVpcConfig = new { subnetIds } });
            var (status, text) = await target.SendAsync("eks", HttpMethod.Post, "/clusters", body, "application/json");
            Ensure(target, "CreateCluster", status, text);
        }

        var deadline = Stopwatch.StartNew();
        foreach (var name in names)
        {
            while (true)
            {
                var (status, text) = await target.SendAsync("eks", HttpMethod.Get, $"/clusters/{name}", null, null);
                Ensure(target, "DescribeCluster", status, text);
                if (JsonDocument.Parse(text).RootElement.GetProperty("cluster").GetProperty("status").GetString() == "ACTIVE")
                {
                    break;
                }

                if (deadline.Elapsed > TimeSpan.FromMinutes(2))
                {
                    throw new TimeoutException($"{target.Name}: cluster {name} not ACTIVE after 2 min");
                }

                await Task.Delay(20);
            }
        }
    }

    /// <summary>
    /// Closed-loop load: each worker sends its next request when the previous one is answered. Requests that complete
    /// within the measured window (after the warm-up) count towards req/s and latency.
    /// </summary>
    private static async Task<Result> LoadAsync(Target target, string operation, string path, TimeSpan duration, int connections)
    {
        var serverCpuBefore = ProcessTreeCpu.Of(target.ServerProcessId);
        var clientCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(Warmup.TotalSeconds * Stopwatch.Frequency);
        var end = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        string? firstError = null;
        var workers = await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>(capacity: 1 << 16);
            var ok = 0;
            var errors = 0;
            while (Stopwatch.GetTimestamp() < end)
            {
                var sent = Stopwatch.GetTimestamp();
                int status;
                string? error;
                try
                {
                    (status, error) = await target.SendAsync("eks", HttpMethod.Get, path, null, null);
                }
                catch (HttpRequestException e)
                {
                    (status, error) = (0, e.Message);
                }

                var answered = Stopwatch.GetTimestamp();
                if (status == 200)
                {
                    ok++;
                    if (answered >= measureFrom && answered <= end)
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(sent, answered).TotalMilliseconds);
                    }
                }
                else
                {
                    errors++;
                    Interlocked.CompareExchange(ref firstError, $"HTTP {status}: {error}", null);
                }
            }

            return (Latencies: latencies, Ok: ok, Errors: errors);
        })));

        var serverCpu = ProcessTreeCpu.Of(target.ServerProcessId) - serverCpuBefore;
        var clientCpu = Process.GetCurrentProcess().TotalProcessorTime - clientCpuBefore;
        var ok = workers.Sum(w => w.Ok);
        var errors = workers.Sum(w => w.Errors);
        if (errors > ok)
        {
            throw new InvalidOperationException($"{target.Name} {operation}: {errors} of {ok + errors} requests failed, first: {firstError}");
        }

        var all = workers.SelectMany(w => w.Latencies).ToList();
        // CPU is read over the warm-up too, so it is divided by every request answered, not only the measured ones.
        var answered = ok + errors;
        return new Result(target.Name, operation, all.Count / duration.TotalSeconds, Percentiles.Of(all, 50), Percentiles.Of(all, 99), errors,
            serverCpu.TotalMicroseconds / answered, clientCpu.TotalMicroseconds / answered);
    }

    /// <summary>Lotse checks the cluster role against its IAM: it must exist and trust eks.amazonaws.com.</summary>
    private static async Task<string> CreateRoleAsync(Target target)
    {
        var policy = Uri.EscapeDataString("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"eks.amazonaws.com"},"Action":"sts:AssumeRole"}]}""");
        var (status, text) = await target.SendAsync("iam", HttpMethod.Post, "/", $"Action=CreateRole&Version=2010-05-08&RoleName=benchRole&AssumeRolePolicyDocument={policy}",
            "application/x-www-form-urlencoded; charset=utf-8");
        Ensure(target, "CreateRole", status, text);
        return System.Xml.Linq.XDocument.Parse(text).Descendants().First(e => e.Name.LocalName == "Arn").Value;
    }

    private static void Ensure(Target target, string operation, int status, string body)
    {
        if (status != 200)
        {
            throw new InvalidOperationException($"{target.Name} {operation}: expected 200, got {status}: {body}");
        }
    }

    private static void PrintTable(List<Result> results)
    {
        Console.WriteLine();
        Console.WriteLine($"{"target",-7} {"operation",-16} {"req/s",9} {"p50 ms",8} {"p99 ms",8} {"server µs/req",14} {"client µs/req",14}");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Target,-7} {r.Operation,-16} {r.RequestsPerSecond,9:0} {r.P50,8:F2} {r.P99,8:F2} {r.ServerCpuMicros,14:F1} {r.ClientCpuMicros,14:F1}"));
        }

        foreach (var operation in results.Select(r => r.Operation).Distinct())
        {
            var lotse = results.FirstOrDefault(r => r.Target == "lotse" && r.Operation == operation);
            var moto = results.FirstOrDefault(r => r.Target == "moto" && r.Operation == operation);
            if (lotse is not null && moto is { RequestsPerSecond: > 0 })
            {
                var ratio = lotse.RequestsPerSecond / moto.RequestsPerSecond;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"ratio lotse/moto {operation,-16} {ratio,6:0.0}x req/s, p50 {moto.P50 / lotse.P50:0.0}x lower, server CPU per request "
                    + $"{moto.ServerCpuMicros / lotse.ServerCpuMicros:0.0}x less (target ≥ 50x req/s: {(ratio >= 50 ? "met" : "NOT met")})"));
            }
        }
    }

    private sealed record Result(string Target, string Operation, double RequestsPerSecond, double P50, double P99, int Errors,
        double ServerCpuMicros, double ClientCpuMicros);

    /// <summary>One server under test: its endpoint, credentials, and an HttpClient over a pool sized for all workers.</summary>
    private sealed class Target(string name, int serverProcessId, string endpoint, string accessKeyId, string secretAccessKey, string region, int connections) : IDisposable
    {
        private readonly HttpClient _http = new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        });

        private readonly BasicAWSCredentials _credentials = new(accessKeyId, secretAccessKey);
        private readonly RegionEndpoint _region = RegionEndpoint.GetBySystemName(region);

        public string Name { get; } = name;

        public int ServerProcessId { get; } = serverProcessId;

        /// <summary>Signs this very request (own timestamp and signature, as an SDK client would) and reads the whole answer.</summary>
        public async Task<(int Status, string Body)> SendAsync(string service, HttpMethod method, string pathAndQuery, string? body, string? contentType)
        {
            var uri = new Uri(endpoint + pathAndQuery);
            var content = body is null ? [] : Encoding.UTF8.GetBytes(body);
            var signing = new AWSSigningRequest { HttpMethod = method, RequestUri = uri, Content = content };
            if (contentType is not null)
            {
                signing.Headers["Content-Type"] = contentType;
            }

            var signed = AWSSigV4Signer.Sign(signing, new AWSSigV4Parameters
            {
                Credentials = _credentials,
                Region = _region,
                Service = service,
                SignedAt = DateTime.UtcNow,
            });

            using var request = new HttpRequestMessage(method, uri);
            if (body is not null)
            {
                request.Content = new ByteArrayContent(content);
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType ?? "application/json");
            }

            foreach (var (header, value) in signed.Headers)
            {
                // HttpClient sets Host and the content headers itself; adding them twice would break the request.
                if (header.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) || header.Equals("Host", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                request.Headers.TryAddWithoutValidation(header, value);
            }

            using var response = await _http.SendAsync(request);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        public void Dispose() => _http.Dispose();
    }
}
