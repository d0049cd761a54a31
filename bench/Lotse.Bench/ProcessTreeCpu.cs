using System.Globalization;

namespace Lotse.Bench;

/// <summary>
/// CPU time (user + system) used so far by a process and all its descendants, from /proc. A server started through a
/// launcher (<c>./lotse</c> → bash → dotnet, a pyenv shim → python) is measured as the whole tree, so the figure is the
/// server's own work whatever sits in between. Linux only; elsewhere it reports nothing.
/// </summary>
internal static class ProcessTreeCpu
{
    private static readonly double TicksPerSecond = 100; // USER_HZ: 100 on every Linux ABI .NET runs on.

    public static bool Available => Directory.Exists("/proc/self");

    /// <summary>Total CPU of <paramref name="rootPid"/> and its descendants alive now; zero when /proc is absent.</summary>
    public static TimeSpan Of(int rootPid)
    {
        var stats = Snapshot();
        var ticks = stats.GetValueOrDefault(rootPid).Ticks + Descendants(rootPid, stats).Sum(pid => stats[pid].Ticks);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>The processes alive now whose chain of parents reaches <paramref name="rootPid"/>.</summary>
    public static IEnumerable<int> Descendants(int rootPid) => Descendants(rootPid, Snapshot());

    private static List<int> Descendants(int rootPid, Dictionary<int, (int Parent, long Ticks)> stats)
    {
        var found = new List<int>();
        foreach (var pid in stats.Keys)
        {
            for (var current = stats[pid].Parent; current > 1 && stats.TryGetValue(current, out var entry); current = entry.Parent)
            {
                if (current == rootPid)
                {
                    found.Add(pid);
                    break;
                }
            }
        }

        return found;
    }

    private static Dictionary<int, (int Parent, long Ticks)> Snapshot()
    {
        var stats = new Dictionary<int, (int Parent, long Ticks)>();
        if (!Available)
        {
            return stats;
        }

        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Read(pid) is { } stat)
            {
                stats[pid] = stat;
            }
        }

        return stats;
    }

    /// <summary>Parent pid and utime+stime from /proc/PID/stat (fields 4, 14 and 15; the command name may hold spaces).</summary>
    private static (int Parent, long Ticks)? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null; // exited while we looked
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (int.Parse(fields[1], CultureInfo.InvariantCulture),
            long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
    }
}
