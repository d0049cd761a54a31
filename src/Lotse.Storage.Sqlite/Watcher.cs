using System.Threading.Channels;

namespace Lotse.Storage.Sqlite;

/// <summary>
/// One live subscription: the writer thread pushes matching events into a bounded buffer and never waits.
/// When the buffer is full the watcher is closed with <see cref="WatchOverflowException"/> after the events
/// already buffered, so its consumer sees an ordered prefix and then a clear signal to re-watch.
/// </summary>
internal sealed class Watcher(string prefix, int bufferSize)
{
    private readonly Channel<WatchEvent> _buffer = Channel.CreateBounded<WatchEvent>(new BoundedChannelOptions(bufferSize)
    {
        SingleReader = true,
        SingleWriter = false, // the writer thread publishes, DisposeAsync may close concurrently
        FullMode = BoundedChannelFullMode.Wait,
    });

    public string Prefix { get; } = prefix;

    public ChannelReader<WatchEvent> Reader => _buffer.Reader;

    /// <summary>Offers an event; false when the consumer is too slow (the watcher is then closed).</summary>
    public bool TryPublish(WatchEvent watchEvent)
    {
        if (_buffer.Writer.TryWrite(watchEvent))
        {
            return true;
        }

        _buffer.Writer.TryComplete(new WatchOverflowException(Prefix, bufferSize));
        return false;
    }

    public void Close(Exception reason) => _buffer.Writer.TryComplete(reason);
}
