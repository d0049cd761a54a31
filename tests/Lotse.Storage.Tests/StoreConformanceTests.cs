using System.Text;

namespace Lotse.Storage.Tests;

/// <summary>
/// The behaviour every <see cref="IStore"/> backend must show, written once and subclassed per backend.
/// Backend-neutral on purpose: every test works under its own key prefix and only compares revisions
/// relative to each other, so a backend shared with other writers (one etcd cluster) passes too.
/// </summary>
public abstract partial class StoreConformanceTests : IAsyncLifetime, IDisposable
{
    private IStore? _store;
    private bool _disposed;

    /// <summary>A unique prefix per test, so tests never see each other's keys.</summary>
    protected string Prefix { get; } = $"/conformance/{Guid.NewGuid():N}/";

    protected IStore Store => _store ?? throw new InvalidOperationException("store not open");

    /// <summary>Opens the backend under test (empty, or shared with unrelated prefixes).</summary>
    protected abstract Task<IStore> OpenStoreAsync();

    /// <summary>Closes <paramref name="store"/> and opens the same data again (a process restart).</summary>
    protected abstract Task<IStore> ReopenStoreAsync(IStore store);

    public virtual async Task InitializeAsync() => _store = await OpenStoreAsync();

    public async Task DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        await CleanUpAsync();
    }

    /// <summary>FsCheck's property runner disposes test classes only through IDisposable, not IAsyncLifetime.</summary>
    public void Dispose()
    {
        DisposeAsync().GetAwaiter().GetResult();
        GC.SuppressFinalize(this);
    }

    /// <summary>Backend clean-up after the store is closed (temp files, containers).</summary>
    protected virtual Task CleanUpAsync() => Task.CompletedTask;

    protected async Task ReopenAsync() => _store = await ReopenStoreAsync(Store);

    protected string Key(string name) => Prefix + name;

    protected static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    protected static string Text(KeyValue? kv) => kv is null ? "<null>" : Encoding.UTF8.GetString(kv.Value.Span);

    protected async Task<long> CreateOkAsync(string name, string value)
    {
        var result = await Store.CreateAsync(Key(name), Bytes(value));
        result.Status.ShouldBe(CommitStatus.Ok);
        return result.Revision;
    }

    /// <summary>Reads <paramref name="count"/> events, failing the test if they do not come within 15 s.</summary>
    protected static async Task<List<WatchEvent>> TakeAsync(IAsyncEnumerator<WatchEvent> watch, int count)
    {
        var events = new List<WatchEvent>(count);
        var deadline = Task.Delay(TimeSpan.FromSeconds(15));
        while (events.Count < count)
        {
            var next = watch.MoveNextAsync().AsTask();
            if (await Task.WhenAny(next, deadline) == deadline)
            {
                throw new TimeoutException($"watch delivered {events.Count} of {count} events");
            }

            (await next).ShouldBeTrue("watch ended early");
            events.Add(watch.Current);
        }

        return events;
    }

    /// <summary>Asserts no further event arrives within a short grace period (for "no duplicates").</summary>
    protected static async Task ShouldBeQuietAsync(IAsyncEnumerator<WatchEvent> watch, CancellationTokenSource cancel)
    {
        var next = watch.MoveNextAsync().AsTask();
        var winner = await Task.WhenAny(next, Task.Delay(300));
        if (winner == next && await next)
        {
            throw new ShouldAssertException($"unexpected extra event at revision {watch.Current.Kv.ModRevision} for {watch.Current.Kv.Key}");
        }

        await cancel.CancelAsync();
        try
        {
            (await next).ShouldBeFalse();
        }
        catch (OperationCanceledException)
        {
            // the expected way for a quiet watch to end
        }
    }
}
