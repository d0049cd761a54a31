using System.Text;
using Lotse.Storage;
using Lotse.Storage.Sqlite;

// Writes keys to a SqliteStore until it is killed, printing "acked <key> <revision>" for each acknowledged
// commit, only AFTER CommitAsync returned. The crash test kills this process with SIGKILL and checks that
// every key it saw acknowledged survived. Several writers at once, so group commits are in flight at the kill.
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Lotse.Storage.CrashWriter <database-path> [writers]");
    return 2;
}

var writers = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 8;
await using var store = await SqliteStore.OpenAsync(args[0], new SqliteStoreOptions { AutoCompactInterval = TimeSpan.Zero });
var output = Console.Out;
var gate = new object();
Console.WriteLine("ready");

await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
{
    for (var i = 0; ; i++)
    {
        var key = $"/crash/{w}/{i}";
        var result = await store.CreateAsync(key, Encoding.UTF8.GetBytes($"value-of-{key}"));
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"create {key} failed: {result.Status}");
        }

        lock (gate)
        {
            output.WriteLine($"acked {key} {result.Revision}");
            output.Flush();
        }
    }
})));
return 0;
