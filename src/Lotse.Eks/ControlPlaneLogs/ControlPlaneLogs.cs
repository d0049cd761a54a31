using System.Collections.Concurrent;
using Lotse.Aws.Logs;
using Lotse.Eks.Clusters;
using Lotse.Kube.Audit;

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
/// The logging settings follow the cluster records through <see cref="EksClusterDirectory"/>, so an
/// UpdateClusterConfig that turns a type on or off applies from the next request.
/// </remarks>
public sealed class ControlPlaneLogs : IKubeAuditSink, IEksAuthenticatorLog, ILogGroupSource
{
    public const int DefaultEventsPerStream = 4096;

    public const string AuditType = "audit";

    public const string AuthenticatorType = "authenticator";

    private readonly ConcurrentDictionary<string, ClusterLogs> _byClusterId = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly int _eventsPerStream;

    public ControlPlaneLogs(EksClusterDirectory directory, TimeProvider time)
        : this(directory, time, DefaultEventsPerStream)
    {
    }

    public ControlPlaneLogs(EksClusterDirectory directory, TimeProvider time, int eventsPerStream)
    {
        _time = time;
        _eventsPerStream = eventsPerStream;
        directory.OnClusterChanged(Apply, Remove);
    }

    /// <summary>One cluster's log group and which of its types are on (read on every request, written as its record changes).</summary>
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

    /// <summary>Applies a cluster record's logging settings (the directory calls it for every record it applies).</summary>
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
}
