using System.Text.Json;
using Lotse.Storage;

namespace Lotse.Aws.Ec2;

/// <summary>
/// The EC2 subset's state in the revisioned store, per account and region, so it survives restarts and every
/// replica sees the same VPCs. Every account+region gets a default VPC (three default subnets, a default security
/// group) on first use.
/// </summary>
/// <remarks>
/// Layout under <c>/aws/ec2/&lt;account&gt;/&lt;region&gt;/</c>: <c>default-vpc</c> (the marker holding the default VPC's id),
/// <c>vpcs/&lt;id&gt;</c>, <c>subnets/&lt;id&gt;</c>, <c>security-groups/&lt;id&gt;</c>. Creating or deleting a VPC's child
/// rewrites the VPC record with compare-and-swap in the same commit, so a subnet cannot slip into a VPC being deleted
/// and two overlapping subnets (or two groups of one name) cannot both be created.
/// </remarks>
public sealed partial class Ec2Repository(IStore store)
{
    /// <summary>Attempts before a write that keeps losing compare-and-swap races gives up (each one re-reads and re-checks).</summary>
    // Writers racing on one record take turns through BackoffAsync; with 32 tries, dozens of clusters created at once in
    // one VPC (each writing a security group under a compare-and-swap of the VPC record) all get through.
    private const int MaxAttempts = 32;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Prefix(string accountId, string region) => $"/aws/ec2/{accountId}/{region}/";

    public static string DefaultVpcMarkerKey(string accountId, string region) => Prefix(accountId, region) + "default-vpc";

    public static string VpcKey(string accountId, string region, string vpcId) => Prefix(accountId, region) + "vpcs/" + vpcId;

    public static string SubnetKey(string accountId, string region, string subnetId) => Prefix(accountId, region) + "subnets/" + subnetId;

    public static string GroupKey(string accountId, string region, string groupId) => Prefix(accountId, region) + "security-groups/" + groupId;

    /// <summary>
    /// The id of the account's default VPC in the region, creating it (with its subnets and default group) on first use.
    /// One commit creates the marker and every resource, so of two concurrent first calls exactly one wins and both answer its VPC.
    /// </summary>
    public async ValueTask<string> EnsureDefaultVpcAsync(string accountId, string region, CancellationToken ct)
    {
        var markerKey = DefaultVpcMarkerKey(accountId, region);
        if (await store.GetAsync(markerKey, 0, ct) is { } existing)
        {
            return Deserialize<string>(existing);
        }

        var vpc = new Ec2Vpc(Ec2Ids.NewVpcId(), "172.31.0.0/16", true, accountId, Ec2Ids.NewCidrAssociationId(), Ec2Ids.NewDhcpOptionsId(), []);
        var operations = new List<StoreOperation>
        {
            StoreOperation.Create(markerKey, Serialize(vpc.VpcId)),
            StoreOperation.Create(VpcKey(accountId, region, vpc.VpcId), Serialize(vpc)),
            CreateGroup(accountId, region, DefaultGroup(accountId, vpc.VpcId)),
        };
        var zones = Ec2Zone.Of(region);
        for (var i = 0; i < zones.Count; i++)
        {
            var subnet = NewSubnet(accountId, region, vpc.VpcId, $"172.31.{i * 16}.0/20", zones[i], defaultForAz: true, []);
            operations.Add(StoreOperation.Create(SubnetKey(accountId, region, subnet.SubnetId), Serialize(subnet)));
        }

        var result = await store.CommitAsync(operations, ct);
        if (result.Succeeded)
        {
            return vpc.VpcId;
        }

        // Another caller (or replica) created it first: answer theirs.
        var winner = await store.GetAsync(markerKey, 0, ct) ?? throw Ec2Errors.ConcurrentModification();
        return Deserialize<string>(winner);
    }

    internal static Ec2SecurityGroup DefaultGroup(string accountId, string vpcId) =>
        new(Ec2Ids.NewSecurityGroupId(), vpcId, Ec2SecurityGroup.DefaultName, "default VPC security group", accountId, []);

    internal static Ec2Subnet NewSubnet(string accountId, string region, string vpcId, string cidr, Ec2Zone zone, bool defaultForAz, IReadOnlyList<Ec2Tag> tags)
    {
        var id = Ec2Ids.NewSubnetId();
        return new Ec2Subnet(id, vpcId, cidr, zone.ZoneName, zone.ZoneId, defaultForAz, MapPublicIpOnLaunch: defaultForAz, accountId,
            $"arn:aws:ec2:{region}:{accountId}:subnet/{id}", tags);
    }

    private static StoreOperation CreateGroup(string accountId, string region, Ec2SecurityGroup group) =>
        StoreOperation.Create(GroupKey(accountId, region, group.GroupId), Serialize(group));

    private async ValueTask<(T Item, KeyValue Kv)?> GetAsync<T>(string key, CancellationToken ct) =>
        await store.GetAsync(key, 0, ct) is { } kv ? (Deserialize<T>(kv), kv) : null;

    private async ValueTask<IReadOnlyList<T>> ListAsync<T>(string prefix, CancellationToken ct)
    {
        var all = await store.ListAsync(prefix, default, ct);
        return [.. all.Items.Select(Deserialize<T>)];
    }

    /// <summary>
    /// The pause before retry <paramref name="attempt"/> of a lost compare-and-swap (none before the first try): short,
    /// random and growing, so writers that collided on one record do not collide again in the next group commit.
    /// </summary>
    private static Task BackoffAsync(int attempt, CancellationToken ct) => attempt == 0 ? Task.CompletedTask
        : Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 2 + (2 * Math.Min(attempt, 10)))), ct);

    internal static T Deserialize<T>(KeyValue kv) => JsonSerializer.Deserialize<T>(kv.Value.Span, Json)
        ?? throw new InvalidDataException($"Stored value at {kv.Key} is null.");

    internal static ReadOnlyMemory<byte> Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Json);
}
