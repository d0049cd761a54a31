using System.Collections.Concurrent;
using Lotse.Eks.Clusters;
using Lotse.Kube;
using Lotse.Storage;
using Microsoft.Extensions.Logging;

namespace Lotse.Eks;

/// <summary>
/// The clusters the Kubernetes endpoint serves, by id: an in-memory map (the hot path of every Kubernetes request)
/// loaded from the store and kept current by a store watch, so that with a shared etcd a cluster created
/// through one Lotse replica is served by all of them.
/// </summary>
public sealed class EksClusterDirectory(EksClusterStore clusters, ILogger<EksClusterDirectory> logger) : IKubeClusterDirectory, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ServedCluster> _byId = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private Task _watching = Task.CompletedTask;
    private int _disposed;

    /// <summary>A served cluster with what authentication needs beside the Kubernetes view.</summary>
    public sealed record ServedCluster(KubeCluster Kube, string CreatorArn, string AccountId, string Issuer, ServiceAccountKey SigningKey)
    {
        public string Region { get; init; } = "";

        /// <summary>CONFIG_MAP, API_AND_CONFIG_MAP or API: which identity mappings authentication consults.</summary>
        public string AuthenticationMode { get; init; } = "CONFIG_MAP";

        /// <summary>Whether the creator is the implicit admin of a CONFIG_MAP cluster (bootstrapClusterCreatorAdminPermissions).</summary>
        public bool CreatorIsAdmin { get; init; } = true;

        public string? CreatorPrincipalId { get; init; }
    }

    private Action<string>? _eksKeyChanged;
    private Action<EksClusterRecord>? _recordApplied;
    private Action<string>? _clusterRemoved;

    /// <summary>
    /// Called from the store watch with the key of every change under <c>/aws/eks/</c> (<see cref="EksClusterRecord.AllEksPrefix"/>
    /// itself after a reload), so caches of per-cluster records (access entries) learn of changes made by other replicas.
    /// </summary>
    public void OnEksKeyChanged(Action<string> listener) => _eksKeyChanged += listener;

    /// <summary>
    /// Follows cluster records through this directory instead of a store watch of one's own: <paramref name="applied"/> gets
    /// every record the directory applies, whatever its status (writes of this process at once, other replicas' through
    /// the watch); <paramref name="removed"/> the id of every cluster it forgets (deleting, deleted, gone after a reload).
    /// Subscribe before <see cref="StartAsync"/> to see the initial load.
    /// </summary>
    public void OnClusterChanged(Action<EksClusterRecord> applied, Action<string> removed)
    {
        _recordApplied += applied;
        _clusterRemoved += removed;
    }

    public KubeCluster? Find(string clusterId) => _byId.TryGetValue(clusterId, out var served) ? served.Kube : null;

    public ServedCluster? FindServed(string clusterId) => _byId.GetValueOrDefault(clusterId);

    public int Count => _byId.Count;

    public async Task StartAsync(CancellationToken ct)
    {
        var (records, revision) = await clusters.ListAllAsync(ct);
        foreach (var record in records)
        {
            Apply(record);
        }

        _watching = Task.Run(() => WatchAsync(revision, _stopping.Token), CancellationToken.None);
    }

    public void Upsert(EksClusterRecord record) => Apply(record);

    public void Remove(string clusterId)
    {
        _byId.TryRemove(clusterId, out _);
        _clusterRemoved?.Invoke(clusterId);
    }

    private void Apply(EksClusterRecord record)
    {
        if (ClusterStatus.IsServing(record.Cluster.Status))
        {
            var signingKey = _byId.TryGetValue(record.Id, out var known) ? known.SigningKey : ServiceAccountKey.FromPem(record.ServiceAccountSigningKeyPem);
            _byId[record.Id] = new ServedCluster(EksClusterService.ToKubeCluster(record), record.CreatorArn, record.AccountId, record.Cluster.Identity.Oidc.Issuer, signingKey)
            {
                Region = record.Region,
                AuthenticationMode = Access.AccessEntryTypes.ModeOf(record.Cluster),
                CreatorIsAdmin = record.Cluster.AccessConfig.BootstrapClusterCreatorAdminPermissions != false,
                CreatorPrincipalId = record.CreatorPrincipalId,
            };
        }
        else
        {
            _byId.TryRemove(record.Id, out _);
        }

        _recordApplied?.Invoke(record);
    }

    private async Task WatchAsync(long afterRevision, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await foreach (var change in clusters.Store.Watch(EksClusterRecord.AllEksPrefix, afterRevision, ct))
                {
                    afterRevision = change.Kv.ModRevision;
                    _eksKeyChanged?.Invoke(change.Kv.Key);
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
                // Fell too far behind: reload everything and watch on from the reload's revision.
                var (records, revision) = await clusters.ListAllAsync(ct);
                var live = records.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
                foreach (var gone in _byId.Keys.Where(id => !live.Contains(id)))
                {
                    Remove(gone);
                }

                _byId.Clear();
                records.ForEach(Apply);
                afterRevision = revision;
                _eksKeyChanged?.Invoke(EksClusterRecord.AllEksPrefix);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Cluster directory watch ended; restarting");
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
