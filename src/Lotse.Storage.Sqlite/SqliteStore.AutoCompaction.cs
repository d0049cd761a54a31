namespace Lotse.Storage.Sqlite;

/// <summary>
/// The automatic compactor: a timer that bounds history by count and by age, so the log cannot grow without
/// limit when nobody calls <see cref="CompactAsync"/> (kine#213: 640 k rows, 4.9 GB).
/// </summary>
public sealed partial class SqliteStore
{
    private readonly List<(DateTimeOffset At, long Revision)> _revisionSamples = [];
    private readonly ITimer? _autoCompactor;
    private int _autoCompacting;

    /// <summary>The last failure of the automatic compactor (null when it last succeeded or never ran).</summary>
    public Exception? LastAutoCompactionError { get; private set; }

    private ITimer? StartAutoCompactor()
    {
        var interval = _options.AutoCompactInterval;
        return interval == TimeSpan.Zero ? null : _options.TimeProvider.CreateTimer(static state => ((SqliteStore)state!).AutoCompact(), this, interval, interval);
    }

    /// <summary>
    /// Timer tick: compact to the newest revision that is both ≥ AutoCompactKeepRevisions behind the head and
    /// older than AutoCompactKeepDuration (judged by the revision recorded at earlier ticks).
    /// </summary>
    private void AutoCompact()
    {
        if (Interlocked.Exchange(ref _autoCompacting, 1) != 0 || Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        try
        {
            var now = _options.TimeProvider.GetUtcNow();
            var current = CurrentRevision;
            var target = current - _options.AutoCompactKeepRevisions;
            if (_options.AutoCompactKeepDuration > TimeSpan.Zero)
            {
                var cutoff = now - _options.AutoCompactKeepDuration;
                var newestOld = -1;
                while (newestOld + 1 < _revisionSamples.Count && _revisionSamples[newestOld + 1].At <= cutoff)
                {
                    newestOld++;
                }

                if (newestOld >= 0)
                {
                    // Older samples are no longer needed; the newest old-enough one stays for the next tick.
                    target = Math.Min(target, _revisionSamples[newestOld].Revision);
                    _revisionSamples.RemoveRange(0, newestOld);
                }
                else
                {
                    target = -1;
                }
            }

            _revisionSamples.Add((now, current));
            if (target > CompactedRevision)
            {
                _ = RunAutoCompaction(target);
            }
        }
        finally
        {
            Volatile.Write(ref _autoCompacting, 0);
        }
    }

    private async Task RunAutoCompaction(long target)
    {
        try
        {
            await CompactAsync(target).ConfigureAwait(false);
            LastAutoCompactionError = null;
        }
        catch (Exception ex)
        {
            LastAutoCompactionError = ex; // retried at the next tick
        }
    }
}
