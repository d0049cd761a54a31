namespace Lotse.Aws.Logs;

/// <summary>A CloudWatch Logs log group of one account and region, with the streams that exist so far.</summary>
public sealed class LogGroup
{
    private readonly Lock _lock = new();
    private LogStream[] _streams = [];

    public LogGroup(string name, string accountId, string region, long creationTime)
    {
        Name = name;
        AccountId = accountId;
        Region = region;
        CreationTime = creationTime;
    }

    public string Name { get; }

    public string AccountId { get; }

    public string Region { get; }

    /// <summary>Epoch milliseconds.</summary>
    public long CreationTime { get; }

    /// <summary><c>arn:aws:logs:&lt;region&gt;:&lt;account&gt;:log-group:&lt;name&gt;</c> (DescribeLogGroups' <c>arn</c> adds <c>:*</c>).</summary>
    public string Arn => $"arn:aws:logs:{Region}:{AccountId}:log-group:{Name}";

    /// <summary>The streams, sorted by name.</summary>
    public IReadOnlyList<LogStream> Streams => Volatile.Read(ref _streams);

    /// <summary>The stream with that name, created by <paramref name="create"/> the first time.</summary>
    public LogStream GetOrAddStream(string name, Func<LogStream> create)
    {
        var existing = Array.Find(Volatile.Read(ref _streams), s => s.Name == name);
        if (existing is not null)
        {
            return existing;
        }

        lock (_lock)
        {
            existing = Array.Find(_streams, s => s.Name == name);
            if (existing is not null)
            {
                return existing;
            }

            var stream = create();
            Volatile.Write(ref _streams, [.. _streams.Append(stream).OrderBy(s => s.Name, StringComparer.Ordinal)]);
            return stream;
        }
    }
}

/// <summary>Where the CloudWatch Logs API finds the log groups it serves (e.g. the EKS control-plane logs).</summary>
public interface ILogGroupSource
{
    /// <summary>The log groups of one account and region.</summary>
    IEnumerable<LogGroup> LogGroups(string accountId, string region);
}
