namespace Lotse.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task Watch_FromPastRevision_DeliversHistoryThenLiveWithoutGapsOrDuplicates()
    {
        var start = Store.CurrentRevision;
        var r1 = await CreateOkAsync("a", "1");
        var r2 = await CreateOkAsync("b", "1");
        using var cancel = new CancellationTokenSource();
        await using var watch = Store.Watch(Prefix, start, cancel.Token).GetAsyncEnumerator(cancel.Token);

        var history = await TakeAsync(watch, 2);
        var r3 = (await Store.UpdateAsync(Key("a"), Bytes("2"), r1)).Revision;
        var r4 = (await Store.DeleteAsync(Key("b"), r2)).Revision;
        var live = await TakeAsync(watch, 2);

        history.Concat(live).Select(e => (e.Type, e.Kv.Key, e.Kv.ModRevision)).ShouldBe(
        [
            (WatchEventType.Put, Key("a"), r1),
            (WatchEventType.Put, Key("b"), r2),
            (WatchEventType.Put, Key("a"), r3),
            (WatchEventType.Delete, Key("b"), r4),
        ]);
        await ShouldBeQuietAsync(watch, cancel);
    }

    [Fact]
    public async Task Watch_AfterRevision_SkipsEarlierChangesAndOtherPrefixes()
    {
        await CreateOkAsync("w/a", "1");
        var after = Store.CurrentRevision;
        await CreateOkAsync("other", "x");
        var wanted = await CreateOkAsync("w/b", "2");
        using var cancel = new CancellationTokenSource();
        await using var watch = Store.Watch(Key("w/"), after, cancel.Token).GetAsyncEnumerator(cancel.Token);

        var events = await TakeAsync(watch, 1);

        events[0].Kv.Key.ShouldBe(Key("w/b"));
        events[0].Kv.ModRevision.ShouldBe(wanted);
        events[0].IsCreate.ShouldBeTrue();
        await ShouldBeQuietAsync(watch, cancel);
    }

    [Fact]
    public async Task Watch_ConcurrentWriters_DeliversEveryChangeInRevisionOrder()
    {
        const int writers = 8, perWriter = 25;
        var start = Store.CurrentRevision;
        using var cancel = new CancellationTokenSource();
        await using var watch = Store.Watch(Prefix, start, cancel.Token).GetAsyncEnumerator(cancel.Token);
        var reading = TakeAsync(watch, writers * perWriter);

        var acknowledged = await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var revisions = new List<long>();
            for (var i = 0; i < perWriter; i++)
            {
                revisions.Add(await CreateOkAsync($"{w}/{i}", "v"));
            }

            return revisions;
        })));
        var events = await reading;

        var seen = events.Select(e => e.Kv.ModRevision).ToList();
        seen.ShouldBe(seen.Order().ToList());
        seen.Distinct().Count().ShouldBe(seen.Count);
        seen.ShouldBe(acknowledged.SelectMany(r => r).Order().ToList());
        events.Select(e => e.Kv.Key).Distinct().Count().ShouldBe(writers * perWriter);
        await ShouldBeQuietAsync(watch, cancel);
    }

    [Fact]
    public async Task Watch_UpdateAndDelete_CarryPreviousVersion()
    {
        var created = await CreateOkAsync("a", "v1");
        var updated = (await Store.UpdateAsync(Key("a"), Bytes("v2"), created)).Revision;
        var deleted = (await Store.DeleteAsync(Key("a"), updated)).Revision;
        using var cancel = new CancellationTokenSource();
        await using var watch = Store.Watch(Prefix, created - 1, cancel.Token).GetAsyncEnumerator(cancel.Token);

        var events = await TakeAsync(watch, 3);

        events[0].IsCreate.ShouldBeTrue();
        events[0].PrevKv.ShouldBeNull();
        events[1].Type.ShouldBe(WatchEventType.Put);
        Text(events[1].Kv).ShouldBe("v2");
        events[1].PrevKv.ShouldNotBeNull().ModRevision.ShouldBe(created);
        Text(events[1].PrevKv).ShouldBe("v1");
        var delete = events[2];
        delete.Type.ShouldBe(WatchEventType.Delete);
        delete.Kv.ModRevision.ShouldBe(deleted);
        delete.Kv.CreateRevision.ShouldBe(created);
        Text(delete.Kv).ShouldBe("v2");
        delete.PrevKv.ShouldNotBeNull().ModRevision.ShouldBe(updated);
        Text(delete.PrevKv).ShouldBe("v2");
    }

    [Fact]
    public async Task Watch_LiveDeleteAndMultiOperationCommit_MatchHistoryForm()
    {
        var created = await CreateOkAsync("a", "v1");
        using var cancel = new CancellationTokenSource();
        await using var watch = Store.Watch(Prefix, Store.CurrentRevision, cancel.Token).GetAsyncEnumerator(cancel.Token);
        var pending = watch.MoveNextAsync(); // subscribes

        var commit = await Store.CommitAsync([StoreOperation.Delete(Key("a"), created), StoreOperation.Create(Key("b"), Bytes("b1"))]);
        (await pending).ShouldBeTrue();
        var events = new List<WatchEvent> { watch.Current };
        events.AddRange(await TakeAsync(watch, 1));

        events.Select(e => e.Kv.ModRevision).ShouldAllBe(r => r == commit.Revision);
        var delete = events.Single(e => e.Type == WatchEventType.Delete);
        Text(delete.Kv).ShouldBe("v1");
        delete.PrevKv.ShouldNotBeNull().ModRevision.ShouldBe(created);
        events.Single(e => e.Type == WatchEventType.Put).IsCreate.ShouldBeTrue();
    }

    [Fact]
    public async Task Watch_DeletePrefix_EmitsOneDeletePerKeyAtOneRevision()
    {
        await CreateOkAsync("d/a", "1");
        await CreateOkAsync("d/b", "2");
        var start = Store.CurrentRevision;

        var revision = await Store.DeletePrefixAsync(Key("d/"));
        using var cancel = new CancellationTokenSource();
        await using var watch = Store.Watch(Key("d/"), start, cancel.Token).GetAsyncEnumerator(cancel.Token);
        var events = await TakeAsync(watch, 2);

        events.ShouldAllBe(e => e.Type == WatchEventType.Delete && e.Kv.ModRevision == revision);
        events.Select(e => Text(e.Kv)).Order().ShouldBe(["1", "2"]);
    }
}
