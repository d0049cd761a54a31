using System.Globalization;
using dotnet_etcd;
using Etcdserverpb;
using Google.Protobuf;
using Lotse.Storage;
using Lotse.Storage.Sqlite;

namespace Lotse.Bench;

/// <summary>
/// `store`: durable creates per second, SqliteStore next to etcd on the same disk, with 1 and 64 concurrent
/// writers and ~1 KB values. Each cell is the median of several rounds. Also runs SqliteStore with group commit
/// off (MaxBatchSize = 1) at 64 writers, which shows what batching buys.
/// </summary>
internal static class StoreBenchmark
{
    private const int ValueSize = 1024;
    private static readonly int[] WriterCounts = [1, 64];

    public static async Task<int> RunAsync(string[] args)
    {
        var arguments = new BenchArguments(args);
        var round = TimeSpan.FromSeconds(arguments.Int("--seconds", 3));
        var rounds = arguments.Int("--rounds", 3);
        var parent = arguments.String("--dir") ?? Path.GetTempPath();
        var value = new byte[ValueSize];
        Random.Shared.NextBytes(value);
        Console.WriteLine($"store: {rounds} rounds x {round.TotalSeconds:0} s per cell, {ValueSize} B values, data under {parent}");

        var results = new Dictionary<(string Backend, int Writers), double>();
        var directory = Directory.CreateDirectory(Path.Combine(parent, $"lotse-bench-sqlite-{Guid.NewGuid():N}")).FullName;
        try
        {
            await MeasureSqliteAsync("lotse-sqlite", new SqliteStoreOptions { AutoCompactInterval = TimeSpan.Zero }, WriterCounts);
            await MeasureSqliteAsync("lotse-sqlite-unbatched", new SqliteStoreOptions { AutoCompactInterval = TimeSpan.Zero, MaxBatchSize = 1 }, [64]);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        var etcdBinary = EtcdServer.FindBinary();
        if (etcdBinary is null)
        {
            Console.WriteLine("etcd not found on PATH; the etcd half is skipped. Install it with: apt-get install -y etcd-server");
        }
        else
        {
            await using var etcd = await EtcdServer.StartAsync(etcdBinary, parent);
            using var client = new EtcdClient(etcd.ClientUrl);
            foreach (var writers in WriterCounts)
            {
                results[("etcd", writers)] = await MeasureAsync("etcd", writers, key => CreateInEtcdAsync(client, key, value));
            }
        }

        PrintTable(results);
        return 0;

        async Task MeasureSqliteAsync(string name, SqliteStoreOptions options, int[] writerCounts)
        {
            await using var store = await SqliteStore.OpenAsync(Path.Combine(directory, name + ".db"), options);
            foreach (var writers in writerCounts)
            {
                results[(name, writers)] = await MeasureAsync(name, writers, async key => (await store.CreateAsync(key, value)).Succeeded);
            }
        }

        async Task<double> MeasureAsync(string backend, int writers, Func<string, Task<bool>> create)
        {
            var samples = new List<double>(rounds);
            for (var i = 0; i < rounds; i++)
            {
                var rate = await CreateLoad.RunAsync(writers, round, create, $"/bench/{writers}/{i}/");
                samples.Add(rate);
                Console.WriteLine($"  {backend,-24} writers={writers,-3} round {i + 1}: {rate,9:0} creates/s");
            }

            return CreateLoad.Median(samples);
        }
    }

    /// <summary>Create-if-absent, as Kubernetes creates objects in etcd: Txn(If create_revision == 0 Then Put).</summary>
    private static async Task<bool> CreateInEtcdAsync(EtcdClient client, string key, byte[] value)
    {
        var keyBytes = ByteString.CopyFromUtf8(key);
        var request = new TxnRequest();
        request.Compare.Add(new Compare
        {
            Key = keyBytes,
            Target = Compare.Types.CompareTarget.Create,
            Result = Compare.Types.CompareResult.Equal,
            CreateRevision = 0,
        });
        request.Success.Add(new RequestOp { RequestPut = new PutRequest { Key = keyBytes, Value = ByteString.CopyFrom(value) } });
        var response = await client.TransactionAsync(request);
        return response.Succeeded;
    }

    private static void PrintTable(Dictionary<(string Backend, int Writers), double> results)
    {
        Console.WriteLine();
        Console.WriteLine($"{"backend",-24} {"writers",7} {"median creates/s",17}");
        foreach (var ((backend, writers), rate) in results.OrderBy(r => r.Key.Writers).ThenBy(r => r.Key.Backend, StringComparer.Ordinal))
        {
            Console.WriteLine($"{backend,-24} {writers,7} {rate,17:0}");
        }

        foreach (var writers in WriterCounts)
        {
            if (results.TryGetValue(("lotse-sqlite", writers), out var lotse) && results.TryGetValue(("etcd", writers), out var etcd) && etcd > 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio lotse-sqlite/etcd at {writers} writers: {lotse / etcd:0.00}"));
            }
        }
    }
}
