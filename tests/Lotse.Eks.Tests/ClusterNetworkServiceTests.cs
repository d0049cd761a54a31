using Lotse.Aws;
using Lotse.Aws.Iam;
using Lotse.Eks.Clusters;
using Lotse.Eks.Nodegroups;
using Lotse.Kube;
using Lotse.Storage;
using Lotse.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lotse.Eks.Tests;

/// <summary>CreateCluster and CreateNodegroup against the in-memory EC2 on the real SQLite store: VPC and cluster security group filled, refusals leave nothing behind.</summary>
public sealed class ClusterNetworkServiceTests : IAsyncLifetime
{
    private const string Region = "eu-central-1";
    private const string EksTrust = """{"Statement":[{"Effect":"Allow","Principal":{"Service":"eks.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
    private const string Ec2Trust = """{"Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
    private static readonly AwsCaller Caller = new("123456789012", "arn:aws:iam::123456789012:user/admin", "AIDAADMIN", "AKIA", AwsPrincipalType.User);
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"lotse-eks-{Guid.NewGuid():N}.db");
    private readonly FakeEc2Network _ec2 = new();
    private IStore _store = null!;
    private EksClusterStore _clusters = null!;
    private IamRepository _iam = null!;
    private EksClusterDirectory _directory = null!;
    private EksClusterService _service = null!;

    public async Task InitializeAsync()
    {
        _store = await SqliteStore.OpenAsync(_path, new SqliteStoreOptions { AutoCompactInterval = TimeSpan.Zero });
        _clusters = new EksClusterStore(_store);
        _iam = new IamRepository(_store, TimeProvider.System);
        await _iam.CreateRoleAsync(Caller.AccountId, "eks", "/", EksTrust, null, 3600, [], default);
        await _iam.CreateRoleAsync(Caller.AccountId, "node", "/", Ec2Trust, null, 3600, [], default);
        _directory = new EksClusterDirectory(_clusters, NullLogger<EksClusterDirectory>.Instance);
        var endpoints = new EksEndpoints("https://127.0.0.1:5443", "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n", new KubeApiAddress("127.0.0.1", 5443));
        _service = new EksClusterService(_clusters, _iam, endpoints, _directory, _ec2, TimeProvider.System, NullLogger<EksClusterService>.Instance);
    }

    private ValueTask<EksCluster> CreateAsync(string name, params string[] subnets) => _service.CreateAsync(Caller, Region, new CreateClusterRequest
    {
        Name = name,
        RoleArn = "arn:aws:iam::123456789012:role/eks",
        ResourcesVpcConfig = new VpcConfig { SubnetIds = [.. subnets] },
    }, default);

    [Fact]
    public async Task CreateCluster_RealSubnets_FillsVpcAndClusterSecurityGroupDeletedWithTheCluster()
    {
        var created = await CreateAsync("net", "subnet-1", "subnet-2");

        created.ResourcesVpcConfig.VpcId.ShouldBe(FakeEc2Network.DefaultVpc);
        var group = _ec2.SecurityGroups.Single(g => g.GroupId == created.ResourcesVpcConfig.ClusterSecurityGroupId);
        group.GroupName.ShouldStartWith("eks-cluster-sg-net-");
        group.VpcId.ShouldBe(FakeEc2Network.DefaultVpc);

        await _service.DeleteAsync(Caller, Region, "net", default);
        _ec2.SecurityGroups.ShouldNotContain(group);
    }

    [Fact]
    public async Task CreateCluster_UnknownSubnet_CreatesNeitherClusterNorSecurityGroup()
    {
        var groupsBefore = _ec2.SecurityGroups.Count;

        var error = await Should.ThrowAsync<AwsServiceException>(async () => await CreateAsync("nope", "subnet-1", "subnet-9"));

        error.Message.ShouldStartWith("The subnet ID 'subnet-9' does not exist");
        (await _clusters.GetAsync(Caller.AccountId, Region, "nope", default)).ShouldBeNull();
        _ec2.SecurityGroups.Count.ShouldBe(groupsBefore);
    }

    [Fact]
    public async Task CreateNodegroup_SubnetOfAnotherVpc_IsRefusedInsideTheVpcAccepted()
    {
        await CreateAsync("ng", "subnet-1", "subnet-2");
        var nodegroups = new EksNodegroupService(_clusters, _iam, _ec2, TimeProvider.System);
        CreateNodegroupRequest Request(string name, string subnet) => new()
        {
            NodegroupName = name,
            NodeRole = "arn:aws:iam::123456789012:role/node",
            Subnets = [subnet],
        };

        var error = await Should.ThrowAsync<AwsServiceException>(async () => await nodegroups.CreateAsync(Caller, Region, "ng", Request("outside", "subnet-b1"), default));
        var created = await nodegroups.CreateAsync(Caller, Region, "ng", Request("inside", "subnet-3"), default);

        error.Message.ShouldBe("Specified subnets must belong to cluster's vpc vpc-default");
        created.Subnets.ShouldBe(["subnet-3"]);
    }

    public async Task DisposeAsync()
    {
        await _directory.DisposeAsync();
        await _store.DisposeAsync();
        File.Delete(_path);
    }
}
