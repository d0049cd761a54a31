namespace Lotse.Storage;

/// <summary>
/// The one revisioned key-value store everything in Lotse lives in (EKS records, IAM principals, every
/// cluster's Kubernetes objects). Semantics follow etcd v3: one global revision counter, each commit gets
/// the next revision, reads at a past revision until compaction removes it, watches from any retained revision.
/// Implementations: SQLite (embedded default), etcd (several Lotse replicas).
/// </summary>
public interface IStore : IAsyncDisposable
{
    /// <summary>The revision of the latest commit.</summary>
    long CurrentRevision { get; }

    /// <summary>The oldest revision still readable; reads and watches below it fail with <see cref="RevisionCompactedException"/>.</summary>
    long CompactedRevision { get; }

    /// <summary>The live version of <paramref name="key"/> at <paramref name="revision"/> (0 = latest), or null.</summary>
    ValueTask<KeyValue?> GetAsync(string key, long revision = 0, CancellationToken cancellationToken = default);

    /// <summary>Live keys that start with <paramref name="prefix"/>, in key order.</summary>
    ValueTask<ListResult> ListAsync(string prefix, ListOptions options = default, CancellationToken cancellationToken = default);

    /// <summary>Number of live keys under <paramref name="prefix"/> at the latest revision.</summary>
    ValueTask<long> CountAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies all operations atomically as one revision. Acknowledged (returned) commits are durable.
    /// Concurrent callers may be group-committed into one database transaction.
    /// </summary>
    ValueTask<CommitResult> CommitAsync(IReadOnlyList<StoreOperation> operations, CancellationToken cancellationToken = default);

    /// <summary>Deletes every live key under <paramref name="prefix"/> in one revision; returns that revision (or the current one if nothing was there).</summary>
    ValueTask<long> DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>
    /// Changes under <paramref name="prefix"/> with revision &gt; <paramref name="afterRevision"/>, in strict revision order,
    /// first the retained history, then live changes, until cancelled. Throws <see cref="RevisionCompactedException"/>
    /// (on first enumeration) when <paramref name="afterRevision"/> is older than the compacted revision.
    /// </summary>
    IAsyncEnumerable<WatchEvent> Watch(string prefix, long afterRevision, CancellationToken cancellationToken = default);

    /// <summary>Discards history older than <paramref name="revision"/> (the latest version of each key is always kept).</summary>
    ValueTask CompactAsync(long revision, CancellationToken cancellationToken = default);
}
