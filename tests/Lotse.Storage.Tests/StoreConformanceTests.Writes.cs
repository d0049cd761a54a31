namespace Lotse.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task Create_NewKey_StoresValueAtNewRevision()
    {
        var before = Store.CurrentRevision;
        var revision = await CreateOkAsync("a", "one");

        revision.ShouldBeGreaterThan(before);
        Store.CurrentRevision.ShouldBeGreaterThanOrEqualTo(revision);
        var kv = await Store.GetAsync(Key("a"));
        kv.ShouldNotBeNull();
        Text(kv).ShouldBe("one");
        kv.ModRevision.ShouldBe(revision);
        kv.CreateRevision.ShouldBe(revision);
    }

    [Fact]
    public async Task Create_ExistingKey_ReturnsAlreadyExistsWithCurrentVersion()
    {
        var revision = await CreateOkAsync("a", "one");

        var again = await Store.CreateAsync(Key("a"), Bytes("two"));

        again.Status.ShouldBe(CommitStatus.AlreadyExists);
        again.Revision.ShouldBe(0);
        again.FailedIndex.ShouldBe(0);
        again.Current.ShouldNotBeNull().ModRevision.ShouldBe(revision);
        Text(await Store.GetAsync(Key("a"))).ShouldBe("one");
    }

    [Fact]
    public async Task Update_MatchingRevision_ReplacesValueKeepingCreateRevision()
    {
        var created = await CreateOkAsync("a", "one");

        var updated = await Store.UpdateAsync(Key("a"), Bytes("two"), created);

        updated.Status.ShouldBe(CommitStatus.Ok);
        updated.Revision.ShouldBeGreaterThan(created);
        var kv = (await Store.GetAsync(Key("a"))).ShouldNotBeNull();
        Text(kv).ShouldBe("two");
        kv.ModRevision.ShouldBe(updated.Revision);
        kv.CreateRevision.ShouldBe(created);
    }

    [Fact]
    public async Task Update_StaleRevision_ReturnsConflictAndKeepsValue()
    {
        var created = await CreateOkAsync("a", "one");
        var second = (await Store.UpdateAsync(Key("a"), Bytes("two"), created)).Revision;

        var stale = await Store.UpdateAsync(Key("a"), Bytes("three"), created);

        stale.Status.ShouldBe(CommitStatus.Conflict);
        stale.Current.ShouldNotBeNull().ModRevision.ShouldBe(second);
        Text(stale.Current).ShouldBe("two");
        Text(await Store.GetAsync(Key("a"))).ShouldBe("two");
    }

    [Fact]
    public async Task Update_MissingKey_ReturnsNotFound()
    {
        var result = await Store.UpdateAsync(Key("missing"), Bytes("x"), 0);

        result.Status.ShouldBe(CommitStatus.NotFound);
        result.Current.ShouldBeNull();
        (await Store.GetAsync(Key("missing"))).ShouldBeNull();
    }

    [Fact]
    public async Task Update_ZeroExpectedRevision_UpdatesUnconditionally()
    {
        await CreateOkAsync("a", "one");

        var result = await Store.UpdateAsync(Key("a"), Bytes("two"), 0);

        result.Status.ShouldBe(CommitStatus.Ok);
        Text(await Store.GetAsync(Key("a"))).ShouldBe("two");
    }

    [Fact]
    public async Task Delete_ExistingKey_RemovesItAndAllowsRecreate()
    {
        var created = await CreateOkAsync("a", "one");

        var deleted = await Store.DeleteAsync(Key("a"), created);
        deleted.Status.ShouldBe(CommitStatus.Ok);
        (await Store.GetAsync(Key("a"))).ShouldBeNull();

        var recreated = await CreateOkAsync("a", "again");
        recreated.ShouldBeGreaterThan(deleted.Revision);
        (await Store.GetAsync(Key("a"))).ShouldNotBeNull().CreateRevision.ShouldBe(recreated);
    }

    [Fact]
    public async Task Delete_StaleRevisionOrMissingKey_Fails()
    {
        var created = await CreateOkAsync("a", "one");
        await Store.UpdateAsync(Key("a"), Bytes("two"), created);

        (await Store.DeleteAsync(Key("a"), created)).Status.ShouldBe(CommitStatus.Conflict);
        (await Store.DeleteAsync(Key("missing"))).Status.ShouldBe(CommitStatus.NotFound);
        Text(await Store.GetAsync(Key("a"))).ShouldBe("two");
    }

    [Fact]
    public async Task Commit_SeveralOperations_AllGetTheCommitRevision()
    {
        var b = await CreateOkAsync("b", "old-b");
        var c = await CreateOkAsync("c", "old-c");

        var result = await Store.CommitAsync(
        [
            StoreOperation.Create(Key("a"), Bytes("new-a")),
            StoreOperation.Update(Key("b"), Bytes("new-b"), b),
            StoreOperation.Delete(Key("c"), c),
        ]);

        result.Status.ShouldBe(CommitStatus.Ok);
        (await Store.GetAsync(Key("a"))).ShouldNotBeNull().ModRevision.ShouldBe(result.Revision);
        (await Store.GetAsync(Key("b"))).ShouldNotBeNull().ModRevision.ShouldBe(result.Revision);
        (await Store.GetAsync(Key("c"))).ShouldBeNull();
        var list = await Store.ListAsync(Prefix);
        list.Items.Select(kv => kv.ModRevision).ShouldAllBe(revision => revision == result.Revision);
    }

    [Fact]
    public async Task Commit_OneFailingOperation_WritesNothing()
    {
        var b = await CreateOkAsync("b", "old-b");
        var before = Store.CurrentRevision;

        var result = await Store.CommitAsync(
        [
            StoreOperation.Create(Key("a"), Bytes("new-a")),
            StoreOperation.Update(Key("b"), Bytes("new-b"), b),
            StoreOperation.Update(Key("b-missing"), Bytes("x"), 0),
        ]);

        result.Status.ShouldBe(CommitStatus.NotFound);
        result.FailedIndex.ShouldBe(2);
        result.Revision.ShouldBe(0);
        (await Store.GetAsync(Key("a"))).ShouldBeNull();
        Text(await Store.GetAsync(Key("b"))).ShouldBe("old-b");
        (await Store.ListAsync(Prefix)).Items.Count.ShouldBe(1);
        (await Store.GetAsync(Key("b"))).ShouldNotBeNull().ModRevision.ShouldBe(b);
        // No revision was spent on the failed commit: the next one follows directly (on a private store).
        var next = await CreateOkAsync("after", "x");
        next.ShouldBeGreaterThan(before);
    }

    [Fact]
    public async Task Commit_ConcurrentWithFailingCommits_SucceedingCommitsAreUnaffected()
    {
        await CreateOkAsync("taken", "x");

        // Interleave commits that must fail with commits that must succeed, all in flight at once.
        var tasks = Enumerable.Range(0, 40).Select(i => i % 2 == 0
            ? Store.CreateAsync(Key($"ok/{i}"), Bytes($"v{i}")).AsTask()
            : Store.CreateAsync(Key("taken"), Bytes($"v{i}")).AsTask()).ToArray();
        var results = await Task.WhenAll(tasks);

        for (var i = 0; i < results.Length; i++)
        {
            results[i].Status.ShouldBe(i % 2 == 0 ? CommitStatus.Ok : CommitStatus.AlreadyExists, $"commit {i}");
        }

        results.Where(r => r.Succeeded).Select(r => r.Revision).Distinct().Count().ShouldBe(20);
        (await Store.CountAsync(Key("ok/"))).ShouldBe(20);
    }

    [Fact]
    public async Task Commit_SameKeyTwice_IsRejected()
    {
        await Should.ThrowAsync<ArgumentException>(async () => await Store.CommitAsync(
        [
            StoreOperation.Create(Key("a"), Bytes("1")),
            StoreOperation.Delete(Key("a"), 0),
        ]));
        (await Store.GetAsync(Key("a"))).ShouldBeNull();
    }

    [Fact]
    public async Task DeletePrefix_LiveKeys_DeletesAllInOneRevision()
    {
        await CreateOkAsync("ns/a", "1");
        await CreateOkAsync("ns/b", "2");
        await CreateOkAsync("nsx", "outside");
        var deleted = await Store.DeleteAsync(Key("ns/c"));
        deleted.Status.ShouldBe(CommitStatus.NotFound);

        var revision = await Store.DeletePrefixAsync(Key("ns/"));

        revision.ShouldBeGreaterThan(0);
        (await Store.CountAsync(Key("ns/"))).ShouldBe(0);
        (await Store.GetAsync(Key("nsx"))).ShouldNotBeNull();
        (await Store.ListAsync(Key("ns/"), new ListOptions(Revision: revision - 1))).Items.Count.ShouldBe(2);
    }

    [Fact]
    public async Task DeletePrefix_NothingThere_ReturnsCurrentRevisionWithoutWriting()
    {
        var before = Store.CurrentRevision;

        var revision = await Store.DeletePrefixAsync(Key("empty/"));

        revision.ShouldBeGreaterThanOrEqualTo(before);
        revision.ShouldBeLessThanOrEqualTo(Store.CurrentRevision);
    }

    [Fact]
    public async Task Reopen_AfterWrites_KeepsDataAndRevisions()
    {
        var created = await CreateOkAsync("a", "one");
        var updated = (await Store.UpdateAsync(Key("a"), Bytes("two"), created)).Revision;
        await CreateOkAsync("b", "gone");
        var deleted = (await Store.DeleteAsync(Key("b"))).Revision;
        var current = Store.CurrentRevision;

        await ReopenAsync();

        Store.CurrentRevision.ShouldBeGreaterThanOrEqualTo(current);
        var kv = (await Store.GetAsync(Key("a"))).ShouldNotBeNull();
        (kv.CreateRevision, kv.ModRevision, Text(kv)).ShouldBe((created, updated, "two"));
        (await Store.GetAsync(Key("b"))).ShouldBeNull();
        Text(await Store.GetAsync(Key("a"), created)).ShouldBe("one");
        Text(await Store.GetAsync(Key("b"), deleted - 1)).ShouldBe("gone");
        (await CreateOkAsync("c", "after")).ShouldBeGreaterThan(current);
    }
}
