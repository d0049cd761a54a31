using Lotse.Storage.Sqlite;

namespace Lotse.Storage.Tests;

/// <summary>The conformance suite against <see cref="SqliteStore"/>, plus what only the SQLite backend promises.</summary>
public sealed class SqliteStoreConformanceTests : StoreConformanceTests
{
    private readonly TempDirectory _directory = new();

    private string DatabasePath => Path.Combine(_directory.Path, "lotse.db");

    protected override async Task<IStore> OpenStoreAsync() => await SqliteStore.OpenAsync(DatabasePath, Options());

    protected override async Task<IStore> ReopenStoreAsync(IStore store)
    {
        await store.DisposeAsync();
        return await OpenStoreAsync();
    }

    protected override Task CleanUpAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }

    private static SqliteStoreOptions Options(int watchBuffer = 10_000, int compactionBatch = 2_000) => new()
    {
        AutoCompactInterval = TimeSpan.Zero,
        WatchBufferSize = watchBuffer,
        CompactionBatchSize = compactionBatch,
    };

    [Fact]
    public async Task OpenAsync_FileAlreadyOpen_Throws()
    {
        await Should.ThrowAsync<InvalidOperationException>(() => SqliteStore.OpenAsync(DatabasePath));
    }

    [Fact]
    public async Task OpenAsync_NewFile_StartsAtRevisionZero()
    {
        Store.CurrentRevision.ShouldBe(0);
        Store.CompactedRevision.ShouldBe(0);
        (await CreateOkAsync("a", "1")).ShouldBe(1);
        (await Store.CommitAsync([StoreOperation.Create(Key("b"), Bytes("2")), StoreOperation.Create(Key("c"), Bytes("3"))])).Revision.ShouldBe(2);
        (await CreateOkAsync("d", "4")).ShouldBe(3);
    }

    [Fact]
    public async Task ListCountWatch_EmptyPrefix_CoverTheWholeStore()
    {
        await CreateOkAsync("a", "1");
        (await Store.CreateAsync("/", Bytes("root"))).Succeeded.ShouldBeTrue();
        (await Store.CreateAsync("\uffff", Bytes("last"))).Succeeded.ShouldBeTrue();

        (await Store.ListAsync("")).Items.Select(kv => kv.Key).ShouldBe(["/", Key("a"), "\uffff"]);
        (await Store.CountAsync("")).ShouldBe(3);
        (await Store.ListAsync("\uffff")).Items.Select(kv => kv.Key).ShouldBe(["\uffff"]);
        await using var watch = Store.Watch("", 0).GetAsyncEnumerator();
        (await TakeAsync(watch, 3)).Select(e => e.Kv.ModRevision).ShouldBe([1L, 2L, 3L]);
    }

    [Fact]
    public async Task Reopen_LatestRevisionWasCompactedDelete_DoesNotReuseRevisions()
    {
        await CreateOkAsync("a", "1");
        var deleted = (await Store.DeleteAsync(Key("a"))).Revision;
        await Store.CompactAsync(deleted); // removes the tombstone, the newest row of the log

        await ReopenAsync();

        Store.CurrentRevision.ShouldBe(deleted);
        (await CreateOkAsync("b", "2")).ShouldBe(deleted + 1);
    }

    [Fact]
    public async Task CommitAsync_AfterDispose_ThrowsObjectDisposed()
    {
        await Store.DisposeAsync();

        await Should.ThrowAsync<ObjectDisposedException>(async () => await Store.CreateAsync(Key("a"), Bytes("1")));
    }

    [Fact]
    public async Task DisposeAsync_WithQueuedCommits_AppliesThemBeforeClosing()
    {
        var pending = Enumerable.Range(0, 50).Select(i => Store.CreateAsync(Key($"q/{i}"), Bytes("v")).AsTask()).ToArray();

        await Store.DisposeAsync();
        var results = await Task.WhenAll(pending);
        await ReopenAsync();

        results.ShouldAllBe(r => r.Succeeded);
        (await Store.CountAsync(Key("q/"))).ShouldBe(50);
    }

    [Fact]
    public async Task Watch_StoreDisposed_EndsWithObjectDisposed()
    {
        await using var watch = Store.Watch(Prefix, Store.CurrentRevision).GetAsyncEnumerator();
        var next = watch.MoveNextAsync();

        await Store.DisposeAsync();

        await Should.ThrowAsync<ObjectDisposedException>(async () => await next);
    }

    [Fact]
    public async Task CommitAsync_CancelledToken_WritesNothing()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Should.ThrowAsync<TaskCanceledException>(async () => await Store.CreateAsync(Key("a"), Bytes("1"), cancel.Token));

        (await Store.GetAsync(Key("a"))).ShouldBeNull();
        Store.CurrentRevision.ShouldBe(0);
    }

    [Fact]
    public async Task Watch_ConsumerTooSlow_EndsWithWatchOverflowAfterBufferedEvents()
    {
        await Store.DisposeAsync();
        await using var store = await SqliteStore.OpenAsync(DatabasePath, Options(watchBuffer: 4));
        var start = store.CurrentRevision;
        await using var watch = store.Watch(Prefix, start).GetAsyncEnumerator();
        (await store.CreateAsync(Key("first"), Bytes("v"))).Succeeded.ShouldBeTrue();
        (await watch.MoveNextAsync()).ShouldBeTrue(); // history phase done, now live

        for (var i = 0; i < 10; i++)
        {
            (await store.CreateAsync(Key($"k{i}"), Bytes("v"))).Succeeded.ShouldBeTrue(); // writers never wait
        }

        var delivered = 0;
        var ex = await Should.ThrowAsync<WatchOverflowException>(async () =>
        {
            while (await watch.MoveNextAsync())
            {
                delivered++;
            }
        });
        delivered.ShouldBe(4);
        ex.Prefix.ShouldBe(Prefix);
    }

    [Fact]
    public async Task Compact_ManyVersions_RemovesSupersededRowsAndShrinksFile()
    {
        await Store.DisposeAsync();
        await using var store = await SqliteStore.OpenAsync(DatabasePath, Options(compactionBatch: 100));
        var value = new byte[4096];
        var revision = (await store.CreateAsync(Key("big"), value)).Revision;
        for (var i = 0; i < 400; i++)
        {
            revision = (await store.UpdateAsync(Key("big"), value, revision)).Revision;
        }

        var before = new FileInfo(DatabasePath).Length + WalLength();
        await store.CompactAsync(revision);
        await store.DisposeAsync(); // checkpoints the WAL into the file
        var after = new FileInfo(DatabasePath).Length;

        after.ShouldBeLessThan(before / 4);
        await using var reopened = await SqliteStore.OpenAsync(DatabasePath, Options());
        (await reopened.GetAsync(Key("big"))).ShouldNotBeNull().ModRevision.ShouldBe(revision);
        reopened.CompactedRevision.ShouldBe(revision);
    }

    [Fact]
    public async Task Watch_HistoryLongerThanOnePage_IsDeliveredCompletely()
    {
        var start = Store.CurrentRevision;
        var operations = Enumerable.Range(0, 1500).Select(i => StoreOperation.Create(Key($"h/{i:D4}"), Bytes("v"))).ToArray();
        var revision = (await Store.CommitAsync(operations)).Revision;
        var next = await CreateOkAsync("h/after", "v");
        using var cancel = new CancellationTokenSource();
        await using var watch = Store.Watch(Prefix, start, cancel.Token).GetAsyncEnumerator(cancel.Token);

        var events = await TakeAsync(watch, 1501);

        events.Take(1500).ShouldAllBe(e => e.Kv.ModRevision == revision);
        events[^1].Kv.ModRevision.ShouldBe(next);
        events.Select(e => e.Kv.Key).Distinct().Count().ShouldBe(1501);
        await ShouldBeQuietAsync(watch, cancel);
    }

    private long WalLength()
    {
        var wal = new FileInfo(DatabasePath + "-wal");
        return wal.Exists ? wal.Length : 0;
    }
}
