using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Lotse.Testing;

namespace Lotse.Bench;

/// <summary>
/// `kube-api`: one hosted cluster's Kubernetes API under load, against a real `./lotse up` over HTTPS with an
/// `aws eks get-token` token, in the phases the Kubernetes API issue sets targets for:
/// memory of idle clusters (1,000 in one process), durable creates with 64 clients (10,000 configmaps), GET at a fixed
/// 5,000 req/s over 32 connections (open loop: latency counts from the scheduled send), LIST of all 10,000, and one
/// write reaching 1,000 concurrent watchers (HTTP/2 streams, as client-go watches). No peer runs here: kube-apiserver
/// and etcd-backed Kubernetes are not available on this machine.
/// </summary>
internal static class KubeApiBenchmark
{
    private const string Namespace = "bench";
    private const string WatchNamespace = "bench-watch";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new BenchArguments(args);
        var idleClusters = options.Int("--idle-clusters", 1_000);
        var objects = options.Int("--objects", 10_000);
        var rate = options.Int("--rate", 5_000);
        var seconds = options.Int("--seconds", 10);
        var watchers = options.Int("--watchers", 1_000);
        var writes = options.Int("--writes", 20);
        Console.WriteLine($"kube-api: {Environment.ProcessorCount} cores shared by the bench client and the server; load average {LoadAverage()}");

        await using var server = await LotseServer.StartAsync();
        var region = server.Env["AWS_DEFAULT_REGION"];
        using var aws = new SignedAwsClient(server.AwsEndpoint, server.Env["AWS_ACCESS_KEY_ID"], server.Env["AWS_SECRET_ACCESS_KEY"], region);
        var roleArn = await BenchClusters.CreateRoleAsync(aws);
        var subnetIds = await BenchClusters.DefaultSubnetIdsAsync(aws);

        // Idle clusters first, on a fresh process, so the later phases' heap does not hide what a cluster costs.
        await MeasureIdleClustersAsync(server, aws, roleArn, subnetIds, idleClusters);

        var cluster = await BenchClusters.CreateActiveAsync(aws, "kube-bench", roleArn, subnetIds);
        var endpoint = cluster.GetProperty("endpoint").GetString()!;
        var caData = cluster.GetProperty("certificateAuthority").GetProperty("data").GetString()!;
        string Token() => aws.EksToken("kube-bench", $"sts.{region}.amazonaws.com");

        using var http1 = BenchClusters.TrustingClient(caData, handler => handler.MaxConnectionsPerServer = 64);
        var kube = new KubeClient(http1, endpoint, Token());
        await kube.SendAsync(HttpMethod.Post, "/api/v1/namespaces", $$$"""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"{{{Namespace}}}"}}""", HttpStatusCode.Created);
        await kube.SendAsync(HttpMethod.Post, "/api/v1/namespaces", $$$"""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"{{{WatchNamespace}}}"}}""", HttpStatusCode.Created);

        await MeasureCreatesAsync(kube, objects, clients: 64);
        await MeasureGetsAsync(kube with { Token = Token() }, objects, rate, seconds, connections: 32);
        await MeasureListsAsync(kube with { Token = Token() }, objects, rounds: 10);

        using var http2 = BenchClusters.TrustingClient(caData, handler => handler.EnableMultipleHttp2Connections = true);
        http2.DefaultRequestVersion = HttpVersion.Version20;
        http2.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        await MeasureWatchFanOutAsync(kube with { Token = Token() }, new KubeClient(http2, endpoint, Token()), watchers, writes);
        return 0;
    }

    private static async Task MeasureIdleClustersAsync(LotseServer server, SignedAwsClient aws, string roleArn, string[] subnetIds, int count)
    {
        await BenchClusters.CreateActiveAsync(aws, "idle-warmup", roleArn, subnetIds);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var before = ProcessTreeMemory.ResidentBytes(server.ProcessId);
        var clock = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                await BenchClusters.CreateActiveAsync(aws, $"idle-{i:0000}", roleArn, subnetIds);
            }
        })));
        var created = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(2));
        var after = ProcessTreeMemory.ResidentBytes(server.ProcessId);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"idle clusters: {count} created (8 clients) in {created.TotalSeconds:F1} s; resident memory {before / 1048576.0:F0} → {after / 1048576.0:F0} MiB: "
            + $"{(after - before) / 1024.0 / count:F0} KiB per idle cluster (target ≤ 1 MiB: {((after - before) / count <= 1 << 20 ? "met" : "NOT met")})"));
    }

    private static async Task MeasureCreatesAsync(KubeClient kube, int objects, int clients)
    {
        var latencies = new List<double>[clients];
        var payload = new string('x', 256);
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(worker => Task.Run(async () =>
        {
            var own = latencies[worker] = [];
            for (var i = Interlocked.Increment(ref next); i < objects; i = Interlocked.Increment(ref next))
            {
                var body = $$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm-{{{i:00000}}}","labels":{"app":"bench"}},"data":{"index":"{{{i}}}","payload":"{{{payload}}}"}}""";
                var sent = Stopwatch.GetTimestamp();
                await kube.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{Namespace}/configmaps", body, HttpStatusCode.Created);
                own.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            }
        })));
        var all = latencies.SelectMany(l => l).ToList();
        var perSecond = objects / clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"creates: {objects} configmaps by {clients} clients at {perSecond:0}/s durable (each answered after its fsynced commit), latency p50 {Percentiles.Of(all, 50):F2} ms, "
            + $"p99 {Percentiles.Of(all, 99):F2} ms (target ≥ 10,000/s: {(perSecond >= 10_000 ? "met" : "NOT met")})"));
    }

    /// <summary>Open loop: worker w sends its k-th GET at start + (k·connections + w)/rate; a late answer delays nothing else, and its latency counts from when it was due.</summary>
    private static async Task MeasureGetsAsync(KubeClient kube, int objects, int rate, int seconds, int connections)
    {
        var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 10;
        var perWorker = rate * seconds / connections;
        var errors = 0;
        var latencies = await Task.WhenAll(Enumerable.Range(0, connections).Select(worker => Task.Run(async () =>
        {
            var own = new List<double>(perWorker);
            var random = new Random(worker);
            for (var k = 0; k < perWorker; k++)
            {
                var due = start + (long)((k * (double)connections + worker) / rate * Stopwatch.Frequency);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                if (!await kube.TryGetAsync($"/api/v1/namespaces/{Namespace}/configmaps/cm-{random.Next(objects):00000}"))
                {
                    Interlocked.Increment(ref errors);
                }

                own.Add(Stopwatch.GetElapsedTime(due).TotalMilliseconds);
            }

            return own;
        })));
        var all = latencies.SelectMany(l => l).ToList();
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var p99 = Percentiles.Of(all, 99);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"get: {all.Count} GETs of random configmaps among {objects}, offered {rate}/s over {connections} connections, achieved {all.Count / elapsed:0}/s, errors {errors}; "
            + $"latency from the due time p50 {Percentiles.Of(all, 50):F2} ms, p99 {p99:F2} ms, max {all.Max():F1} ms (target p99 ≤ 2 ms: {(p99 <= 2 && errors == 0 ? "met" : "NOT met")})"));
    }

    private static async Task MeasureListsAsync(KubeClient kube, int objects, int rounds)
    {
        var times = new List<double>();
        for (var round = 0; round <= rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            var body = await kube.GetBytesAsync($"/api/v1/namespaces/{Namespace}/configmaps");
            var elapsed = clock.Elapsed.TotalMilliseconds;
            if (round == 0)
            {
                // The first round checks the answer (and warms up); it is not timed.
                var items = JsonDocument.Parse(body).RootElement.GetProperty("items").GetArrayLength();
                if (items != objects)
                {
                    throw new InvalidOperationException($"LIST returned {items} items, expected {objects}");
                }

                Console.WriteLine($"list: {objects} configmaps in one response of {body.Length / 1048576.0:F1} MiB");
                continue;
            }

            times.Add(elapsed);
        }

        var p50 = Percentiles.Of(times, 50);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"list: {rounds} rounds, time to the last byte p50 {p50:F1} ms, max {times.Max():F1} ms (target ≤ 50 ms: {(p50 <= 50 ? "met" : "NOT met")})"));
    }

    /// <summary>
    /// N watchers on one namespace (HTTP/2 streams over a few connections), then one write at a time: the latency of each
    /// watcher is from the write's send to the moment its event line arrived.
    /// </summary>
    private static async Task MeasureWatchFanOutAsync(KubeClient writer, KubeClient watchClient, int watchers, int writes)
    {
        var created = await writer.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{WatchNamespace}/configmaps",
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"target"},"data":{"seq":"0"}}""", HttpStatusCode.Created);
        var resourceVersion = JsonDocument.Parse(created).RootElement.GetProperty("metadata").GetProperty("resourceVersion").GetString();
        var arrivals = new long[writes + 1, watchers];
        var connected = 0;
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, watchers).Select(w => Task.Run(async () =>
        {
            using var response = await watchClient.OpenStreamAsync($"/api/v1/namespaces/{WatchNamespace}/configmaps?watch=1&resourceVersion={resourceVersion}", stop.Token);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));
            Interlocked.Increment(ref connected);
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                var now = Stopwatch.GetTimestamp();
                var seq = int.Parse(JsonDocument.Parse(line).RootElement.GetProperty("object").GetProperty("data").GetProperty("seq").GetString()!, CultureInfo.InvariantCulture);
                if (seq is > 0 && seq <= writes)
                {
                    Volatile.Write(ref arrivals[seq, w], now);
                }
            }
        })).ToList();

        var connectClock = Stopwatch.StartNew();
        while (Volatile.Read(ref connected) < watchers)
        {
            if (readers.FirstOrDefault(r => r.IsFaulted) is { } failed)
            {
                await failed;
            }

            if (connectClock.Elapsed > TimeSpan.FromMinutes(1))
            {
                throw new TimeoutException($"only {connected} of {watchers} watches opened in a minute");
            }

            await Task.Delay(10);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"watch: {watchers} watches open after {connectClock.Elapsed.TotalMilliseconds:0} ms"));
        var latencies = new List<double>();
        var missed = 0;
        for (var seq = 1; seq <= writes; seq++)
        {
            await Task.Delay(100);
            var sent = Stopwatch.GetTimestamp();
            await writer.SendAsync(HttpMethod.Patch, $"/api/v1/namespaces/{WatchNamespace}/configmaps/target", $$$"""{"data":{"seq":"{{{seq}}}"}}""", HttpStatusCode.OK,
                "application/merge-patch+json");
            var deadline = Stopwatch.StartNew();
            var row = seq;
            while (Enumerable.Range(0, watchers).Any(w => Volatile.Read(ref arrivals[row, w]) == 0) && deadline.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(5);
            }

            for (var w = 0; w < watchers; w++)
            {
                var arrived = Volatile.Read(ref arrivals[seq, w]);
                if (arrived == 0)
                {
                    missed++;
                }
                else
                {
                    latencies.Add(Stopwatch.GetElapsedTime(sent, arrived).TotalMilliseconds);
                }
            }
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default)));
        var p99 = Percentiles.Of(latencies, 99);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"watch: {writes} writes × {watchers} watchers, write sent → event received p50 {Percentiles.Of(latencies, 50):F2} ms, p99 {p99:F2} ms, "
            + $"max {latencies.Max():F1} ms, missed {missed} (target p99 ≤ 10 ms: {(p99 <= 10 && missed == 0 ? "met" : "NOT met")})"));
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

    /// <summary>A cluster's Kubernetes endpoint with a bearer token; every answer is read to the end.</summary>
    private sealed record KubeClient(HttpClient Http, string Endpoint, string Token)
    {
        public async Task<byte[]> SendAsync(HttpMethod method, string path, string? body, HttpStatusCode expected, string contentType = "application/json")
        {
            using var request = Request(method, path);
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            }

            using var response = await Http.SendAsync(request);
            var answer = await response.Content.ReadAsByteArrayAsync();
            return response.StatusCode == expected ? answer
                : throw new InvalidOperationException($"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}: {Encoding.UTF8.GetString(answer)}");
        }

        public async Task<bool> TryGetAsync(string path)
        {
            using var request = Request(HttpMethod.Get, path);
            try
            {
                using var response = await Http.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }

        public Task<byte[]> GetBytesAsync(string path) => SendAsync(HttpMethod.Get, path, null, HttpStatusCode.OK);

        public async Task<HttpResponseMessage> OpenStreamAsync(string path, CancellationToken cancellation)
        {
            using var request = Request(HttpMethod.Get, path);
            var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation);
            return response.IsSuccessStatusCode ? response
                : throw new InvalidOperationException($"watch {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellation)}");
        }

        private HttpRequestMessage Request(HttpMethod method, string path)
        {
            var request = new HttpRequestMessage(method, Endpoint + path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            request.Headers.Accept.ParseAdd("application/json");
            return request;
        }
    }
}
