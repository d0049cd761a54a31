using Lotse.Aws.Ec2;
using Lotse.Storage;
using Lotse.Storage.Sqlite;

namespace Lotse.Aws.Tests.Ec2;

/// <summary>The stored EC2 subset on the real SQLite store: default VPC creation, CIDR and dependency rules, races.</summary>
public sealed class Ec2RepositoryTests : IAsyncLifetime
{
    private const string Account = "123456789012";
    private const string Region = "eu-central-1";

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"lotse-ec2-{Guid.NewGuid():N}.db");
    private IStore _store = null!;
    private Ec2Repository _repository = null!;

    public async Task InitializeAsync()
    {
        _store = await SqliteStore.OpenAsync(_path, new SqliteStoreOptions { AutoCompactInterval = TimeSpan.Zero });
        _repository = new Ec2Repository(_store);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        File.Delete(_path);
    }

    [Fact]
    public async Task EnsureDefaultVpc_ConcurrentFirstCalls_AllAgreeOnOneVpc()
    {
        var ids = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () => await _repository.EnsureDefaultVpcAsync(Account, Region, default))));

        ids.Distinct().ShouldHaveSingleItem();
        var vpcs = await _repository.ListVpcsAsync(Account, Region, default);
        vpcs.ShouldHaveSingleItem().VpcId.ShouldBe(ids[0]);
        vpcs[0].IsDefault.ShouldBeTrue();
        var subnets = await _repository.ListSubnetsAsync(Account, Region, default);
        subnets.Select(s => (s.CidrBlock, s.AvailabilityZone, s.AvailabilityZoneId)).OrderBy(s => s.CidrBlock, StringComparer.Ordinal).ShouldBe(
        [
            ("172.31.0.0/20", "eu-central-1a", "euc1-az1"),
            ("172.31.16.0/20", "eu-central-1b", "euc1-az2"),
            ("172.31.32.0/20", "eu-central-1c", "euc1-az3"),
        ]);
        subnets.ShouldAllBe(s => s.DefaultForAz && s.MapPublicIpOnLaunch && s.AvailableIpAddressCount == 4091 && s.VpcId == ids[0]);
        (await _repository.ListGroupsAsync(Account, Region, default)).ShouldHaveSingleItem().GroupName.ShouldBe("default");
    }

    [Fact]
    public async Task DefaultVpc_OtherRegionOrAccount_GetsItsOwn()
    {
        var first = await _repository.EnsureDefaultVpcAsync(Account, Region, default);
        (await _repository.EnsureDefaultVpcAsync(Account, "us-west-2", default)).ShouldNotBe(first);
        (await _repository.EnsureDefaultVpcAsync("210987654321", Region, default)).ShouldNotBe(first);
        (await _repository.EnsureDefaultVpcAsync(Account, Region, default)).ShouldBe(first);
    }

    [Fact]
    public async Task CreateSubnet_ConcurrentOverlappingCidrs_OnlyOneWins()
    {
        var vpc = await _repository.CreateVpcAsync(Account, Region, "10.0.0.0/16", [], default);
        var zone = Ec2Zone.Of(Region)[0];
        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            try
            {
                await _repository.CreateSubnetAsync(Account, Region, vpc.VpcId, "10.0.0.0/24", zone, [], default);
                return "ok";
            }
            catch (AwsServiceException error)
            {
                return error.Code;
            }
        })));

        attempts.Count(a => a == "ok").ShouldBe(1);
        attempts.Where(a => a != "ok").ShouldAllBe(a => a == "InvalidSubnet.Conflict");
    }

    [Fact]
    public async Task CreateGroup_ManyAtOnceInOneVpc_AllCreated()
    {
        // What many CreateCluster calls at once do: each writes its cluster security group under a compare-and-swap of the VPC.
        var vpcId = await _repository.EnsureDefaultVpcAsync(Account, Region, default);
        var names = Enumerable.Range(0, 32).Select(i => $"eks-cluster-sg-c{i}").ToList();

        var created = await Task.WhenAll(names.Select(name => Task.Run(async () => await _repository.CreateGroupAsync(Account, Region, vpcId, name, "EKS created security group", [], default))));

        created.Select(g => g.GroupName).ShouldBe(names, ignoreOrder: true);
        (await _repository.ListGroupsAsync(Account, Region, default)).Select(g => g.GroupName).ShouldBe(["default", .. names], ignoreOrder: true);
    }

    [Theory]
    [InlineData("10.1.0.0/24", "InvalidSubnet.Range")]
    [InlineData("10.0.0.0/15", "InvalidSubnet.Range")]
    [InlineData("10.0.0.0/29", "InvalidSubnet.Range")]
    [InlineData("10.0.0.0/28", null)]
    [InlineData("10.0.0.0/16", null)]
    public async Task CreateSubnet_CidrRules_AsEc2(string cidr, string? expectedCode)
    {
        var vpc = await _repository.CreateVpcAsync(Account, Region, "10.0.0.0/16", [], default);
        var create = () => _repository.CreateSubnetAsync(Account, Region, vpc.VpcId, cidr, Ec2Zone.Of(Region)[1], [], default).AsTask();
        if (expectedCode is null)
        {
            (await create()).CidrBlock.ShouldBe(cidr);
        }
        else
        {
            (await Should.ThrowAsync<AwsServiceException>(create)).Code.ShouldBe(expectedCode);
        }
    }

    [Fact]
    public async Task DeleteVpc_WithSubnetOrGroup_DependencyViolation_ThenDeletesWithDefaultGroup()
    {
        var vpc = await _repository.CreateVpcAsync(Account, Region, "10.0.0.0/16", [new Ec2Tag("Name", "v")], default);
        var subnet = await _repository.CreateSubnetAsync(Account, Region, vpc.VpcId, "10.0.0.0/24", Ec2Zone.Of(Region)[0], [], default);
        var group = await _repository.CreateGroupAsync(Account, Region, vpc.VpcId, "web", "web", [], default);

        (await Should.ThrowAsync<AwsServiceException>(_repository.DeleteVpcAsync(Account, Region, vpc.VpcId, default).AsTask())).Code.ShouldBe("DependencyViolation");
        await _repository.DeleteSubnetAsync(Account, Region, subnet.SubnetId, default);
        (await Should.ThrowAsync<AwsServiceException>(_repository.DeleteVpcAsync(Account, Region, vpc.VpcId, default).AsTask())).Code.ShouldBe("DependencyViolation");
        await _repository.DeleteGroupAsync(Account, Region, group.GroupId, default);
        await _repository.DeleteVpcAsync(Account, Region, vpc.VpcId, default);

        (await _repository.ListGroupsAsync(Account, Region, default)).ShouldAllBe(g => g.VpcId != vpc.VpcId);
        (await _repository.FindVpcAsync(Account, Region, vpc.VpcId, default)).ShouldBeNull();
    }

    [Fact]
    public async Task CreateGroup_SameNameInVpc_Duplicate_DefaultCannotBeDeleted()
    {
        var vpcId = await _repository.EnsureDefaultVpcAsync(Account, Region, default);
        await _repository.CreateGroupAsync(Account, Region, vpcId, "web", "d", [], default);
        (await Should.ThrowAsync<AwsServiceException>(_repository.CreateGroupAsync(Account, Region, vpcId, "WEB", "d", [], default).AsTask()))
            .Code.ShouldBe("InvalidGroup.Duplicate");
        var defaultGroup = (await _repository.ListGroupsAsync(Account, Region, default)).Single(g => g.IsDefault);
        (await Should.ThrowAsync<AwsServiceException>(_repository.DeleteGroupAsync(Account, Region, defaultGroup.GroupId, default).AsTask()))
            .Code.ShouldBe("CannotDelete");
    }

    [Fact]
    public async Task UpdateTags_MissingResource_ChangesNothing()
    {
        var vpcId = await _repository.EnsureDefaultVpcAsync(Account, Region, default);
        var error = await Should.ThrowAsync<AwsServiceException>(_repository.UpdateTagsAsync(Account, Region, [vpcId, "subnet-0000000000000000f"],
            tags => Ec2Tag.Merge(tags, [new Ec2Tag("a", "b")]), default).AsTask());

        error.Code.ShouldBe("InvalidSubnetID.NotFound");
        (await _repository.FindVpcAsync(Account, Region, vpcId, default))!.Tags.ShouldBeEmpty();
    }

    [Fact]
    public async Task Network_FindsStoredSubnetsAndCreatesClusterGroup()
    {
        var network = new Ec2Network(_repository);
        var subnets = await _repository.ListSubnetsAsync(Account, Region, default);

        var found = await network.FindSubnetsAsync(Account, Region, [subnets[0].SubnetId, "subnet-0000000000000000f"], default);
        found.ShouldHaveSingleItem().ShouldBe(subnets[0].ToInfo());

        var groupId = await network.CreateClusterSecurityGroupAsync(Account, Region, subnets[0].VpcId, "demo", default);
        var group = (await network.FindSecurityGroupsAsync(Account, Region, [groupId], default)).ShouldHaveSingleItem();
        group.GroupName.ShouldMatch("^eks-cluster-sg-demo-[0-9]{10}$");
        await network.DeleteSecurityGroupAsync(Account, Region, groupId, default);
        await network.DeleteSecurityGroupAsync(Account, Region, groupId, default);
        (await network.FindSecurityGroupsAsync(Account, Region, [groupId], default)).ShouldBeEmpty();
    }
}
