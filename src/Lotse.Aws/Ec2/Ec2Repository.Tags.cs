using Lotse.Storage;

namespace Lotse.Aws.Ec2;

public sealed partial class Ec2Repository
{
    /// <summary>The store key of a taggable resource, from its id's prefix; null for ids of kinds Lotse does not keep.</summary>
    public static string? ResourceKey(string accountId, string region, string resourceId) =>
        !IsStorableId(resourceId) ? null
        : resourceId.StartsWith("vpc-", StringComparison.Ordinal) ? VpcKey(accountId, region, resourceId)
        : resourceId.StartsWith("subnet-", StringComparison.Ordinal) ? SubnetKey(accountId, region, resourceId)
        : resourceId.StartsWith("sg-", StringComparison.Ordinal) ? GroupKey(accountId, region, resourceId)
        : null;

    /// <summary>
    /// Rewrites the tags of each resource (all must exist, else nothing changes), each with compare-and-swap.
    /// </summary>
    public async ValueTask UpdateTagsAsync(string accountId, string region, IReadOnlyList<string> resourceIds,
        Func<IReadOnlyList<Ec2Tag>, IReadOnlyList<Ec2Tag>> change, CancellationToken ct)
    {
        await EnsureDefaultVpcAsync(accountId, region, ct);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            await BackoffAsync(attempt, ct);
            var operations = new List<StoreOperation>();
            foreach (var id in resourceIds.Distinct(StringComparer.Ordinal))
            {
                var key = ResourceKey(accountId, region, id) ?? throw Ec2Errors.InvalidId(id);
                var kv = await store.GetAsync(key, 0, ct) ?? throw NotFound(id);
                operations.Add(StoreOperation.Update(key, Retag(kv, id, change), kv.ModRevision));
            }

            if (operations.Count == 0 || (await store.CommitAsync(operations, ct)).Succeeded)
            {
                return;
            }
        }

        throw Ec2Errors.ConcurrentModification();
    }

    private static ReadOnlyMemory<byte> Retag(KeyValue kv, string id, Func<IReadOnlyList<Ec2Tag>, IReadOnlyList<Ec2Tag>> change)
    {
        if (id.StartsWith("vpc-", StringComparison.Ordinal))
        {
            var vpc = Deserialize<Ec2Vpc>(kv);
            return Serialize(vpc with { Tags = change(vpc.Tags) });
        }

        if (id.StartsWith("subnet-", StringComparison.Ordinal))
        {
            var subnet = Deserialize<Ec2Subnet>(kv);
            return Serialize(subnet with { Tags = change(subnet.Tags) });
        }

        var group = Deserialize<Ec2SecurityGroup>(kv);
        return Serialize(group with { Tags = change(group.Tags) });
    }

    private static AwsServiceException NotFound(string id) =>
        id.StartsWith("vpc-", StringComparison.Ordinal) ? Ec2Errors.VpcNotFound([id])
        : id.StartsWith("subnet-", StringComparison.Ordinal) ? Ec2Errors.SubnetNotFound([id])
        : Ec2Errors.GroupNotFound([id]);
}
