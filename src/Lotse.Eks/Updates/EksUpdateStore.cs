using System.Text.Json;
using Lotse.Eks.Clusters;
using Lotse.Storage;

namespace Lotse.Eks.Updates;

/// <summary>
/// Where updates live: <c>/aws/eks/&lt;account&gt;/&lt;region&gt;/update/&lt;cluster&gt;/control-plane/&lt;id&gt;</c> for the cluster's own,
/// <c>…/nodegroup/&lt;nodegroup&gt;/&lt;id&gt;</c> for a node group's, <c>…/addon/&lt;addon&gt;/&lt;id&gt;</c> for an add-on's. One prefix per cluster, so deleting a cluster
/// (or a node group) drops its history and a re-created one of the same name starts clean.
/// </summary>
public sealed class EksUpdateStore(IStore store)
{
    public IStore Store { get; } = store;

    public static string ClusterPrefix(string accountId, string region, string cluster) =>
        $"{EksClusterRecord.RegionPrefix(accountId, region)}update/{cluster}/";

    /// <summary>The updates of the control plane (<paramref name="nodegroup"/> null) or of one node group.</summary>
    public static string ScopePrefix(string accountId, string region, string cluster, string? nodegroup) =>
        ClusterPrefix(accountId, region, cluster) + (nodegroup is null ? "control-plane/" : $"nodegroup/{nodegroup}/");

    /// <summary>The updates of one add-on (UpdateAddon), at <c>…/update/&lt;cluster&gt;/addon/&lt;addon&gt;/&lt;id&gt;</c>.</summary>
    public static string AddonScopePrefix(string accountId, string region, string cluster, string addon) =>
        ClusterPrefix(accountId, region, cluster) + $"addon/{addon}/";

    public async ValueTask<(EksUpdate Update, long Revision)?> GetAsync(string scopePrefix, string id, CancellationToken ct)
    {
        // Ids are uuids; anything with a separator cannot name a stored update (and must not escape the scope).
        if (id.Length == 0 || id.Contains('/', StringComparison.Ordinal))
        {
            return null;
        }

        var kv = await Store.GetAsync(scopePrefix + id, 0, ct);
        return kv is null ? null : (Decode(kv.Value), kv.ModRevision);
    }

    /// <summary>Every update of a scope, oldest first (a scope holds a handful; paging happens in memory).</summary>
    public async ValueTask<List<EksUpdate>> ListAsync(string scopePrefix, CancellationToken ct)
    {
        var result = await Store.ListAsync(scopePrefix, default, ct);
        return result.Items.Where(kv => !kv.Key[scopePrefix.Length..].Contains('/', StringComparison.Ordinal))
            .Select(kv => Decode(kv.Value))
            .OrderBy(u => u.CreatedAt).ThenBy(u => u.Id, StringComparer.Ordinal)
            .ToList();
    }

    public async ValueTask<EksUpdate?> FindInProgressAsync(string scopePrefix, CancellationToken ct) =>
        (await ListAsync(scopePrefix, ct)).LastOrDefault(u => u.Status == UpdateStatus.InProgress);

    /// <summary>
    /// The update a <c>clientRequestToken</c> already produced in this scope, if any. Token keys sit under the scope
    /// (<c>…/token/&lt;token&gt;</c>), so they go when the cluster or node group goes, and never show as updates.
    /// </summary>
    public async ValueTask<EksUpdate?> FindByTokenAsync(string scopePrefix, string token, CancellationToken ct)
    {
        var kv = await Store.GetAsync(TokenKey(scopePrefix, token), 0, ct);
        return kv is null ? null : (await GetAsync(scopePrefix, System.Text.Encoding.UTF8.GetString(kv.Value.Span), ct))?.Update;
    }

    /// <summary>Records which update <paramref name="token"/> produced; a Create, so two calls with one token cannot both commit.</summary>
    public static StoreOperation RememberToken(string scopePrefix, string token, string updateId) =>
        StoreOperation.Create(TokenKey(scopePrefix, token), System.Text.Encoding.UTF8.GetBytes(updateId));

    private static string TokenKey(string scopePrefix, string token) => $"{scopePrefix}token/{Uri.EscapeDataString(token)}";

    public static StoreOperation Create(string scopePrefix, EksUpdate update) => StoreOperation.Create(scopePrefix + update.Id, Encode(update));

    /// <summary>Marks an update Successful; revision 0 because only the owner's CAS-guarded transition writes it.</summary>
    public static StoreOperation Complete(string scopePrefix, EksUpdate update)
    {
        update.Status = UpdateStatus.Successful;
        return StoreOperation.Update(scopePrefix + update.Id, Encode(update), 0);
    }

    public static byte[] Encode(EksUpdate update) => JsonSerializer.SerializeToUtf8Bytes(update, EksJson.Options);

    public static EksUpdate Decode(ReadOnlyMemory<byte> value) =>
        JsonSerializer.Deserialize<EksUpdate>(value.Span, EksJson.Options) ?? throw new InvalidDataException("empty update record");

    /// <summary>A deep copy: the response is the state at the moment of the call, not what later commits make of it.</summary>
    public static EksUpdate Snapshot(EksUpdate update) => Decode(Encode(update));
}
