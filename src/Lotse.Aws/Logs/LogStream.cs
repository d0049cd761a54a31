namespace Lotse.Aws.Logs;

/// <summary>A CloudWatch Logs stream held in memory: a name, a creation time and a ring of its latest events.</summary>
public sealed class LogStream
{
    private readonly Func<object, string> _format;

    /// <param name="format">Turns a recorded payload into the event's message text.</param>
    public LogStream(string name, long creationTime, int capacity, Func<object, string> format)
    {
        Name = name;
        CreationTime = creationTime;
        Events = new LogEventRing(capacity);
        _format = format;
    }

    public string Name { get; }

    /// <summary>Epoch milliseconds.</summary>
    public long CreationTime { get; }

    public LogEventRing Events { get; }

    public string Format(in LogEvent logEvent) => _format(logEvent.Payload);
}
