namespace Lotse.Storage.Sqlite;

/// <summary>Tuning of a <see cref="SqliteStore"/>. The defaults suit a production server; tests shrink them.</summary>
public sealed record SqliteStoreOptions
{
    /// <summary>Clock of the automatic compactor (a fake one in tests).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// How often the automatic compactor runs; <see cref="TimeSpan.Zero"/> disables it. Five minutes as
    /// kube-apiserver compacts etcd, so a watch can resume after a few minutes of disconnection.
    /// </summary>
    public TimeSpan AutoCompactInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The automatic compactor always keeps at least this many latest revisions.</summary>
    public long AutoCompactKeepRevisions { get; init; } = 10_000;

    /// <summary>
    /// The automatic compactor also keeps every revision younger than this (judged by the revision seen at
    /// earlier runs), so a burst of writes cannot compact away what a watcher saw a moment ago.
    /// </summary>
    public TimeSpan AutoCompactKeepDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Most commits applied in one SQLite transaction (one fsync). 1 turns group commit off (for measuring it).
    /// 256: a 64-writer burst fits in one batch while one transaction stays well under a millisecond of CPU.
    /// </summary>
    public int MaxBatchSize { get; init; } = 256;

    /// <summary>
    /// Events buffered per watcher before the watcher is ended with <see cref="WatchOverflowException"/>
    /// (the client then re-watches from its last revision). 10,000 events of ~1 KB ≈ 10 MB worst case per watcher.
    /// </summary>
    public int WatchBufferSize { get; init; } = 10_000;

    /// <summary>Log rows examined per compaction step; commits run between steps, so compaction never stalls writers for long.</summary>
    public int CompactionBatchSize { get; init; } = 2_000;

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(AutoCompactInterval, TimeSpan.Zero, nameof(AutoCompactInterval));
        ArgumentOutOfRangeException.ThrowIfNegative(AutoCompactKeepRevisions, nameof(AutoCompactKeepRevisions));
        ArgumentOutOfRangeException.ThrowIfLessThan(AutoCompactKeepDuration, TimeSpan.Zero, nameof(AutoCompactKeepDuration));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchSize, 1, nameof(MaxBatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(WatchBufferSize, 1, nameof(WatchBufferSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(CompactionBatchSize, 1, nameof(CompactionBatchSize));
    }
}
