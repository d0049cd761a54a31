namespace Lotse.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task Compact_OldRevision_ReadsAndWatchesBelowItThrowCompacted()
    {
        var created = await CreateOkAsync("a", "v1");
        var updated = (await Store.UpdateAsync(Key("a"), Bytes("v2"), created)).Revision;
        await CreateOkAsync("gone", "x");
        var deleted = (await Store.DeleteAsync(Key("gone"))).Revision;
        var latest = await CreateOkAsync("b", "b1");

        await Store.CompactAsync(deleted);

        Store.CompactedRevision.ShouldBeGreaterThanOrEqualTo(deleted);
        var ex = await Should.ThrowAsync<RevisionCompactedException>(async () => await Store.GetAsync(Key("a"), created));
        ex.Requested.ShouldBe(created);
        await Should.ThrowAsync<RevisionCompactedException>(async () => await Store.ListAsync(Prefix, new ListOptions(Revision: updated)));
        await Should.ThrowAsync<RevisionCompactedException>(async () =>
        {
            await foreach (var unused in Store.Watch(Prefix, created))
            {
                break;
            }
        });

        // The compacted revision itself and everything after it stay readable.
        Text(await Store.GetAsync(Key("a"), deleted)).ShouldBe("v2");
        (await Store.GetAsync(Key("gone"), deleted)).ShouldBeNull();
        Text(await Store.GetAsync(Key("a"))).ShouldBe("v2");
        (await Store.ListAsync(Prefix, new ListOptions(Revision: deleted))).Items.Select(kv => kv.Key).ShouldBe([Key("a")]);
        using var cancel = new CancellationTokenSource();
        await using var watch = Store.Watch(Prefix, deleted, cancel.Token).GetAsyncEnumerator(cancel.Token);
        (await TakeAsync(watch, 1))[0].Kv.ModRevision.ShouldBe(latest);
    }

    [Fact]
    public async Task Compact_ThenUpdateAndDelete_StillCarryPreviousVersion()
    {
        var created = await CreateOkAsync("a", "v1");
        var compactAt = Store.CurrentRevision;
        await Store.CompactAsync(compactAt);

        var updated = (await Store.UpdateAsync(Key("a"), Bytes("v2"), created)).Revision;
        await Store.DeleteAsync(Key("a"), updated);
        using var cancel = new CancellationTokenSource();
        await using var watch = Store.Watch(Prefix, compactAt, cancel.Token).GetAsyncEnumerator(cancel.Token);
        var events = await TakeAsync(watch, 2);

        Text(events[0].PrevKv).ShouldBe("v1");
        Text(events[1].Kv).ShouldBe("v2");
        Text(events[1].PrevKv).ShouldBe("v2");
    }

    [Fact]
    public async Task Compact_FutureRevision_ThrowsRevisionTooLarge()
    {
        await CreateOkAsync("a", "1");

        await Should.ThrowAsync<RevisionTooLargeException>(async () => await Store.CompactAsync(Store.CurrentRevision + 1000));
    }

    [Fact]
    public async Task Reopen_AfterCompaction_KeepsCompactedRevision()
    {
        var created = await CreateOkAsync("a", "v1");
        await Store.UpdateAsync(Key("a"), Bytes("v2"), created);
        var compactAt = Store.CurrentRevision;
        await Store.CompactAsync(compactAt);

        await ReopenAsync();

        Store.CompactedRevision.ShouldBeGreaterThanOrEqualTo(compactAt);
        await Should.ThrowAsync<RevisionCompactedException>(async () => await Store.GetAsync(Key("a"), created));
        Text(await Store.GetAsync(Key("a"))).ShouldBe("v2");
    }
}
