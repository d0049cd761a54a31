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
        if (!Available)
        {
            return TimeSpan.Zero;
        }

        var parents = new Dictionary<int, (int Parent, long Ticks)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Read(pid) is { } stat)
            {
                parents[pid] = stat;
            }
        }

        long ticks = 0;
        foreach (var (pid, (_, own)) in parents)
        {
            for (var current = pid; current > 1 && parents.TryGetValue(current, out var entry); current = entry.Parent)
            {
                if (current == rootPid)
                {
                    ticks += own;
                    break;
                }
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
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
