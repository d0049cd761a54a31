namespace Lotse.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task Get_PastRevision_ReturnsVersionOfThatTime()
    {
        var created = await CreateOkAsync("a", "one");
        var updated = (await Store.UpdateAsync(Key("a"), Bytes("two"), created)).Revision;
        var deleted = (await Store.DeleteAsync(Key("a"))).Revision;

        Text(await Store.GetAsync(Key("a"), created)).ShouldBe("one");
        Text(await Store.GetAsync(Key("a"), updated - 1)).ShouldBe("one");
        Text(await Store.GetAsync(Key("a"), updated)).ShouldBe("two");
        (await Store.GetAsync(Key("a"), deleted)).ShouldBeNull();
        (await Store.GetAsync(Key("a"), created - 1)).ShouldBeNull();
    }

    [Fact]
    public async Task List_PastRevision_ReturnsSnapshotOfThatTime()
    {
        var a = await CreateOkAsync("a", "a1");
        await CreateOkAsync("b", "b1");
        var snapshot = Store.CurrentRevision;
        await Store.UpdateAsync(Key("a"), Bytes("a2"), a);
        await Store.DeleteAsync(Key("b"));
        await CreateOkAsync("c", "c1");

        var past = await Store.ListAsync(Prefix, new ListOptions(Revision: snapshot));
        var now = await Store.ListAsync(Prefix);

        past.Revision.ShouldBe(snapshot);
        past.Items.Select(kv => (kv.Key, Text(kv))).ShouldBe([(Key("a"), "a1"), (Key("b"), "b1")]);
        now.Items.Select(kv => (kv.Key, Text(kv))).ShouldBe([(Key("a"), "a2"), (Key("c"), "c1")]);
        now.Revision.ShouldBeGreaterThanOrEqualTo(now.Items.Max(kv => kv.ModRevision));
    }

    [Fact]
    public async Task List_LimitAndStartKey_PagesThroughPrefixInKeyOrder()
    {
        foreach (var name in new[] { "p/e", "p/a", "p/d", "p/b", "p/c", "pz", "p" })
        {
            await CreateOkAsync(name, name);
        }

        var pages = new List<string>();
        string? start = null;
        long? revision = null;
        while (true)
        {
            var page = await Store.ListAsync(Key("p/"), new ListOptions(revision ?? 0, start, 2));
            revision ??= page.Revision;
            page.Revision.ShouldBe(revision.Value);
            pages.Add(string.Join(",", page.Items.Select(kv => kv.Key[Prefix.Length..])));
            if (!page.HasMore)
            {
                break;
            }

            page.Items.Count.ShouldBe(2);
            start = page.Items[^1].Key + "\0";
        }

        pages.ShouldBe(["p/a,p/b", "p/c,p/d", "p/e"]);
    }

    [Fact]
    public async Task List_LimitEqualToItemCount_HasNoMore()
    {
        await CreateOkAsync("a", "1");
        await CreateOkAsync("b", "2");

        var page = await Store.ListAsync(Prefix, new ListOptions(Limit: 2));

        page.Items.Count.ShouldBe(2);
        page.HasMore.ShouldBeFalse();
    }

    [Fact]
    public async Task Count_Prefix_CountsLiveKeysOnly()
    {
        var a = await CreateOkAsync("c/a", "1");
        await Store.UpdateAsync(Key("c/a"), Bytes("2"), a);
        await CreateOkAsync("c/b", "1");
        await CreateOkAsync("c/gone", "1");
        await Store.DeleteAsync(Key("c/gone"));
        await CreateOkAsync("cx", "outside");

        (await Store.CountAsync(Key("c/"))).ShouldBe(2);
        (await Store.CountAsync(Prefix)).ShouldBe(3);
    }

    [Fact]
    public async Task Get_RevisionNewerThanCurrent_ThrowsRevisionTooLarge()
    {
        await CreateOkAsync("a", "1");
        var tooLarge = Store.CurrentRevision + 1000;

        var ex = await Should.ThrowAsync<RevisionTooLargeException>(async () => await Store.GetAsync(Key("a"), tooLarge));
        ex.Requested.ShouldBe(tooLarge);
        await Should.ThrowAsync<RevisionTooLargeException>(async () => await Store.ListAsync(Prefix, new ListOptions(Revision: tooLarge)));
    }
}
