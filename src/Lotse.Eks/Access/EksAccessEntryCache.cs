using System.Collections.Concurrent;
using Lotse.Storage;

namespace Lotse.Eks.Access;

/// <summary>
/// The access entries of each served cluster, in memory, indexed the way a token identity finds them (by IAM unique id, else by
/// canonical ARN), with their policies ready to evaluate. Authentication and the access-policy authorizer read it on every
/// request; a cluster's set is loaded with one prefix list and dropped when any of its entries changes — at once by the access-entry
/// operations of this process, and through the cluster directory's store watch for changes made by other replicas.
/// </summary>
public sealed class EksAccessEntryCache
{
    private readonly ConcurrentDictionary<string, ClusterAccessEntries> _byClusterId = new(StringComparer.Ordinal);
    private readonly IStore _store;
    private long _generation;

    public EksAccessEntryCache(IStore store, EksClusterDirectory? directory = null)
    {
        _store = store;
        directory?.OnEksKeyChanged(key =>
        {
            if (key == Clusters.EksClusterRecord.AllEksPrefix)
            {
                InvalidateAll();
            }
            else if (EksAccessEntryStore.ClusterPrefixOfKey(key) is { } prefix)
            {
                Invalidate(prefix);
            }
        });
    }

    /// <summary>The entries of the cluster <paramref name="clusterId"/>, whose records live under <paramref name="prefix"/>.</summary>
    public async ValueTask<ClusterAccessEntries> GetAsync(string clusterId, string prefix, CancellationToken ct)
    {
        if (_byClusterId.TryGetValue(clusterId, out var cached))
        {
            return cached;
        }

        // An invalidation that lands while the list is read makes this load stale: use it for this request, do not keep it.
        var generation = Interlocked.Read(ref _generation);
        var listed = await _store.ListAsync(prefix, default, ct);
        var loaded = new ClusterAccessEntries(prefix, listed.Items.Select(kv => EksAccessEntryStore.Decode(kv.Value)));
        if (Interlocked.Read(ref _generation) == generation)
        {
            _byClusterId[clusterId] = loaded;
        }

        return loaded;
    }

    /// <summary>Forgets the entries stored under <paramref name="clusterPrefix"/> (an access-entry cluster prefix).</summary>
    public void Invalidate(string clusterPrefix)
    {
        Interlocked.Increment(ref _generation);
        foreach (var (id, entries) in _byClusterId)
        {
            if (entries.Prefix == clusterPrefix)
            {
                _byClusterId.TryRemove(id, out _);
            }
        }
    }

    public void InvalidateAll()
    {
        Interlocked.Increment(ref _generation);
        _byClusterId.Clear();
    }
}

/// <summary>One cluster's access entries, looked up by a token's identity.</summary>
public sealed class ClusterAccessEntries
{
    private readonly Dictionary<string, MappedAccessEntry> _byPrincipalId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MappedAccessEntry> _byCanonicalArn = new(StringComparer.OrdinalIgnoreCase);

    public ClusterAccessEntries(string prefix, IEnumerable<EksAccessEntryRecord> records)
    {
        Prefix = prefix;
        foreach (var record in records)
        {
            var mapped = new MappedAccessEntry(record);
            if (record.PrincipalId is { } id)
            {
                _byPrincipalId.TryAdd(id, mapped);
            }
            else
            {
                _byCanonicalArn.TryAdd(CanonicalOf(record.Entry.PrincipalArn), mapped);
            }
        }
    }

    public string Prefix { get; }

    /// <summary>
    /// The entry of the identity: by its unique id (so a deleted and re-created principal of the same ARN is not the same principal),
    /// or, for entries stored without an id, by canonical ARN — a role's path is dropped there, as STS's assumed-role ARNs never carry it.
    /// </summary>
    public MappedAccessEntry? Find(string principalId, string canonicalArn) =>
        _byPrincipalId.GetValueOrDefault(principalId) ?? _byCanonicalArn.GetValueOrDefault(canonicalArn);

    internal static string CanonicalOf(string principalArn) =>
        AccessEntryRules.PrincipalArn.Parse(principalArn) is { IsRole: true } role ? $"arn:aws:iam::{role.AccountId}:role/{role.Name}" : principalArn;
}

/// <summary>An access entry with its associated policies resolved to rules.</summary>
public sealed class MappedAccessEntry(EksAccessEntryRecord record)
{
    public EksAccessEntryRecord Record { get; } = record;

    public IReadOnlyList<(EksAccessPolicy Policy, AccessScope Scope)> Policies { get; } = record.AccessPolicies
        .Select(p => (EksAccessPolicies.Find(p.PolicyArn), p.AccessScope))
        .Where(p => p.Item1 is not null)
        .Select(p => (p.Item1!, p.AccessScope))
        .ToList();
}
