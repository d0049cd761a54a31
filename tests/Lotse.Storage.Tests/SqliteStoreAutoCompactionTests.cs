using Lotse.Storage.Sqlite;

namespace Lotse.Storage.Tests;

public sealed class SqliteStoreAutoCompactionTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task AutoCompactor_TwoTicks_CompactsToRevisionOfPreviousTickKeepingRecentOnes()
    {
        var clock = new ManualTimeProvider();
        await using var store = await SqliteStore.OpenAsync(Path.Combine(_directory.Path, "auto.db"), new SqliteStoreOptions
        {
            TimeProvider = clock,
            AutoCompactInterval = TimeSpan.FromMinutes(1),
            AutoCompactKeepDuration = TimeSpan.FromMinutes(1),
            AutoCompactKeepRevisions = 2,
        });
        var revision = await UpdateManyAsync(store, "/a", 0, 10);

        clock.Advance(TimeSpan.FromMinutes(1)); // first tick only records (time, revision 10)
        await Task.Delay(100);
        store.CompactedRevision.ShouldBe(0);
        revision = await UpdateManyAsync(store, "/a", revision, 5);
        clock.Advance(TimeSpan.FromMinutes(1)); // revision 10 is now a minute old: compact to min(10, 15 - 2)

        await WaitUntilAsync(() => store.CompactedRevision == 10);
        store.LastAutoCompactionError.ShouldBeNull();
        await Should.ThrowAsync<RevisionCompactedException>(async () => await store.GetAsync("/a", 9));
        (await store.GetAsync("/a", 10)).ShouldNotBeNull().ModRevision.ShouldBe(10);

        await UpdateManyAsync(store, "/a", revision, 1); // 16: count bound now decides, min(15, 16 - 2) = 14
        clock.Advance(TimeSpan.FromMinutes(1));
        await WaitUntilAsync(() => store.CompactedRevision == 14);
    }

    [Fact]
    public async Task AutoCompactor_Disabled_NeverCompacts()
    {
        var clock = new ManualTimeProvider();
        await using var store = await SqliteStore.OpenAsync(Path.Combine(_directory.Path, "off.db"), new SqliteStoreOptions
        {
            TimeProvider = clock,
            AutoCompactInterval = TimeSpan.Zero,
            AutoCompactKeepRevisions = 0,
            AutoCompactKeepDuration = TimeSpan.Zero,
        });
        await UpdateManyAsync(store, "/a", 0, 5);

        clock.Advance(TimeSpan.FromHours(1));
        await Task.Delay(100);

        store.CompactedRevision.ShouldBe(0);
    }

    private static async Task<long> UpdateManyAsync(SqliteStore store, string key, long revision, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var result = revision == 0
                ? await store.CreateAsync(key, new byte[] { 1 })
                : await store.UpdateAsync(key, new byte[] { 2 }, revision);
            result.Succeeded.ShouldBeTrue();
            revision = result.Revision;
        }

        return revision;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        condition().ShouldBeTrue();
    }
}
