using Lotse.Storage;

namespace Lotse.Aws.Ec2;

public sealed partial class Ec2Repository
{
    public async ValueTask<IReadOnlyList<Ec2SecurityGroup>> ListGroupsAsync(string accountId, string region, CancellationToken ct)
    {
        await EnsureDefaultVpcAsync(accountId, region, ct);
        return await ListAsync<Ec2SecurityGroup>(Prefix(accountId, region) + "security-groups/", ct);
    }

    /// <summary>Creates a group; its name must be unique within the VPC (case-insensitively, as EC2 compares them).</summary>
    public async ValueTask<Ec2SecurityGroup> CreateGroupAsync(string accountId, string region, string vpcId, string name, string description,
        IReadOnlyList<Ec2Tag> tags, CancellationToken ct)
    {
        await EnsureDefaultVpcAsync(accountId, region, ct);
        var group = new Ec2SecurityGroup(Ec2Ids.NewSecurityGroupId(), vpcId, name, description, accountId, tags);
        await WriteVpcChildAsync(accountId, region, vpcId, async _ =>
        {
            var groups = await ListAsync<Ec2SecurityGroup>(Prefix(accountId, region) + "security-groups/", ct);
            if (groups.Any(g => g.VpcId == vpcId && string.Equals(g.GroupName, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw Ec2Errors.DuplicateGroup(name, vpcId);
            }

            return CreateGroup(accountId, region, group);
        }, ct);
        return group;
    }

    /// <summary>Deletes a group that is not its VPC's default one; InvalidGroup.NotFound when no group has the id.</summary>
    public async ValueTask DeleteGroupAsync(string accountId, string region, string groupId, CancellationToken ct)
    {
        await EnsureDefaultVpcAsync(accountId, region, ct);
        var group = (IsStorableId(groupId) ? await GetAsync<Ec2SecurityGroup>(GroupKey(accountId, region, groupId), ct) : null)
            ?? throw Ec2Errors.GroupNotFound([groupId]);
        if (group.Item.IsDefault)
        {
            throw Ec2Errors.CannotDeleteDefaultGroup(groupId);
        }

        await WriteVpcChildAsync(accountId, region, group.Item.VpcId, async _ =>
        {
            var current = await store.GetAsync(group.Kv.Key, 0, ct) ?? throw Ec2Errors.GroupNotFound([groupId]);
            return StoreOperation.Delete(current.Key, current.ModRevision);
        }, ct);
    }

    private async ValueTask<IReadOnlyList<(Ec2SecurityGroup Item, KeyValue Kv)>> ListGroupsWithKeysAsync(string accountId, string region, CancellationToken ct)
    {
        var all = await store.ListAsync(Prefix(accountId, region) + "security-groups/", default, ct);
        return [.. all.Items.Select(kv => (Deserialize<Ec2SecurityGroup>(kv), kv))];
    }
}
