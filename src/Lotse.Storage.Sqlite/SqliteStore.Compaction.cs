namespace Lotse.Storage.Sqlite;

/// <summary>
/// Compaction to revision C deletes every version superseded at or before C and every tombstone at or before C,
/// then gives the freed pages back to the file system (incremental VACUUM). It walks only the rows written since
/// the previous compaction: each of them supersedes exactly the row named by its prev_revision. So its cost
/// follows the write rate, not the database size (10,000 changes cost the same with 100 or 1,000,000 keys).
/// Everything runs on the writer thread in small steps between commit batches: no second writer, so no
/// "database is locked" (kine#414), and the file really shrinks (kine#607).
/// </summary>
public sealed partial class SqliteStore
{
    private readonly List<long> _doomedRows = [];
    private readonly List<(string Name, long PrevRevision)> _supersededRows = [];
    private CompactionJob? _compaction;
    private long _compactedThrough;

    public async ValueTask CompactAsync(long revision, CancellationToken cancellationToken = default)
    {
        var current = CurrentRevision;
        if (revision > current)
        {
            throw new RevisionTooLargeException(revision, current);
        }

        if (revision <= CompactedRevision)
        {
            return; // already done; compaction is idempotent
        }

        await Enqueue(PendingWrite.Compact(revision, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Writer thread: begins the compaction job, or raises the target of the running one.</summary>
    private void StartCompaction(PendingWrite request)
    {
        if (request.CancellationToken.IsCancellationRequested)
        {
            request.TrySetCanceled(request.CancellationToken);
            return;
        }

        if (_compaction is null && request.Revision <= _compactedThrough)
        {
            request.TrySetResult(CommitResult.Success(_compactedThrough));
            return;
        }

        // The walk goes forward in row order, so a higher target just extends it.
        _compaction ??= new CompactionJob { Cursor = LogSchema.FirstRowId(_compactedThrough + 1) - 1 };
        if (request.Revision > _compaction.Target)
        {
            _compaction.Target = request.Revision;
            _compaction.Persisted = false;
            _compaction.Vacuuming = false;
        }

        _compaction.Waiters.Add(request);
        if (_compaction.Target > _compactedRevision)
        {
            // Raised before any row is deleted: readers re-check it after their query (EnsureNotCompacted).
            Volatile.Write(ref _compactedRevision, _compaction.Target);
        }
    }

    /// <summary>Writer thread: one bounded step of the current compaction job.</summary>
    private void RunCompactionStep()
    {
        var job = _compaction!;
        try
        {
            if (job.Vacuuming)
            {
                if ((long)_writer.FreePages.ExecuteScalar()! == 0)
                {
                    FinishCompaction(null);
                    return;
                }

                _writer.IncrementalVacuum.ExecuteNonQuery();
                return;
            }

            _writer.Begin.ExecuteNonQuery();
            try
            {
                var done = ScanForCompaction(job) < _options.CompactionBatchSize;
                foreach (var (name, prevRevision) in _supersededRows)
                {
                    var delete = _writer.DeleteVersion;
                    delete.Parameters[0].Value = name;
                    delete.Parameters[1].Value = LogSchema.FirstRowId(prevRevision);
                    delete.Parameters[2].Value = LogSchema.FirstRowId(prevRevision + 1);
                    delete.ExecuteNonQuery();
                }

                foreach (var id in _doomedRows)
                {
                    _writer.DeleteRow.Parameters[0].Value = id;
                    _writer.DeleteRow.ExecuteNonQuery();
                }

                // The visible bound goes to disk with the first deletions; "through" once the walk is complete,
                // so a walk cut short by a crash is resumed by the next compaction.
                SetMeta("compact_revision", _compactedRevision, !job.Persisted); // ≥ Target after a resumed walk
                SetMeta("compact_through", job.Target, done);
                _writer.Commit.ExecuteNonQuery();
                job.Persisted = true;
                if (done)
                {
                    _compactedThrough = job.Target;
                    job.Vacuuming = true;
                }
            }
            catch
            {
                TryExecute(_writer.Rollback);
                throw;
            }
        }
        catch (Exception ex)
        {
            FinishCompaction(ex);
        }
    }

    /// <summary>Reads the next rows of the walk; fills the deletion lists and returns how many rows it read.</summary>
    private int ScanForCompaction(CompactionJob job)
    {
        _doomedRows.Clear();
        _supersededRows.Clear();
        var scan = _writer.CompactScan;
        scan.Parameters[0].Value = job.Cursor;
        scan.Parameters[1].Value = LogSchema.FirstRowId(job.Target + 1);
        scan.Parameters[2].Value = (long)_options.CompactionBatchSize;
        var scanned = 0;
        using var reader = scan.ExecuteReader();
        while (reader.Read())
        {
            scanned++;
            job.Cursor = reader.GetInt64(0);
            var prevRevision = reader.GetInt64(3);
            if (prevRevision > 0)
            {
                _supersededRows.Add((reader.GetString(1), prevRevision));
            }

            if (reader.GetInt64(2) != 0)
            {
                _doomedRows.Add(job.Cursor);
            }
        }

        return scanned;
    }

    private void SetMeta(string key, long value, bool when)
    {
        if (when)
        {
            var command = _writer.SetMeta;
            command.Parameters[0].Value = key;
            command.Parameters[1].Value = value;
            command.ExecuteNonQuery();
        }
    }

    private void FinishCompaction(Exception? error)
    {
        var job = _compaction!;
        _compaction = null;
        foreach (var waiter in job.Waiters)
        {
            if (error is null)
            {
                waiter.TrySetResult(CommitResult.Success(job.Target));
            }
            else
            {
                waiter.TrySetException(error);
            }
        }
    }

    private void AbandonCompaction(Exception reason)
    {
        if (_compaction is not null)
        {
            FinishCompaction(reason);
        }
    }

    private sealed class CompactionJob
    {
        public long Target { get; set; }

        /// <summary>The last row id walked.</summary>
        public long Cursor { get; set; }

        public bool Persisted { get; set; }

        public bool Vacuuming { get; set; }

        public List<PendingWrite> Waiters { get; } = [];
    }
}
