using Lotse.Storage;

namespace Lotse.Aws.Ec2;

public sealed partial class Ec2Repository
{
    public async ValueTask<IReadOnlyList<Ec2Vpc>> ListVpcsAsync(string accountId, string region, CancellationToken ct)
    {
        await EnsureDefaultVpcAsync(accountId, region, ct);
        return await ListAsync<Ec2Vpc>(Prefix(accountId, region) + "vpcs/", ct);
    }

    public async ValueTask<Ec2Vpc?> FindVpcAsync(string accountId, string region, string vpcId, CancellationToken ct)
    {
        await EnsureDefaultVpcAsync(accountId, region, ct);
        return IsStorableId(vpcId) ? (await GetAsync<Ec2Vpc>(VpcKey(accountId, region, vpcId), ct))?.Item : null;
    }

    /// <summary>Creates a VPC together with its default security group.</summary>
    public async ValueTask<Ec2Vpc> CreateVpcAsync(string accountId, string region, string cidr, IReadOnlyList<Ec2Tag> tags, CancellationToken ct)
    {
        await EnsureDefaultVpcAsync(accountId, region, ct);
        var vpc = new Ec2Vpc(Ec2Ids.NewVpcId(), cidr, false, accountId, Ec2Ids.NewCidrAssociationId(), Ec2Ids.NewDhcpOptionsId(), tags);
        var result = await store.CommitAsync(
            [StoreOperation.Create(VpcKey(accountId, region, vpc.VpcId), Serialize(vpc)), CreateGroup(accountId, region, DefaultGroup(accountId, vpc.VpcId))], ct);
        return result.Succeeded ? vpc : throw Ec2Errors.ConcurrentModification();
    }

    /// <summary>Deletes a VPC that has no subnets and no security groups but its default one, which goes with it.</summary>
    public async ValueTask DeleteVpcAsync(string accountId, string region, string vpcId, CancellationToken ct)
    {
        await EnsureDefaultVpcAsync(accountId, region, ct);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            await BackoffAsync(attempt, ct);
            var vpc = (IsStorableId(vpcId) ? await GetAsync<Ec2Vpc>(VpcKey(accountId, region, vpcId), ct) : null)
                ?? throw Ec2Errors.VpcNotFound([vpcId]);
            var subnets = await ListAsync<Ec2Subnet>(Prefix(accountId, region) + "subnets/", ct);
            var groups = await ListGroupsWithKeysAsync(accountId, region, ct);
            if (subnets.Any(s => s.VpcId == vpcId) || groups.Any(g => g.Item.VpcId == vpcId && !g.Item.IsDefault))
            {
                throw Ec2Errors.VpcHasDependencies(vpcId);
            }

            var operations = new List<StoreOperation> { StoreOperation.Delete(vpc.Kv.Key, vpc.Kv.ModRevision) };
            operations.AddRange(groups.Where(g => g.Item.VpcId == vpcId).Select(g => StoreOperation.Delete(g.Kv.Key, g.Kv.ModRevision)));
            var result = await store.CommitAsync(operations, ct);
            if (result.Succeeded)
            {
                return;
            }
        }

        throw Ec2Errors.ConcurrentModification();
    }

    /// <summary>
    /// Writes a child of <paramref name="vpcId"/> (after <paramref name="check"/> passed on a fresh read) together with a
    /// compare-and-swap rewrite of the VPC record: a concurrent child write or VPC deletion makes this retry from the read.
    /// </summary>
    private async ValueTask WriteVpcChildAsync(string accountId, string region, string vpcId,
        Func<Ec2Vpc, ValueTask<StoreOperation>> check, CancellationToken ct)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            await BackoffAsync(attempt, ct);
            var vpc = (IsStorableId(vpcId) ? await GetAsync<Ec2Vpc>(VpcKey(accountId, region, vpcId), ct) : null)
                ?? throw Ec2Errors.VpcNotFound([vpcId]);
            var child = await check(vpc.Item);
            var result = await store.CommitAsync([StoreOperation.Update(vpc.Kv.Key, vpc.Kv.Value, vpc.Kv.ModRevision), child], ct);
            if (result.Succeeded)
            {
                return;
            }
        }

        throw Ec2Errors.ConcurrentModification();
    }

    // Ids become part of store keys: anything but [a-z0-9-] cannot name a resource and must not reach a key.
    private static bool IsStorableId(string id) => id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
