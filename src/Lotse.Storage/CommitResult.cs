namespace Lotse.Storage;

/// <summary>Why a commit did not apply. Failures are values, not exceptions: conflicts are normal traffic.</summary>
public enum CommitStatus
{
    Ok,

    /// <summary>A <see cref="StoreOperationKind.Create"/> found the key already present.</summary>
    AlreadyExists,

    /// <summary>An update or delete found no such key.</summary>
    NotFound,

    /// <summary>An update or delete found the key at another revision than expected.</summary>
    Conflict,
}

/// <summary>The outcome of <see cref="IStore.CommitAsync"/>.</summary>
/// <param name="Status">Ok, or the first reason an operation could not apply (then nothing was written).</param>
/// <param name="Revision">The revision of the commit; every operation of it carries this revision. Zero on failure.</param>
/// <param name="FailedIndex">Index of the operation that failed, or -1.</param>
/// <param name="Current">On failure, the current version of the failed key, if it exists.</param>
public readonly record struct CommitResult(CommitStatus Status, long Revision, int FailedIndex, KeyValue? Current)
{
    public bool Succeeded => Status == CommitStatus.Ok;

    public static CommitResult Success(long revision) => new(CommitStatus.Ok, revision, -1, null);

    public static CommitResult Failure(CommitStatus status, int index, KeyValue? current) => new(status, 0, index, current);
}
