using Lotse.Aws;
using Lotse.Aws.Iam;
using Lotse.Eks.Clusters;
using Lotse.Eks.Fargate;
using Lotse.Eks.Nodegroups;
using Lotse.Kube;
using Lotse.Storage;
using Lotse.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lotse.Eks.Tests;

/// <summary>clientRequestToken idempotency of the create calls on the real SQLite store: the same token returns the resource, another token is ResourceInUse.</summary>
public sealed class ClientRequestTokenTests : IAsyncLifetime
{
    private const string Region = "eu-central-1";
    private const string EksTrust = """{"Statement":[{"Effect":"Allow","Principal":{"Service":"eks.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
    private const string Ec2Trust = """{"Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
    private const string FargateTrust = """{"Statement":[{"Effect":"Allow","Principal":{"Service":"eks-fargate-pods.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
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
        await _iam.CreateRoleAsync(Caller.AccountId, "pods", "/", FargateTrust, null, 3600, [], default);
        _directory = new EksClusterDirectory(_clusters, NullLogger<EksClusterDirectory>.Instance);
        var endpoints = new EksEndpoints("https://127.0.0.1:5443", "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n", new KubeApiAddress("127.0.0.1", 5443));
        _service = new EksClusterService(_clusters, _iam, endpoints, _directory, _ec2, TimeProvider.System, NullLogger<EksClusterService>.Instance);
        await _service.CreateAsync(Caller, Region, new CreateClusterRequest
        {
            Name = "demo",
            RoleArn = "arn:aws:iam::123456789012:role/eks",
            ResourcesVpcConfig = new VpcConfig { SubnetIds = ["subnet-1", "subnet-2"] },
        }, default);
    }

    private static CreateNodegroupRequest Nodegroup(string? token) => new()
    {
        NodegroupName = "workers",
        NodeRole = "arn:aws:iam::123456789012:role/node",
        Subnets = ["subnet-1"],
        ClientRequestToken = token,
    };

    private static CreateFargateProfileRequest Profile(string? token) => new()
    {
        FargateProfileName = "pods",
        PodExecutionRoleArn = "arn:aws:iam::123456789012:role/pods",
        Selectors = [new FargateProfileSelector { Namespace = "default" }],
        ClientRequestToken = token,
    };

    [Fact]
    public async Task CreateNodegroup_SameToken_ReturnsTheNodegroupOtherTokenIsInUse()
    {
        var nodegroups = new EksNodegroupService(_clusters, _iam, _ec2, TimeProvider.System);

        var first = await nodegroups.CreateAsync(Caller, Region, "demo", Nodegroup("t-1"), default);
        var retried = await nodegroups.CreateAsync(Caller, Region, "demo", Nodegroup("t-1"), default);
        var other = await Should.ThrowAsync<AwsServiceException>(async () => await nodegroups.CreateAsync(Caller, Region, "demo", Nodegroup("t-2"), default));
        var none = await Should.ThrowAsync<AwsServiceException>(async () => await nodegroups.CreateAsync(Caller, Region, "demo", Nodegroup(null), default));

        retried.NodegroupArn.ShouldBe(first.NodegroupArn);
        other.Code.ShouldBe("ResourceInUseException");
        none.Code.ShouldBe("ResourceInUseException");
    }

    [Fact]
    public async Task CreateFargateProfile_SameToken_ReturnsTheProfileOtherTokenIsInUse()
    {
        var profiles = new EksFargateProfileService(_clusters, _iam, _ec2, TimeProvider.System);

        var first = await profiles.CreateAsync(Caller, Region, "demo", Profile("t-1"), default);
        var retried = await profiles.CreateAsync(Caller, Region, "demo", Profile("t-1"), default);
        var other = await Should.ThrowAsync<AwsServiceException>(async () => await profiles.CreateAsync(Caller, Region, "demo", Profile("t-2"), default));

        retried.FargateProfileArn.ShouldBe(first.FargateProfileArn);
        other.Code.ShouldBe("ResourceInUseException");
    }

    public async Task DisposeAsync()
    {
        await _directory.DisposeAsync();
        await _store.DisposeAsync();
        File.Delete(_path);
    }
}
