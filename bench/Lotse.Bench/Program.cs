using Lotse.Bench;

// Benchmarks as sub-commands: `dotnet run -c Release --project bench/Lotse.Bench -- <command> [options]`.
// To add one, write a class with a static RunAsync(string[] args) and register it below.
var commands = new Dictionary<string, (string Summary, Func<string[], Task<int>> Run)>(StringComparer.Ordinal)
{
    ["store"] = ("durable creates/s of SqliteStore vs etcd, 1 and 64 writers [--seconds N] [--rounds N] [--dir PATH]", StoreBenchmark.RunAsync),
    ["cluster"] = ("create-cluster → ACTIVE → first authenticated GET, via ./lotse up [--clusters N] [--warmup N]", ClusterBenchmark.RunAsync),
    ["eks-api"] = ("DescribeCluster/ListClusters req/s and p50/p99 of Lotse vs moto server [--seconds N] [--connections N]", EksApiBenchmark.RunAsync),
    ["kube-api"] = ("one cluster's Kubernetes API: idle-cluster memory, creates, GET at a fixed rate, LIST, watch fan-out [--objects N] [--rate N] [--watchers N] [--idle-clusters N]", KubeApiBenchmark.RunAsync),
    ["auth"] = ("authenticating an EKS token: first use and cached, per mapping source [--requests N]", AuthBenchmark.RunAsync),
    ["rbac"] = ("RBAC authorization decisions with 1,000 bindings in the cluster, p50/p90 [--bindings N] [--decisions N]", RbacBenchmark.RunAsync),
    ["startup"] = ("./lotse up (already built) until ready, fresh and existing data [--runs N]", StartupBenchmark.RunAsync),
};

if (args.Length == 0 || !commands.TryGetValue(args[0], out var command))
{
    Console.Error.WriteLine("usage: Lotse.Bench <command> [options]");
    foreach (var (name, (summary, _)) in commands)
    {
        Console.Error.WriteLine($"  {name,-10} {summary}");
    }

    return args.Length == 0 || args[0] is "-h" or "--help" ? 0 : 2;
}

return await command.Run(args[1..]);
