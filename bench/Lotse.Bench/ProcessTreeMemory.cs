using System.Globalization;

namespace Lotse.Bench;

/// <summary>Resident memory (VmRSS) of a process and its descendants, from /proc; zero where /proc is absent.</summary>
internal static class ProcessTreeMemory
{
    public static long ResidentBytes(int rootPid)
    {
        if (!Directory.Exists("/proc/self"))
        {
            return 0;
        }

        long total = 0;
        foreach (var pid in ProcessTreeCpu.Descendants(rootPid).Append(rootPid))
        {
            try
            {
                var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
                if (line is not null)
                {
                    total += long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
            catch (IOException)
            {
                // exited while we looked
            }
        }

        return total;
    }
}
