namespace Lotse.Storage.Sqlite;

internal enum PendingWriteKind
{
    Commit,
    DeletePrefix,
    Compact,
}

/// <summary>
/// One queued request for the writer thread. It is its own completion source, so a commit costs one
/// allocation besides the caller's operation list. Continuations run asynchronously: the writer thread
/// must never execute caller code (that would stall every other queued commit behind it).
/// </summary>
internal sealed class PendingWrite : TaskCompletionSource<CommitResult>
{
    private PendingWrite(PendingWriteKind kind, IReadOnlyList<StoreOperation>? operations, string? prefix, long revision, CancellationToken cancellationToken)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        Kind = kind;
        Operations = operations;
        Prefix = prefix;
        Revision = revision;
        CancellationToken = cancellationToken;
    }

    public PendingWriteKind Kind { get; }

    public IReadOnlyList<StoreOperation>? Operations { get; }

    public string? Prefix { get; }

    /// <summary>For <see cref="PendingWriteKind.Compact"/>: the revision to compact to.</summary>
    public long Revision { get; }

    /// <summary>Checked when the writer dequeues the request: a cancelled request is dropped unapplied, never half-done.</summary>
    public CancellationToken CancellationToken { get; }

    public static PendingWrite Commit(IReadOnlyList<StoreOperation> operations, CancellationToken cancellationToken) =>
        new(PendingWriteKind.Commit, operations, null, 0, cancellationToken);

    public static PendingWrite DeletePrefix(string prefix, CancellationToken cancellationToken) =>
        new(PendingWriteKind.DeletePrefix, null, prefix, 0, cancellationToken);

    public static PendingWrite Compact(long revision, CancellationToken cancellationToken) =>
        new(PendingWriteKind.Compact, null, null, revision, cancellationToken);
}
