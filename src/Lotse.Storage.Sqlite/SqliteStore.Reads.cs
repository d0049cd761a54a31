namespace Lotse.Storage.Sqlite;

/// <summary>Point and range reads on pooled read sessions.</summary>
public sealed partial class SqliteStore
{
    // Idle sessions kept; more concurrent readers open extra sessions that are closed after use.
    private const int MaxIdleReaders = 16;

    public ValueTask<KeyValue?> GetAsync(string key, long revision = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        var readAt = ResolveReadRevision(revision);
        var session = RentReader();
        try
        {
            var command = session.Get;
            command.Parameters[0].Value = key;
            command.Parameters[1].Value = LogSchema.FirstRowId(readAt + 1);
            KeyValue? result = null;
            using (var reader = command.ExecuteReader())
            {
                if (reader.Read() && reader.GetInt64(2) == 0)
                {
                    result = new KeyValue(key, reader.GetFieldValue<byte[]>(3), reader.GetInt64(1), LogSchema.RevisionOf(reader.GetInt64(0)));
                }
            }

            EnsureNotCompacted(readAt);
            return ValueTask.FromResult(result);
        }
        finally
        {
            ReturnReader(session);
        }
    }

    public ValueTask<ListResult> ListAsync(string prefix, ListOptions options = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Limit, nameof(options));
        cancellationToken.ThrowIfCancellationRequested();
        var readAt = ResolveReadRevision(options.Revision);
        var session = RentReader();
        try
        {
            var command = session.List;
            command.Parameters[0].Value = KeyRange.Start(prefix, options.StartKey);
            command.Parameters[1].Value = KeyRange.End(prefix);
            command.Parameters[2].Value = LogSchema.FirstRowId(readAt + 1);
            // One extra row tells whether the limit cut the list.
            command.Parameters[3].Value = options.Limit == 0 ? -1L : options.Limit + 1L;
            var items = new List<KeyValue>(options.Limit is > 0 and <= 1024 ? options.Limit : 16);
            var hasMore = false;
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    if (options.Limit != 0 && items.Count == options.Limit)
                    {
                        hasMore = true;
                        break;
                    }

                    items.Add(new KeyValue(reader.GetString(0), reader.GetFieldValue<byte[]>(3), reader.GetInt64(1), LogSchema.RevisionOf(reader.GetInt64(2))));
                }
            }

            EnsureNotCompacted(readAt);
            return ValueTask.FromResult(new ListResult(items, readAt, hasMore));
        }
        finally
        {
            ReturnReader(session);
        }
    }

    public ValueTask<long> CountAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var session = RentReader();
        try
        {
            var command = session.Count;
            command.Parameters[0].Value = prefix;
            command.Parameters[1].Value = KeyRange.End(prefix);
            return ValueTask.FromResult((long)command.ExecuteScalar()!);
        }
        finally
        {
            ReturnReader(session);
        }
    }

    /// <summary>Maps 0 to the latest revision and rejects revisions outside [compacted, current].</summary>
    private long ResolveReadRevision(long revision)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var current = CurrentRevision;
        if (revision <= 0)
        {
            return current;
        }

        if (revision > current)
        {
            throw new RevisionTooLargeException(revision, current);
        }

        EnsureNotCompacted(revision);
        return revision;
    }

    /// <summary>
    /// Called again after a query: compaction raises the compacted revision before it deletes rows, so a read
    /// that raced with compaction is detected here and reported as compacted instead of returning a partial view.
    /// </summary>
    private void EnsureNotCompacted(long revision)
    {
        var compacted = CompactedRevision;
        if (revision < compacted)
        {
            throw new RevisionCompactedException(revision, compacted);
        }
    }

    private ReadSession RentReader() =>
        _idleReaders.TryTake(out var session) ? session : new ReadSession(_connectionString);

    private void ReturnReader(ReadSession session)
    {
        if (Volatile.Read(ref _disposed) == 0 && _idleReaders.Count < MaxIdleReaders)
        {
            _idleReaders.Add(session);
            if (Volatile.Read(ref _disposed) != 0 && _idleReaders.TryTake(out var late))
            {
                late.Dispose(); // raced with DisposeAsync draining the pool
            }
        }
        else
        {
            session.Dispose();
        }
    }
}
