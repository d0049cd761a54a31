using Lotse.Kube.Serialization;
using Lotse.Storage;

namespace Lotse.Kube.Rbac;

/// <summary>
/// One cluster's RBAC objects in memory: listed once at revision R, then kept fresh by a store watch on the cluster's
/// <c>rbac.authorization.k8s.io</c> key prefix from R. Writes made through this process are applied as soon as they
/// commit (<see cref="ApplyCommitted"/>), so the very next request sees them without waiting for the watch; each key
/// remembers the revision it was last changed at, so the watch delivering the same change later is a no-op and
/// nothing ever goes back in time.
/// </summary>
internal sealed class RbacClusterPolicy
{
    /// <summary>A deletion (typed, so it does not become an empty <see cref="ReadOnlyMemory{T}"/> through the array conversion).</summary>
    private static readonly ReadOnlyMemory<byte>? NoValue = null;

    private readonly IStore _store;
    private readonly string _prefix;
    private readonly Action<RbacClusterPolicy> _dropped;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lazy<Task> _loaded;
    private RbacPolicySnapshot? _snapshot;
    private int _live;
    private int _tombstones;

    public RbacClusterPolicy(IStore store, KubeCluster cluster, Action<RbacClusterPolicy> dropped)
    {
        _store = store;
        _prefix = Prefix(cluster);
        _dropped = dropped;
        ClusterId = cluster.Id;
        _loaded = new Lazy<Task>(LoadAsync);
    }

    public string ClusterId { get; }

    /// <summary>
    /// Completes when the initial list is applied and the watch is running; the first access starts loading (so an
    /// instance that lost a race to be cached never lists or watches anything).
    /// </summary>
    public Task Loaded => _loaded.Value;

    /// <summary>The compiled policy as of everything applied so far (rebuilt lazily after a change).</summary>
    public RbacPolicySnapshot Snapshot
    {
        get
        {
            var snapshot = Volatile.Read(ref _snapshot);
            if (snapshot is not null)
            {
                return snapshot;
            }

            lock (_gate)
            {
                return _snapshot ??= Compile();
            }
        }
    }

    public static string Prefix(KubeCluster cluster) => $"{cluster.StoragePrefix}registry/rbac.authorization.k8s.io/";

    /// <summary>Applies the RBAC writes of a commit this process made, right after it succeeded.</summary>
    public void ApplyCommitted(IEnumerable<StoreOperation> operations, long revision)
    {
        lock (_gate)
        {
            foreach (var operation in operations)
            {
                if (operation.Key.StartsWith(_prefix, StringComparison.Ordinal))
                {
                    Apply(operation.Key, revision, operation.Kind == StoreOperationKind.Delete ? NoValue : operation.Value);
                }
            }
        }
    }

    public void Stop() => _stop.Cancel();

    private async Task LoadAsync()
    {
        var list = await _store.ListAsync(_prefix, default, CancellationToken.None);
        lock (_gate)
        {
            foreach (var kv in list.Items)
            {
                Apply(kv.Key, kv.ModRevision, kv.Value);
            }
        }

        _ = Task.Run(() => WatchAsync(list.Revision));
    }

    private async Task WatchAsync(long fromRevision)
    {
        try
        {
            await foreach (var change in _store.Watch(_prefix, fromRevision, _stop.Token))
            {
                bool empty;
                lock (_gate)
                {
                    Apply(change.Kv.Key, change.Kv.ModRevision, change.Type == WatchEventType.Delete ? NoValue : change.Kv.Value);
                    ForgetTombstones(change.Kv.ModRevision);
                    empty = _live == 0;
                }

                // A deleted cluster loses every key at once; a cluster still in use simply loads again on its next request.
                if (empty)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception)
        {
            // Compaction past our revision, a watch overflow or a closing store: forget this copy, the next request reloads.
        }

        _dropped(this);
    }

    private void Apply(string key, long revision, ReadOnlyMemory<byte>? value)
    {
        if (_entries.TryGetValue(key, out var existing) && existing.Revision >= revision)
        {
            return;
        }

        var entry = value is { } bytes ? Parse(key, revision, bytes) : new Entry(revision, EntryKind.Deleted, "", "", [], null);
        if (existing is not null)
        {
            _ = existing.Kind == EntryKind.Deleted ? _tombstones-- : _live--;
        }

        _ = entry.Kind == EntryKind.Deleted ? _tombstones++ : _live++;

        _entries[key] = entry;
        _snapshot = null;
    }

    /// <summary>A deletion only needs remembering until the watch has passed its revision.</summary>
    private void ForgetTombstones(long watchedRevision)
    {
        if (_tombstones == 0)
        {
            return;
        }

        List<string>? forget = null;
        foreach (var (key, entry) in _entries)
        {
            if (entry.Kind == EntryKind.Deleted && entry.Revision <= watchedRevision)
            {
                (forget ??= []).Add(key);
            }
        }

        forget?.ForEach(key => _entries.Remove(key));
        _tombstones -= forget?.Count ?? 0;
    }

    private Entry Parse(string key, long revision, ReadOnlyMemory<byte> bytes)
    {
        var relative = key.AsSpan(_prefix.Length);
        var slash = relative.IndexOf('/');
        var resource = slash < 0 ? "" : relative[..slash].ToString();
        var obj = ObjectBytes.Parse(bytes, revision);
        return resource switch
        {
            "clusterroles" => new Entry(revision, EntryKind.ClusterRole, "", obj.Name(), Rules(obj), null),
            "roles" => new Entry(revision, EntryKind.Role, obj.Namespace(), obj.Name(), Rules(obj), null),
            "clusterrolebindings" or "rolebindings" => new Entry(revision, EntryKind.Binding, obj.Namespace(), obj.Name(), [], RbacBinding.FromJson(obj)),
            _ => new Entry(revision, EntryKind.Other, "", "", [], null),
        };
    }

    private static RbacPolicyRule[] Rules(System.Text.Json.Nodes.JsonObject role) =>
        Array.ConvertAll(RbacPolicyRule.ListFromJson(role), RbacPolicyRule.Intern);

    private RbacPolicySnapshot Compile()
    {
        var clusterRoles = new Dictionary<string, RbacPolicyRule[]>(StringComparer.Ordinal);
        var roles = new Dictionary<(string, string), RbacPolicyRule[]>();
        var bindings = new List<RbacBinding>();
        foreach (var entry in _entries.Values)
        {
            switch (entry.Kind)
            {
                case EntryKind.ClusterRole:
                    clusterRoles[entry.Name] = entry.Rules;
                    break;
                case EntryKind.Role:
                    roles[(entry.Namespace, entry.Name)] = entry.Rules;
                    break;
                case EntryKind.Binding:
                    bindings.Add(entry.Binding!);
                    break;
            }
        }

        return RbacPolicySnapshot.Build(clusterRoles, roles, bindings);
    }

    private enum EntryKind
    {
        Deleted,
        ClusterRole,
        Role,
        Binding,
        Other,
    }

    private sealed record Entry(long Revision, EntryKind Kind, string Namespace, string Name, RbacPolicyRule[] Rules, RbacBinding? Binding);
}

