using System.Diagnostics;
using System.Text;
using Lotse.Kube;
using Lotse.Kube.Rbac;
using Lotse.Kube.Requests;
using Lotse.Storage;
using Lotse.Storage.Sqlite;

namespace Lotse.Bench;

/// <summary>
/// `rbac`: one RBAC authorization decision, timed one by one, in a cluster holding the bootstrap policy plus N
/// bindings (default 1,000: RoleBindings of users to view/edit across 50 namespaces, and ClusterRoleBindings of groups).
/// The requests mix allowed and denied resource requests and a non-resource one. Target (issue: identity and access):
/// p50 ≤ 5 µs.
/// </summary>
internal static class RbacBenchmark
{
    private const int Namespaces = 50;

    public static async Task<int> RunAsync(string[] args)
    {
        var arguments = new BenchArguments(args);
        var bindings = arguments.Int("--bindings", 1000);
        var decisions = arguments.Int("--decisions", 200_000);
        var directory = Directory.CreateTempSubdirectory("lotse-bench-rbac-").FullName;
        try
        {
            await using var store = await SqliteStore.OpenAsync(Path.Combine(directory, "lotse.db"));
            var cluster = new KubeCluster("BENCH", "bench", "10.100.0.0/16", "1.32");
            await CommitAsync(store, KubeClusterBootstrapper.InitialObjects(cluster, new KubeApiAddress("127.0.0.1", 443), DateTimeOffset.UtcNow));
            await CommitAsync(store, Bindings(cluster, bindings));
            await MeasureBootstrapAsync(store);
            var authorizer = new RbacAuthorizer(store);
            await MeasureMemoryAsync(authorizer);

            var requests = Requests(bindings);
            var load = Stopwatch.StartNew();
            await authorizer.AuthorizeAsync(cluster, requests[0].User, requests[0].Request, CancellationToken.None);
            Console.WriteLine($"rbac: {bindings} bindings + bootstrap policy; first decision (list + compile) {load.Elapsed.TotalMilliseconds:F1} ms");

            var allowed = 0;
            for (var i = 0; i < 100_000; i++)
            {
                var (user, request) = requests[i % requests.Length];
                allowed += (await authorizer.AuthorizeAsync(cluster, user, request, CancellationToken.None)).Allowed ? 1 : 0;
            }

            var samples = new double[decisions];
            var total = Stopwatch.StartNew();
            for (var i = 0; i < decisions; i++)
            {
                var (user, request) = requests[i % requests.Length];
                var started = Stopwatch.GetTimestamp();
                var decision = await authorizer.AuthorizeAsync(cluster, user, request, CancellationToken.None);
                samples[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
                allowed += decision.Allowed ? 1 : 0;
            }

            total.Stop();
            Console.WriteLine($"decisions: p50 {Percentiles.Of(samples, 50):F2} µs, p90 {Percentiles.Of(samples, 90):F2} µs, p99 {Percentiles.Of(samples, 99):F2} µs "
                + $"(n={decisions}, {decisions / total.Elapsed.TotalSeconds:N0}/s on one thread, {allowed * 100.0 / (decisions + 100_000):F0}% allowed)");
            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>What the bootstrap policy adds to creating a cluster: building its initial objects and committing them.</summary>
    private static async Task MeasureBootstrapAsync(IStore store)
    {
        var build = new List<double>();
        var commit = new List<double>();
        var commitWithout = new List<double>();
        var rbacKeys = 0;
        for (var i = 0; i < 60; i++)
        {
            var without = KubeClusterBootstrapper.InitialObjects(new KubeCluster($"BARE{i}", $"bare{i}", "10.100.0.0/16", "1.32"), new KubeApiAddress("127.0.0.1", 443), DateTimeOffset.UtcNow)
                .Where(o => !o.Key.Contains("/rbac.authorization.k8s.io/", StringComparison.Ordinal)).ToList();
            var bare = Stopwatch.StartNew();
            await store.CommitAsync(without);
            if (i >= 10)
            {
                commitWithout.Add(bare.Elapsed.TotalMilliseconds);
            }

            var cluster = new KubeCluster($"BOOT{i}", $"boot{i}", "10.100.0.0/16", "1.32");
            var clock = Stopwatch.StartNew();
            var operations = KubeClusterBootstrapper.InitialObjects(cluster, new KubeApiAddress("127.0.0.1", 443), DateTimeOffset.UtcNow);
            var built = clock.Elapsed.TotalMilliseconds;
            if (!(await store.CommitAsync(operations)).Succeeded)
            {
                throw new InvalidOperationException("bootstrap commit failed");
            }

            if (i >= 10)
            {
                build.Add(built);
                commit.Add(clock.Elapsed.TotalMilliseconds - built);
            }

            rbacKeys = operations.Count(o => o.Key.Contains("/rbac.authorization.k8s.io/", StringComparison.Ordinal));
        }

        Console.WriteLine($"cluster initial objects ({rbacKeys} of them RBAC): build {Percentiles.Summary(build)}; commit {Percentiles.Summary(commit)}; "
            + $"the same commit without the RBAC objects {Percentiles.Summary(commitWithout)}");
    }

    /// <summary>Managed memory one cluster's in-memory policy costs, over the 60 bootstrapped clusters of <see cref="MeasureBootstrapAsync"/>.</summary>
    private static async Task MeasureMemoryAsync(RbacAuthorizer authorizer)
    {
        var probe = new KubeRequestInfo { IsResourceRequest = false, Path = "/api", Verb = "get" };
        var user = new KubeUser("probe", "", ["system:authenticated"], new Dictionary<string, IReadOnlyList<string>>());
        await authorizer.AuthorizeAsync(new KubeCluster("BOOT0", "boot0", "10.100.0.0/16", "1.32"), user, probe, CancellationToken.None);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 1; i < 60; i++)
        {
            await authorizer.AuthorizeAsync(new KubeCluster($"BOOT{i}", $"boot{i}", "10.100.0.0/16", "1.32"), user, probe, CancellationToken.None);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"policy in memory: {(after - before) / 59 / 1024.0:F0} KiB per cluster with the bootstrap policy (59 clusters loaded)");
    }

    private static async Task CommitAsync(IStore store, IReadOnlyList<StoreOperation> operations)
    {
        foreach (var chunk in operations.Chunk(500))
        {
            if (!(await store.CommitAsync(chunk)).Succeeded)
            {
                throw new InvalidOperationException("bench set-up commit failed");
            }
        }
    }

    /// <summary>Nine in ten: a RoleBinding of user-i to view or edit in ns-(i mod 50); one in ten: a ClusterRoleBinding of group-i to view.</summary>
    private static List<StoreOperation> Bindings(KubeCluster cluster, int count)
    {
        var prefix = $"{cluster.StoragePrefix}registry/rbac.authorization.k8s.io/";
        var operations = new List<StoreOperation>(count);
        for (var i = 0; i < count; i++)
        {
            var role = i % 2 == 0 ? "view" : "edit";
            string key, json;
            if (i % 10 == 9)
            {
                key = $"{prefix}clusterrolebindings/group-{i}";
                json = $$"""{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"group-{{i}}"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"view"},"subjects":[{"apiGroup":"rbac.authorization.k8s.io","kind":"Group","name":"group-{{i}}"}]}""";
            }
            else
            {
                var ns = $"ns-{i % Namespaces}";
                key = $"{prefix}rolebindings/{ns}/user-{i}";
                json = $$"""{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"user-{{i}}","namespace":"{{ns}}"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"{{role}}"},"subjects":[{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"user-{{i}}"}]}""";
            }

            operations.Add(StoreOperation.Create(key, Encoding.UTF8.GetBytes(json)));
        }

        return operations;
    }

    private static (KubeUser User, KubeRequestInfo Request)[] Requests(int bindings)
    {
        var extra = new Dictionary<string, IReadOnlyList<string>>();
        var list = new List<(KubeUser, KubeRequestInfo)>();
        for (var i = 0; i < Math.Min(bindings, 200); i++)
        {
            var ns = $"ns-{i % Namespaces}";
            var user = new KubeUser($"user-{i}", "", ["developers", "system:authenticated"], extra);
            var grouped = new KubeUser($"someone-{i}", "", [$"group-{(i / 10 * 10) + 9}", "system:authenticated"], extra);
            list.Add((user, Resource("list", "", "configmaps", ns)));
            list.Add((user, Resource("create", "apps", "deployments", ns)));
            list.Add((user, Resource("get", "", "secrets", $"ns-{(i + 1) % Namespaces}")));
            list.Add((grouped, Resource("watch", "", "services", ns)));
            list.Add((user, new KubeRequestInfo { IsResourceRequest = false, Path = "/apis/apps/v1", Verb = "get" }));
        }

        return [.. list];
    }

    private static KubeRequestInfo Resource(string verb, string group, string resource, string ns) =>
        new() { IsResourceRequest = true, Path = "", Verb = verb, ApiGroup = group, ApiVersion = "v1", Resource = resource, Namespace = ns };
}
