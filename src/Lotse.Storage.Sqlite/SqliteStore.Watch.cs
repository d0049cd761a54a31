using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace Lotse.Storage.Sqlite;

/// <summary>
/// Watch = retained history from the log, then live events from the writer thread, with no gap and no
/// duplicate: the watcher subscribes BEFORE it reads history, so every commit is either in the history it reads
/// or published to it afterwards (or both — then the revision check drops the repeat).
/// </summary>
public sealed partial class SqliteStore
{
    // History is read in pages so no read transaction stays open while a slow consumer processes events
    // (an open WAL snapshot would stop checkpoints and let the WAL grow).
    private const int HistoryPageSize = 512;

    public IAsyncEnumerable<WatchEvent> Watch(string prefix, long afterRevision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfNegative(afterRevision);
        return WatchCore(prefix, afterRevision, cancellationToken);
    }

    private async IAsyncEnumerable<WatchEvent> WatchCore(string prefix, long afterRevision, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        EnsureNotCompacted(afterRevision);
        var watcher = new Watcher(prefix, _options.WatchBufferSize);
        ImmutableInterlocked.Update(ref _watchers, static (list, w) => list.Add(w), watcher);
        try
        {
            var delivered = afterRevision;
            var afterRowId = LogSchema.FirstRowId(afterRevision + 1) - 1;
            var page = new List<WatchEvent>(HistoryPageSize);
            bool more;
            do
            {
                cancellationToken.ThrowIfCancellationRequested();
                var pageStart = afterRowId;
                more = ReadHistoryPage(prefix, ref afterRowId, page);
                // Rows still owed have revision ≥ that of the next row id; compaction must not have reached it.
                EnsureNotCompacted(LogSchema.RevisionOf(pageStart + 1) - 1);
                foreach (var item in page)
                {
                    delivered = item.Kv.ModRevision;
                    yield return item;
                }
            }
            while (more);

            // History ended on a short page, i.e. a snapshot holding whole commits: every revision up to
            // `delivered` is complete, and live events of those revisions are repeats. (Not a running maximum:
            // one commit's events share a revision.)
            page = null;
            var live = watcher.Reader;
            while (await live.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (live.TryRead(out var item))
                {
                    if (item.Kv.ModRevision > delivered)
                    {
                        yield return item;
                    }
                }
            }
        }
        finally
        {
            ImmutableInterlocked.Update(ref _watchers, static (list, w) => list.Remove(w), watcher);
        }
    }

    /// <summary>Reads up to one page of changes after <paramref name="afterRowId"/>; true when the page was full.</summary>
    private bool ReadHistoryPage(string prefix, ref long afterRowId, List<WatchEvent> page)
    {
        page.Clear();
        var session = RentReader();
        try
        {
            var command = session.History;
            command.Parameters[0].Value = afterRowId;
            command.Parameters[1].Value = prefix;
            command.Parameters[2].Value = KeyRange.End(prefix);
            command.Parameters[3].Value = (long)HistoryPageSize;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                afterRowId = reader.GetInt64(0);
                var name = reader.GetString(1);
                var revision = LogSchema.RevisionOf(afterRowId);
                var createRevision = reader.GetInt64(4);
                var prevRevision = reader.GetInt64(5);
                var prevValue = reader.IsDBNull(7) ? EmptyValue : reader.GetFieldValue<byte[]>(7);
                if (reader.GetInt64(3) != 0)
                {
                    var last = new KeyValue(name, prevValue, createRevision, prevRevision);
                    page.Add(new WatchEvent(WatchEventType.Delete, last with { ModRevision = revision }, last));
                }
                else
                {
                    var kv = new KeyValue(name, reader.GetFieldValue<byte[]>(6), createRevision, revision);
                    var prev = reader.GetInt64(2) != 0 ? null : new KeyValue(name, prevValue, createRevision, prevRevision);
                    page.Add(new WatchEvent(WatchEventType.Put, kv, prev));
                }
            }
        }
        finally
        {
            ReturnReader(session);
        }

        return page.Count == HistoryPageSize;
    }

    /// <summary>Hands the changes of a durable batch to matching watchers (writer thread, after the fsync).</summary>
    private void Publish(List<Change> changes)
    {
        // Full fence: a watcher that subscribed before this point is seen; one that subscribes later reads
        // this batch from the log, because the batch is already committed.
        Interlocked.MemoryBarrier();
        var watchers = _watchers;
        if (watchers.IsEmpty || changes.Count == 0)
        {
            return;
        }

        foreach (var change in changes)
        {
            WatchEvent? built = null;
            foreach (var watcher in watchers)
            {
                if (!change.Key.StartsWith(watcher.Prefix, StringComparison.Ordinal))
                {
                    continue;
                }

                // One event object per change, shared by every watcher that matches.
                built ??= ToEvent(change);
                if (!watcher.TryPublish(built))
                {
                    ImmutableInterlocked.Update(ref _watchers, static (list, w) => list.Remove(w), watcher);
                }
            }
        }
    }

    private static WatchEvent ToEvent(in Change change)
    {
        if (change.Kind == StoreOperationKind.Delete)
        {
            var last = new KeyValue(change.Key, change.PrevValue!, change.CreateRevision, change.PrevRevision);
            return new WatchEvent(WatchEventType.Delete, last with { ModRevision = change.ModRevision }, last);
        }

        // Copied: the caller owns its buffer again once the commit is acknowledged.
        var kv = new KeyValue(change.Key, change.Value.ToArray(), change.CreateRevision, change.ModRevision);
        var prev = change.Kind == StoreOperationKind.Create ? null : new KeyValue(change.Key, change.PrevValue!, change.CreateRevision, change.PrevRevision);
        return new WatchEvent(WatchEventType.Put, kv, prev);
    }
}
