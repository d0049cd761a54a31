using System.Text.Json;
using Lotse.Storage;

namespace Lotse.Eks.Clusters;

/// <summary>Reads and writes cluster records in the store; the one place that knows their keys and encoding.</summary>
public sealed class EksClusterStore(IStore store)
{
    public IStore Store { get; } = store;

    public async ValueTask<(EksClusterRecord Record, long Revision)?> GetAsync(string accountId, string region, string name, CancellationToken ct)
    {
        var kv = await Store.GetAsync(EksClusterRecord.Key(accountId, region, name), 0, ct);
        return kv is null ? null : (Decode(kv.Value), kv.ModRevision);
    }

    public async ValueTask<ListResult> ListAsync(string accountId, string region, string? startName, int limit, CancellationToken ct)
    {
        var prefix = EksClusterRecord.KeyPrefix(accountId, region);
        return await Store.ListAsync(prefix, new ListOptions(StartKey: startName is null ? null : prefix + startName, Limit: limit), ct);
    }

    /// <summary>Every cluster of every account and region, with the revision the list was read at.</summary>
    public async ValueTask<(List<EksClusterRecord> Records, long Revision)> ListAllAsync(CancellationToken ct)
    {
        var result = await Store.ListAsync(EksClusterRecord.AllEksPrefix, default, ct);
        var records = result.Items.Where(kv => EksClusterRecord.IsClusterKey(kv.Key)).Select(kv => Decode(kv.Value)).ToList();
        return (records, result.Revision);
    }

    public static StoreOperation Create(EksClusterRecord record) =>
        StoreOperation.Create(KeyOf(record), Encode(record));

    public static StoreOperation Update(EksClusterRecord record, long revision) =>
        StoreOperation.Update(KeyOf(record), Encode(record), revision);

    public static string KeyOf(EksClusterRecord record) => EksClusterRecord.Key(record.AccountId, record.Region, record.Cluster.Name);

    public static byte[] Encode(EksClusterRecord record) => JsonSerializer.SerializeToUtf8Bytes(record, EksJson.Options);

    public static EksClusterRecord Decode(ReadOnlyMemory<byte> value) =>
        JsonSerializer.Deserialize<EksClusterRecord>(value.Span, EksJson.Options) ?? throw new InvalidDataException("empty cluster record");
}
