using System.Collections.Concurrent;
using Lotse.Aws.Logs;
using Lotse.Eks.Clusters;
using Lotse.Kube.Audit;
using Lotse.Storage;
using Microsoft.Extensions.Logging;

namespace Lotse.Eks.ControlPlaneLogs;

/// <summary>
/// What EKS sends to CloudWatch Logs for the <c>audit</c> and <c>authenticator</c> control-plane log types: per
/// cluster a log group <c>/aws/eks/&lt;name&gt;/cluster</c> with the streams <c>kube-apiserver-audit-&lt;id&gt;</c> and
/// <c>authenticator-&lt;id&gt;</c>, kept only while the cluster's logging enables that type, as EKS does.
/// </summary>
/// <remarks>
/// Memory is bounded: each stream keeps the latest <see cref="DefaultEventsPerStream"/> events in a ring (about
/// 1–2 KB each once formatted, so a few MB per busy cluster), and events are formatted only when read. They live in
/// memory only: a restart starts every stream empty (a store write per Kubernetes request would cost more than
/// the log is worth). The log group goes with its cluster: deleting the cluster deletes it (CloudWatch would keep it).
/// The logging settings come from a store watch on the cluster records, so an UpdateClusterConfig that turns a type
/// on or off applies from the next request.
/// </remarks>
public sealed class ControlPlaneLogs : IKubeAuditSink, IEksAuthenticatorLog, ILogGroupSource, IAsyncDisposable
{
    public const int DefaultEventsPerStream = 4096;

    public const string AuditType = "audit";

    public const string AuthenticatorType = "authenticator";

    private readonly ConcurrentDictionary<string, ClusterLogs> _byClusterId = new(StringComparer.Ordinal);
    private readonly EksClusterStore _clusters;
    private readonly TimeProvider _time;
    private readonly ILogger<ControlPlaneLogs> _logger;
    private readonly int _eventsPerStream;
    private readonly CancellationTokenSource _stopping = new();
    private Task _watching = Task.CompletedTask;
    private int _disposed;

    public ControlPlaneLogs(EksClusterStore clusters, TimeProvider time, ILogger<ControlPlaneLogs> logger)
        : this(clusters, time, logger, DefaultEventsPerStream)
    {
    }

    public ControlPlaneLogs(EksClusterStore clusters, TimeProvider time, ILogger<ControlPlaneLogs> logger, int eventsPerStream)
    {
        _clusters = clusters;
        _time = time;
        _logger = logger;
        _eventsPerStream = eventsPerStream;
    }

    /// <summary>One cluster's log group and which of its types are on (read on every request, written by the watch).</summary>
    private sealed class ClusterLogs(string clusterId, LogGroup group)
    {
        public string ClusterId { get; } = clusterId;

        public LogGroup Group { get; } = group;

        public volatile LogStream? Audit;

        public volatile LogStream? Authenticator;
    }

    public static string LogGroupName(string clusterName) => $"/aws/eks/{clusterName}/cluster";

    public static string AuditStreamName(string clusterId) => $"kube-apiserver-audit-{clusterId.ToLowerInvariant()}";

    public static string AuthenticatorStreamName(string clusterId) => $"authenticator-{clusterId.ToLowerInvariant()}";

    /// <summary>Loads every cluster's logging settings, then follows changes with a store watch.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        var (records, revision) = await _clusters.ListAllAsync(ct);
        records.ForEach(Apply);
        _watching = Task.Run(() => WatchAsync(revision, _stopping.Token), CancellationToken.None);
    }

    /// <summary>Applies a cluster record's logging settings now (the watch would do it moments later).</summary>
    public void Apply(EksClusterRecord record)
    {
        var enabled = EnabledTypes(record.Cluster.Logging);
        if (enabled.Count == 0 && !_byClusterId.ContainsKey(record.Id))
        {
            return;
        }

        // EKS creates the log group the first time any type is enabled; it stays while the cluster lives.
        var logs = _byClusterId.GetOrAdd(record.Id, id => new ClusterLogs(id, new LogGroup(
            LogGroupName(record.Cluster.Name), record.AccountId, record.Region, (long)(record.Cluster.CreatedAt * 1000))));
        logs.Audit = enabled.Contains(AuditType) ? Stream(logs, AuditStreamName(record.Id), AuditEventFormatter.Format) : null;
        logs.Authenticator = enabled.Contains(AuthenticatorType) ? Stream(logs, AuthenticatorStreamName(record.Id), AuthenticatorLogFormatter.Format) : null;
    }

    public void Remove(string clusterId) => _byClusterId.TryRemove(clusterId, out _);

    public void Record(KubeAuditEvent auditEvent)
    {
        if (_byClusterId.TryGetValue(auditEvent.Cluster.Id, out var logs) && logs.Audit is { } stream)
        {
            stream.Events.Add(auditEvent.Completed.ToUnixTimeMilliseconds(), _time.GetUtcNow().ToUnixTimeMilliseconds(), auditEvent);
        }
    }

    public void Record(EksAuthenticatorEvent authenticatorEvent)
    {
        if (_byClusterId.TryGetValue(authenticatorEvent.ClusterId, out var logs) && logs.Authenticator is { } stream)
        {
            stream.Events.Add(authenticatorEvent.Time.ToUnixTimeMilliseconds(), _time.GetUtcNow().ToUnixTimeMilliseconds(), authenticatorEvent);
        }
    }

    public IEnumerable<LogGroup> LogGroups(string accountId, string region) =>
        _byClusterId.Values.Select(l => l.Group).Where(g => g.AccountId == accountId && g.Region == region);

    private LogStream Stream(ClusterLogs logs, string name, Func<object, string> format) =>
        logs.Group.GetOrAddStream(name, () => new LogStream(name, _time.GetUtcNow().ToUnixTimeMilliseconds(), _eventsPerStream, format));

    private static HashSet<string> EnabledTypes(Logging? logging) =>
        (logging?.ClusterLogging ?? []).Where(s => s.Enabled == true).SelectMany(s => s.Types ?? []).ToHashSet(StringComparer.Ordinal);

    private async Task WatchAsync(long afterRevision, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await foreach (var change in _clusters.Store.Watch(EksClusterRecord.AllEksPrefix, afterRevision, ct))
                {
                    afterRevision = change.Kv.ModRevision;
                    if (!EksClusterRecord.IsClusterKey(change.Kv.Key))
                    {
                        continue;
                    }

                    var record = EksClusterStore.Decode(change.Kv.Value);
                    if (change.Type == WatchEventType.Delete)
                    {
                        Remove(record.Id);
                    }
                    else
                    {
                        Apply(record);
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (RevisionCompactedException)
            {
                var (records, revision) = await _clusters.ListAllAsync(ct);
                var live = records.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
                foreach (var gone in _byClusterId.Keys.Where(id => !live.Contains(id)))
                {
                    Remove(gone);
                }

                records.ForEach(Apply);
                afterRevision = revision;
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "Control-plane log settings watch ended; restarting");
                await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        try
        {
            await _watching;
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
    }
}
