using Lotse.Aws.Logs;

namespace Lotse.Aws.Tests.Logs;

public sealed class LogEventRingTests
{
    [Fact]
    public void Snapshot_BelowCapacity_AllEventsOldestFirst()
    {
        var ring = new LogEventRing(4);
        ring.Add(10, 11, "a");
        ring.Add(20, 21, "b");

        var events = ring.Snapshot();

        events.Select(e => (e.Sequence, e.Timestamp, e.IngestionTime, (string)e.Payload)).ShouldBe([(0L, 10L, 11L, "a"), (1L, 20L, 21L, "b")]);
    }

    [Fact]
    public void Add_BeyondCapacity_EvictsOldestAndKeepsSequences()
    {
        var ring = new LogEventRing(3);
        for (var i = 0; i < 10; i++)
        {
            ring.Add(i, i, i);
        }

        var events = ring.Snapshot();

        events.Select(e => e.Sequence).ShouldBe([7L, 8L, 9L]);
        events.Select(e => (int)e.Payload).ShouldBe([7, 8, 9]);
        ring.Appended.ShouldBe(10);
    }

    [Fact]
    public async Task Add_ConcurrentWriters_NoEventLostAndSequencesUnique()
    {
        var ring = new LogEventRing(100_000);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < 5_000; i++)
            {
                ring.Add(i, i, w);
            }
        })));

        var events = ring.Snapshot();
        events.Length.ShouldBe(40_000);
        events.Select(e => e.Sequence).ShouldBe(Enumerable.Range(0, 40_000).Select(i => (long)i));
    }

    [Fact]
    public void Constructor_ZeroCapacity_Throws() => Should.Throw<ArgumentOutOfRangeException>(() => new LogEventRing(0));
}
