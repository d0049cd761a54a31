using System.Diagnostics;
using Lotse.Testing;

namespace Lotse.Bench;

/// <summary>
/// `./lotse up` (already built) until it prints its ready line, on a fresh data directory and on one that
/// already holds clusters. Target (issue: workshop flow): ≤ 1 s.
/// </summary>
internal static class StartupBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = new BenchArguments(args).Int("--runs", 10);

        // The first start may build; it is not measured.
        await (await LotseServer.StartAsync()).DisposeAsync();

        var fresh = new List<double>();
        var existing = new List<double>();
        var data = Directory.CreateTempSubdirectory("lotse-bench-data-").FullName;
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            var server = await LotseServer.StartAsync();
            fresh.Add(clock.Elapsed.TotalMilliseconds);
            await server.DisposeAsync();

            clock.Restart();
            var reused = await LotseServer.StartAsync(data);
            existing.Add(clock.Elapsed.TotalMilliseconds);
            await reused.StopAsync();
        }

        Console.WriteLine("./lotse up → ready line:");
        Console.WriteLine($"  fresh data directory     {Percentiles.Summary(fresh)}");
        Console.WriteLine($"  existing data directory  {Percentiles.Summary(existing)}");
        Console.WriteLine($"  target ≤ 1000 ms: {(Percentiles.Of(fresh, 50) <= 1000 && Percentiles.Of(existing, 50) <= 1000 ? "met" : "NOT met")}");
        Directory.Delete(data, recursive: true);
        return 0;
    }
}
