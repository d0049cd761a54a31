using System.Text.Json;
using Lotse.Eks.Clusters;
using Lotse.Storage;

namespace Lotse.Eks.Fargate;

/// <summary>Fargate profiles live at <c>/aws/eks/&lt;account&gt;/&lt;region&gt;/fargateprofile/&lt;cluster&gt;/&lt;name&gt;</c>, beside the clusters.</summary>
public sealed class EksFargateProfileStore(IStore store)
{
    public IStore Store { get; } = store;

    public static string ClusterPrefix(string accountId, string region, string cluster) =>
        $"{EksClusterRecord.RegionPrefix(accountId, region)}fargateprofile/{cluster}/";

    public static string Key(string accountId, string region, string cluster, string name) => ClusterPrefix(accountId, region, cluster) + name;

    public async ValueTask<(EksFargateProfile Profile, long Revision)?> GetAsync(string accountId, string region, string cluster, string name, CancellationToken ct)
    {
        if (name.Length == 0 || name.Contains('/', StringComparison.Ordinal))
        {
            return null;
        }

        var kv = await Store.GetAsync(Key(accountId, region, cluster, name), 0, ct);
        return kv is null ? null : (Decode(kv.Value), kv.ModRevision);
    }

    public async ValueTask<List<EksFargateProfile>> ListAllAsync(string accountId, string region, string cluster, CancellationToken ct) =>
        (await Store.ListAsync(ClusterPrefix(accountId, region, cluster), default, ct)).Items.Select(kv => Decode(kv.Value)).ToList();

    public static StoreOperation Create(string accountId, string region, EksFargateProfile profile) =>
        StoreOperation.Create(Key(accountId, region, profile.ClusterName, profile.FargateProfileName), Encode(profile));

    public static StoreOperation Update(string accountId, string region, EksFargateProfile profile, long revision) =>
        StoreOperation.Update(Key(accountId, region, profile.ClusterName, profile.FargateProfileName), Encode(profile), revision);

    public static byte[] Encode(EksFargateProfile profile) => JsonSerializer.SerializeToUtf8Bytes(profile, EksJson.Options);

    public static EksFargateProfile Decode(ReadOnlyMemory<byte> value) =>
        JsonSerializer.Deserialize<EksFargateProfile>(value.Span, EksJson.Options) ?? throw new InvalidDataException("empty Fargate profile record");

    public static EksFargateProfile Snapshot(EksFargateProfile profile) => Decode(Encode(profile));
}
