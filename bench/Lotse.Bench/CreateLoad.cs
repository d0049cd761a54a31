using System.Diagnostics;

namespace Lotse.Bench;

/// <summary>
/// The measured load: <c>writers</c> concurrent loops, each creating fresh keys with a fixed-size value for a
/// fixed time; a create counts only once acknowledged (= durable). Returns creates per second.
/// </summary>
internal static class CreateLoad
{
    public static async Task<double> RunAsync(int writers, TimeSpan duration, Func<string, Task<bool>> create, string keyPrefix)
    {
        var stopwatch = Stopwatch.StartNew();
        var deadline = duration.Ticks;
        var counts = await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var done = 0;
            while (stopwatch.Elapsed.Ticks < deadline)
            {
                if (!await create($"{keyPrefix}{w}/{done}"))
                {
                    throw new InvalidOperationException($"create of {keyPrefix}{w}/{done} was refused");
                }

                done++;
            }

            return done;
        })));
        return counts.Sum() / stopwatch.Elapsed.TotalSeconds;
    }

    public static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
