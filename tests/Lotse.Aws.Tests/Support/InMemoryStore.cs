using System.Runtime.CompilerServices;
using Lotse.Storage;

namespace Lotse.Aws.Tests.Support;

/// <summary>A dictionary-backed <see cref="IStore"/> with etcd-like revisions, for unit tests only (no history, no watch).</summary>
public sealed class InMemoryStore : IStore
{
    private readonly SortedDictionary<string, KeyValue> _items = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public long CurrentRevision { get; private set; }

    public long CompactedRevision => 0;

    public ValueTask<KeyValue?> GetAsync(string key, long revision = 0, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_items.GetValueOrDefault(key));
        }
    }

    public ValueTask<ListResult> ListAsync(string prefix, ListOptions options = default, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var items = _items.Values
                .Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal) && (options.StartKey is null || string.CompareOrdinal(kv.Key, options.StartKey) >= 0))
                .ToList();
            var hasMore = options.Limit > 0 && items.Count > options.Limit;
            return ValueTask.FromResult(new ListResult(hasMore ? items[..options.Limit] : items, CurrentRevision, hasMore));
        }
    }

    public ValueTask<long> CountAsync(string prefix, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult((long)_items.Keys.Count(k => k.StartsWith(prefix, StringComparison.Ordinal)));
        }
    }

    public ValueTask<CommitResult> CommitAsync(IReadOnlyList<StoreOperation> operations, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            for (var i = 0; i < operations.Count; i++)
            {
                var op = operations[i];
                var current = _items.GetValueOrDefault(op.Key);
                if (op.Kind == StoreOperationKind.Create && current is not null)
                {
                    return ValueTask.FromResult(CommitResult.Failure(CommitStatus.AlreadyExists, i, current));
                }

                if (op.Kind != StoreOperationKind.Create && current is null)
                {
                    return ValueTask.FromResult(CommitResult.Failure(CommitStatus.NotFound, i, null));
                }

                if (op.Kind != StoreOperationKind.Create && op.ExpectedModRevision != 0 && current!.ModRevision != op.ExpectedModRevision)
                {
                    return ValueTask.FromResult(CommitResult.Failure(CommitStatus.Conflict, i, current));
                }
            }

            var revision = ++CurrentRevision;
            foreach (var op in operations)
            {
                if (op.Kind == StoreOperationKind.Delete)
                {
                    _items.Remove(op.Key);
                    continue;
                }

                var created = op.Kind == StoreOperationKind.Create ? revision : _items[op.Key].CreateRevision;
                _items[op.Key] = new KeyValue(op.Key, op.Value.ToArray(), created, revision);
            }

            return ValueTask.FromResult(CommitResult.Success(revision));
        }
    }

    public ValueTask<long> DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var keys = _items.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            if (keys.Count == 0)
            {
                return ValueTask.FromResult(CurrentRevision);
            }

            keys.ForEach(k => _items.Remove(k));
            return ValueTask.FromResult(++CurrentRevision);
        }
    }

    public async IAsyncEnumerable<WatchEvent> Watch(string prefix, long afterRevision, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        throw new NotSupportedException("InMemoryStore has no watch.");
#pragma warning disable CS0162 // Unreachable code: the iterator needs a yield to be one.
        yield break;
#pragma warning restore CS0162
    }

    public ValueTask CompactAsync(long revision, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
