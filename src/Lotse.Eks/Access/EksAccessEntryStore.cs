using Lotse.Storage;

namespace Lotse.Eks.Access;

/// <summary>
/// Access entries, at <c>/aws/eks/&lt;account&gt;/&lt;region&gt;/access-entry/&lt;cluster&gt;/&lt;percent-encoded principal ARN&gt;</c>:
/// the encoded ARN is one key segment, so one entry per principal ARN is the store's create-if-absent.
/// </summary>
public sealed class EksAccessEntryStore(IStore store) : EksClusterChildStore<EksAccessEntryRecord>(store, Segment)
{
    public const string Segment = "access-entry";

    public static string ClusterPrefix(string accountId, string region, string cluster) => PrefixOf(Segment, accountId, region, cluster);

    public static string NameOf(string principalArn) => Uri.EscapeDataString(principalArn);

    public static string Key(string accountId, string region, string cluster, string principalArn) =>
        ClusterPrefix(accountId, region, cluster) + NameOf(principalArn);

    public ValueTask<(EksAccessEntryRecord Record, long Revision)?> FindAsync(string accountId, string region, string cluster, string principalArn, CancellationToken ct) =>
        base.GetAsync(accountId, region, cluster, NameOf(principalArn), ct);

    public static StoreOperation Create(string accountId, string region, EksAccessEntryRecord record) =>
        StoreOperation.Create(Key(accountId, region, record.Entry.ClusterName, record.Entry.PrincipalArn), Encode(record));

    public static StoreOperation Update(string accountId, string region, EksAccessEntryRecord record, long revision) =>
        StoreOperation.Update(Key(accountId, region, record.Entry.ClusterName, record.Entry.PrincipalArn), Encode(record), revision);

    public static StoreOperation Delete(string accountId, string region, EksAccessEntryRecord record, long revision) =>
        StoreOperation.Delete(Key(accountId, region, record.Entry.ClusterName, record.Entry.PrincipalArn), revision);

    /// <summary>
    /// The cluster an access-entry key belongs to, as its prefix (<c>…/access-entry/&lt;cluster&gt;/</c>), or null for any other key.
    /// </summary>
    public static string? ClusterPrefixOfKey(string key)
    {
        if (!key.StartsWith(Clusters.EksClusterRecord.AllEksPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = key[Clusters.EksClusterRecord.AllEksPrefix.Length..].Split('/');
        return parts is [var account, var region, Segment, var cluster, _] ? ClusterPrefix(account, region, cluster) : null;
    }
}
