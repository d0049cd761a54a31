using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Lotse.Storage.Sqlite;

/// <summary>
/// The embedded <see cref="IStore"/>: a kine-style append-only log in one SQLite file (see <see cref="LogSchema"/>).
/// One writer thread applies queued commits in batches (group commit: one transaction and one fsync for many
/// callers); any number of pooled read connections serve Get/List/Count/watch history concurrently (WAL).
/// Values handed to <see cref="CommitAsync"/> are read during the call; the store keeps no reference to them.
/// </summary>
public sealed partial class SqliteStore : IStore
{
    private readonly string _connectionString;
    private readonly SqliteStoreOptions _options;
    private readonly FileStream _lockFile;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions
    {
        SingleReader = true,
        AllowSynchronousContinuations = false,
    });

    private readonly ConcurrentBag<ReadSession> _idleReaders = [];
    private readonly Thread _writerThread;
    private readonly TaskCompletionSource _writerStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ImmutableArray<Watcher> _watchers = [];
    private long _currentRevision;
    private long _compactedRevision;
    private int _disposed;

    private SqliteStore(string connectionString, SqliteStoreOptions options, FileStream lockFile, SqliteConnection writer, long current, long compacted, long compactedThrough)
    {
        _connectionString = connectionString;
        _options = options;
        _lockFile = lockFile;
        _currentRevision = current;
        _compactedRevision = compacted;
        _compactedThrough = compactedThrough;
        _writer = new WriterStatements(writer);
        _writerThread = new Thread(WriterLoop) { IsBackground = true, Name = "lotse-sqlite-writer" };
        _writerThread.Start();
        _autoCompactor = StartAutoCompactor();
    }

    public long CurrentRevision => Volatile.Read(ref _currentRevision);

    public long CompactedRevision => Volatile.Read(ref _compactedRevision);

    /// <summary>Opens (creating if missing) the database at <paramref name="databasePath"/>. One store per file:
    /// a second open of the same file, in this or another process, fails while the first is open.</summary>
    public static Task<SqliteStore> OpenAsync(string databasePath, SqliteStoreOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        options ??= new SqliteStoreOptions();
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();

        var fullPath = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        // The writer keeps the revision counter in memory, so two stores on one file would hand out the same
        // revision twice. An exclusive lock file (flock on Linux, released by the kernel on kill -9) prevents it.
        FileStream lockFile;
        try
        {
            lockFile = new FileStream(fullPath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException($"the database '{databasePath}' is already open in another store", ex);
        }

        // Pooling off: this store pools its own read sessions with prepared statements.
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString();

        SqliteConnection? writer = null;
        try
        {
            writer = new SqliteConnection(connectionString);
            writer.Open();
            var (current, compacted, through) = LogSchema.Initialize(writer);
            return Task.FromResult(new SqliteStore(connectionString, options, lockFile, writer, current, compacted, through));
        }
        catch
        {
            writer?.Dispose();
            lockFile.Dispose();
            throw;
        }
    }

    public ValueTask<CommitResult> CommitAsync(IReadOnlyList<StoreOperation> operations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ValidateOperations(operations);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<CommitResult>(cancellationToken);
        }

        return Enqueue(PendingWrite.Commit(operations, cancellationToken));
    }

    public async ValueTask<long> DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var result = await Enqueue(PendingWrite.DeletePrefix(prefix, cancellationToken)).ConfigureAwait(false);
        return result.Revision;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Commits already queued are still applied; the writer exits once the queue is empty.
        _queue.Writer.TryComplete();
        await _writerStopped.Task.ConfigureAwait(false);
        if (_autoCompactor is not null)
        {
            await _autoCompactor.DisposeAsync().ConfigureAwait(false);
        }

        var closed = new ObjectDisposedException(nameof(SqliteStore), "the store was closed; re-watch after reopening");
        foreach (var watcher in ImmutableInterlocked.InterlockedExchange(ref _watchers, []))
        {
            watcher.Close(closed);
        }

        while (_idleReaders.TryTake(out var session))
        {
            session.Dispose();
        }

        await _lockFile.DisposeAsync().ConfigureAwait(false);
    }

    private ValueTask<CommitResult> Enqueue(PendingWrite write)
    {
        if (Volatile.Read(ref _disposed) != 0 || !_queue.Writer.TryWrite(write))
        {
            throw _writerFailure is { } failure
                ? new InvalidOperationException("the store's writer failed; reopen the store", failure)
                : new ObjectDisposedException(nameof(SqliteStore));
        }

        return new ValueTask<CommitResult>(write.Task);
    }

    private static void ValidateOperations(IReadOnlyList<StoreOperation> operations)
    {
        var count = operations.Count;
        if (count == 0)
        {
            throw new ArgumentException("a commit needs at least one operation", nameof(operations));
        }

        if (count > LogSchema.MaxOperationsPerCommit)
        {
            throw new ArgumentException($"a commit may hold at most {LogSchema.MaxOperationsPerCommit} operations", nameof(operations));
        }

        for (var i = 0; i < count; i++)
        {
            ArgumentException.ThrowIfNullOrEmpty(operations[i].Key, nameof(operations));
        }

        // Like etcd ("duplicate key given in txn request"): one key at most once per commit, because every row of
        // a commit has the same revision and a key has at most one version per revision. Quadratic check for the
        // common tiny commits (no allocation), a set for big ones.
        if (count <= 16)
        {
            for (var i = 1; i < count; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (string.Equals(operations[i].Key, operations[j].Key, StringComparison.Ordinal))
                    {
                        throw DuplicateKey(operations[i].Key);
                    }
                }
            }
        }
        else
        {
            var seen = new HashSet<string>(count, StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                if (!seen.Add(operations[i].Key))
                {
                    throw DuplicateKey(operations[i].Key);
                }
            }
        }
    }

    private static ArgumentException DuplicateKey(string key) =>
        new($"duplicate key '{key}' in one commit", "operations");
}
