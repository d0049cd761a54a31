namespace Lotse.Aws.Logs;

/// <summary>One stored log event: its place in the stream, its times (epoch milliseconds) and what it says.</summary>
/// <param name="Sequence">Position in the stream since it was created (0, 1, 2, …); gaps mean evicted events.</param>
/// <param name="Payload">The event as recorded; turned into its message text only when someone reads it.</param>
public readonly record struct LogEvent(long Sequence, long Timestamp, long IngestionTime, object Payload);

/// <summary>
/// The latest <see cref="Capacity"/> events of one log stream, oldest evicted first. Appending is one short lock and
/// an array store, so it can sit on every Kubernetes request's path; formatting waits for a reader.
/// </summary>
public sealed class LogEventRing
{
    private readonly LogEvent[] _items;
    private readonly Lock _lock = new();
    private long _appended;

    public LogEventRing(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _items = new LogEvent[capacity];
    }

    public int Capacity => _items.Length;

    /// <summary>How many events were ever appended (also the next event's sequence).</summary>
    public long Appended
    {
        get
        {
            lock (_lock)
            {
                return _appended;
            }
        }
    }

    public void Add(long timestamp, long ingestionTime, object payload)
    {
        lock (_lock)
        {
            _items[_appended % _items.Length] = new LogEvent(_appended, timestamp, ingestionTime, payload);
            _appended++;
        }
    }

    /// <summary>The events still held, oldest first.</summary>
    public LogEvent[] Snapshot()
    {
        lock (_lock)
        {
            var count = (int)Math.Min(_appended, _items.Length);
            var result = new LogEvent[count];
            var first = _appended - count;
            for (var i = 0; i < count; i++)
            {
                result[i] = _items[(first + i) % _items.Length];
            }

            return result;
        }
    }
}
