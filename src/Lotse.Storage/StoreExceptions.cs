namespace Lotse.Storage;

/// <summary>A read or watch asked for a revision that compaction has removed (Kubernetes answers 410 Gone).</summary>
public sealed class RevisionCompactedException(long requested, long compacted)
    : Exception($"required revision {requested} has been compacted (compacted revision {compacted})")
{
    public long Requested { get; } = requested;

    public long CompactedRevision { get; } = compacted;
}

/// <summary>A read asked for a revision newer than the store has (Kubernetes answers 504 "Too large resource version").</summary>
public sealed class RevisionTooLargeException(long requested, long current)
    : Exception($"Too large resource version: {requested}, current: {current}")
{
    public long Requested { get; } = requested;

    public long Current { get; } = current;
}
