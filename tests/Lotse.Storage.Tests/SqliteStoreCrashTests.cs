using System.Diagnostics;
using System.Text;
using Lotse.Storage.Sqlite;

namespace Lotse.Storage.Tests;

/// <summary>
/// Durability against kill -9: a real writer process (Lotse.Storage.CrashWriter) prints every acknowledged key;
/// the test kills it mid-stream with SIGKILL, reopens the file and requires every acknowledged key to be there.
/// </summary>
public sealed class SqliteStoreCrashTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Kill_DuringConcurrentCommits_EveryAcknowledgedKeySurvives()
    {
        var database = Path.Combine(_directory.Path, "crash.db");
        var acknowledged = new List<(string Key, long Revision)>();
        using (var writer = StartWriter(database))
        {
            try
            {
                var reader = writer.StandardOutput;
                (await ReadLineAsync(reader)).ShouldBe("ready");
                while (acknowledged.Count < 300)
                {
                    acknowledged.Add(ParseAck(await ReadLineAsync(reader)));
                }
            }
            finally
            {
                writer.Kill(); // SIGKILL on Unix: no managed cleanup, no SQLite close
            }

            await writer.WaitForExitAsync();
            // Lines printed before the kill were acknowledged too.
            while (await writer.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("acked ", StringComparison.Ordinal))
                {
                    acknowledged.Add(ParseAck(line));
                }
            }
        }

        await using var store = await SqliteStore.OpenAsync(database, new SqliteStoreOptions { AutoCompactInterval = TimeSpan.Zero });
        foreach (var (key, revision) in acknowledged)
        {
            var kv = await store.GetAsync(key);
            kv.ShouldNotBeNull($"acknowledged key {key} lost");
            kv.ModRevision.ShouldBe(revision);
            Encoding.UTF8.GetString(kv.Value.Span).ShouldBe($"value-of-{key}");
        }

        store.CurrentRevision.ShouldBeGreaterThanOrEqualTo(acknowledged.Max(a => a.Revision));
        // The store stays writable after the crash and continues the revision sequence.
        var next = await store.CreateAsync("/crash/after", Encoding.UTF8.GetBytes("x"));
        next.Revision.ShouldBeGreaterThan(acknowledged.Max(a => a.Revision));
    }

    private static Process StartWriter(string database)
    {
        var writerDll = Path.Combine(AppContext.BaseDirectory, "Lotse.Storage.CrashWriter.dll");
        File.Exists(writerDll).ShouldBeTrue($"{writerDll} is built with the test project");
        // The SDK sets DOTNET_HOST_PATH for test runs; otherwise `dotnet` comes from PATH.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(writerDll);
        start.ArgumentList.Add(database);
        start.ArgumentList.Add("8");
        return Process.Start(start) ?? throw new InvalidOperationException("could not start the crash writer");
    }

    private static async Task<string> ReadLineAsync(StreamReader reader)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await reader.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("crash writer exited early");
    }

    private static (string Key, long Revision) ParseAck(string line)
    {
        var parts = line.Split(' ');
        parts.Length.ShouldBe(3, line);
        parts[0].ShouldBe("acked");
        return (parts[1], long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
    }
}
