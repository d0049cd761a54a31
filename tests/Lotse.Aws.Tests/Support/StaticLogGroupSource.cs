using Lotse.Aws.Logs;

namespace Lotse.Aws.Tests.Support;

/// <summary>Log groups a test fills directly (messages are their payload strings).</summary>
public sealed class StaticLogGroupSource : ILogGroupSource
{
    private readonly List<LogGroup> _groups = [];

    public LogGroup AddGroup(string name, string accountId, string region, long creationTime = 1_000)
    {
        var group = new LogGroup(name, accountId, region, creationTime);
        _groups.Add(group);
        return group;
    }

    public static LogStream Stream(LogGroup group, string name, int capacity = 100) =>
        group.GetOrAddStream(name, () => new LogStream(name, 2_000, capacity, static payload => (string)payload));

    public IEnumerable<LogGroup> LogGroups(string accountId, string region) => _groups.Where(g => g.AccountId == accountId && g.Region == region);
}
