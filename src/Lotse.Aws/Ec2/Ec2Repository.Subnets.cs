using Lotse.Storage;

namespace Lotse.Aws.Ec2;

public sealed partial class Ec2Repository
{
    /// <summary>EC2's subnet size bounds: /16 (65,536 addresses) to /28 (16).</summary>
    public const int LargestPrefix = 16;
    public const int SmallestPrefix = 28;

    public async ValueTask<IReadOnlyList<Ec2Subnet>> ListSubnetsAsync(string accountId, string region, CancellationToken ct)
    {
        await EnsureDefaultVpcAsync(accountId, region, ct);
        return await ListAsync<Ec2Subnet>(Prefix(accountId, region) + "subnets/", ct);
    }

    /// <summary>Creates a subnet whose CIDR lies inside its VPC's and overlaps none of the VPC's other subnets.</summary>
    public async ValueTask<Ec2Subnet> CreateSubnetAsync(string accountId, string region, string vpcId, string cidrBlock, Ec2Zone zone,
        IReadOnlyList<Ec2Tag> tags, CancellationToken ct)
    {
        await EnsureDefaultVpcAsync(accountId, region, ct);
        var subnet = NewSubnet(accountId, region, vpcId, cidrBlock, zone, defaultForAz: false, tags);
        var cidr = Ec2Cidr.Parse(cidrBlock);
        await WriteVpcChildAsync(accountId, region, vpcId, async vpc =>
        {
            if (cidr.PrefixLength is < LargestPrefix or > SmallestPrefix || !Ec2Cidr.Parse(vpc.CidrBlock).Contains(cidr))
            {
                throw Ec2Errors.InvalidSubnetRange(cidrBlock);
            }

            var siblings = await ListAsync<Ec2Subnet>(Prefix(accountId, region) + "subnets/", ct);
            if (siblings.Any(s => s.VpcId == vpcId && Ec2Cidr.Parse(s.CidrBlock).Overlaps(cidr)))
            {
                throw Ec2Errors.SubnetConflict(cidrBlock);
            }

            return StoreOperation.Create(SubnetKey(accountId, region, subnet.SubnetId), Serialize(subnet));
        }, ct);
        return subnet;
    }

    public async ValueTask DeleteSubnetAsync(string accountId, string region, string subnetId, CancellationToken ct)
    {
        await EnsureDefaultVpcAsync(accountId, region, ct);
        var subnet = (IsStorableId(subnetId) ? await GetAsync<Ec2Subnet>(SubnetKey(accountId, region, subnetId), ct) : null)
            ?? throw Ec2Errors.SubnetNotFound([subnetId]);
        await WriteVpcChildAsync(accountId, region, subnet.Item.VpcId, async _ =>
        {
            var current = await store.GetAsync(subnet.Kv.Key, 0, ct) ?? throw Ec2Errors.SubnetNotFound([subnetId]);
            return StoreOperation.Delete(current.Key, current.ModRevision);
        }, ct);
    }
}
