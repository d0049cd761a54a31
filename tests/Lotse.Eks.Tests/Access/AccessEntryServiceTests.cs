using Lotse.Aws;
using Lotse.Aws.Iam;
using Lotse.Eks.Access;
using Lotse.Eks.Clusters;
using Lotse.Eks.Updates;
using Lotse.Storage;
using Lotse.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lotse.Eks.Tests.Access;

/// <summary>The access-entry operations on the real SQLite store, with principals in Lotse's IAM.</summary>
public sealed class AccessEntryServiceTests : IAsyncLifetime
{
    private const string Region = "eu-central-1";
    private static readonly AwsCaller Caller = new("123456789012", "arn:aws:iam::123456789012:user/admin", "AIDAADMIN", "AKIA", AwsPrincipalType.User);
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"lotse-eks-{Guid.NewGuid():N}.db");
    private IStore _store = null!;
    private EksClusterStore _clusters = null!;
    private EksAccessEntryCache _cache = null!;
    private EksAccessEntryService _service = null!;
    private IamUser _dev = null!;
    private IamRole _deployer = null!;

    public async Task InitializeAsync()
    {
        _store = await SqliteStore.OpenAsync(_path, new SqliteStoreOptions { AutoCompactInterval = TimeSpan.Zero });
        _clusters = new EksClusterStore(_store);
        var iam = new IamRepository(_store, TimeProvider.System);
        _dev = await iam.CreateUserAsync(Caller.AccountId, "dev", "/", [], default);
        _deployer = await iam.CreateRoleAsync(Caller.AccountId, "Deployer", "/team/", "{}", null, 3600, [], default);
        _cache = new EksAccessEntryCache(_store);
        _service = new EksAccessEntryService(_clusters, iam, _cache, TimeProvider.System);
        await AddClusterAsync("demo", "API_AND_CONFIG_MAP", "ID1");
        await AddClusterAsync("legacy", "CONFIG_MAP", "ID2");
    }

    private async Task AddClusterAsync(string name, string mode, string id)
    {
        var cluster = TestData.Cluster(mode: mode, name: name);
        var record = new EksClusterRecord
        {
            Cluster = cluster,
            Id = id,
            AccountId = Caller.AccountId,
            Region = Region,
            CreatorArn = Caller.Arn,
            CreatorPrincipalId = Caller.UserId,
            ServiceAccountSigningKeyPem = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem(),
        };
        (await _store.CommitAsync([EksClusterStore.Create(record)])).Succeeded.ShouldBeTrue();
    }

    private ValueTask<EksAccessEntry> CreateAsync(string arn, string? token = null, string cluster = "demo") =>
        _service.CreateAsync(Caller, Region, cluster, new CreateAccessEntryRequest { PrincipalArn = arn, ClientRequestToken = token }, default);

    [Fact]
    public async Task Create_ConfigMapCluster_IsInvalidRequest()
    {
        var error = await Should.ThrowAsync<AwsServiceException>(async () => await CreateAsync(_dev.Arn, cluster: "legacy"));

        error.Code.ShouldBe("InvalidRequestException");
        error.Message.ShouldBe("The cluster's authentication mode must be set to one of [API, API_AND_CONFIG_MAP] to perform this operation.");
    }

    [Fact]
    public async Task Create_IamUser_DefaultsAndDescribe()
    {
        var created = await CreateAsync(_dev.Arn);

        created.Type.ShouldBe("STANDARD");
        created.Username.ShouldBe(_dev.Arn);
        created.KubernetesGroups.ShouldBeEmpty();
        created.AccessEntryArn.ShouldStartWith("arn:aws:eks:eu-central-1:123456789012:access-entry/demo/user/123456789012/dev/");
        (await _service.DescribeAsync(Caller, Region, "demo", _dev.Arn, default)).AccessEntryArn.ShouldBe(created.AccessEntryArn);
    }

    [Fact]
    public async Task Create_RoleWithPath_KeepsThePathInTheArnAndMapsByRoleId()
    {
        var created = await CreateAsync(_deployer.Arn);

        created.PrincipalArn.ShouldBe("arn:aws:iam::123456789012:role/team/Deployer");
        created.Username.ShouldBe("arn:aws:sts::123456789012:assumed-role/Deployer/{{SessionName}}");
        var entries = await _cache.GetAsync("ID1", EksAccessEntryStore.ClusterPrefix(Caller.AccountId, Region, "demo"), default);
        entries.Find(_deployer.RoleId, "arn:aws:iam::123456789012:role/Deployer").ShouldNotBeNull();
        entries.Find("AROAOTHER", "arn:aws:iam::123456789012:role/Deployer").ShouldBeNull();
    }

    [Fact]
    public async Task Create_Twice_IsResourceInUse_UnlessTheSameToken()
    {
        var first = await CreateAsync(_dev.Arn, token: "t-1");

        (await CreateAsync(_dev.Arn, token: "t-1")).AccessEntryArn.ShouldBe(first.AccessEntryArn);
        var error = await Should.ThrowAsync<AwsServiceException>(async () => await CreateAsync(_dev.Arn, token: "t-2"));
        (error.StatusCode, error.Code, error.Message).ShouldBe((409, "ResourceInUseException", "The specified access entry resource is already in use on this cluster."));
    }

    [Theory]
    [InlineData("arn:aws:iam::123456789012:user/nobody")]
    [InlineData("arn:aws:iam::123456789012:role/Deployer")] // the role exists, but with a path
    [InlineData("arn:aws:iam::210987654321:user/dev")]
    public async Task Create_PrincipalNotInIam_IsInvalidPrincipal(string arn)
    {
        var error = await Should.ThrowAsync<AwsServiceException>(async () => await CreateAsync(arn));
        (error.Code, error.Message).ShouldBe(("InvalidParameterException", "The specified principalArn is invalid: invalid principal."));
    }

    [Fact]
    public async Task Describe_Missing_IsResourceNotFound()
    {
        var error = await Should.ThrowAsync<AwsServiceException>(async () => await _service.DescribeAsync(Caller, Region, "demo", _dev.Arn, default));
        (error.StatusCode, error.Message).ShouldBe((404, EksAccessEntryService.EntryNotFound));
    }

    [Fact]
    public async Task AssociatePolicy_ListsAndFilters_DisassociateRemoves()
    {
        await CreateAsync(_dev.Arn);
        await CreateAsync(_deployer.Arn);
        var view = EksAccessPolicies.ArnPrefix + "AmazonEKSViewPolicy";

        var associated = await _service.AssociateAsync(Caller, Region, "demo", _dev.Arn,
            new AssociateAccessPolicyRequest { PolicyArn = view, AccessScope = new AccessScope { Type = "namespace", Namespaces = ["team-a", "team-a"] } }, default);

        associated.AssociatedAccessPolicy.AccessScope.Namespaces.ShouldBe(["team-a"]);
        (await _service.ListAsync(Caller, Region, "demo", view, 100, null, default)).Items.ShouldBe([_dev.Arn]);
        (await _service.ListAssociatedAsync(Caller, Region, "demo", _dev.Arn, 100, null, default)).AssociatedAccessPolicies.Single().PolicyArn.ShouldBe(view);

        await _service.DisassociateAsync(Caller, Region, "demo", _dev.Arn, view, default);
        (await _service.ListAsync(Caller, Region, "demo", view, 100, null, default)).Items.ShouldBeEmpty();
        await Should.ThrowAsync<AwsServiceException>(async () => await _service.DisassociateAsync(Caller, Region, "demo", _dev.Arn, view, default));
    }

    [Fact]
    public async Task AssociatePolicy_UnknownPolicy_IsInvalidParameter()
    {
        await CreateAsync(_dev.Arn);
        var error = await Should.ThrowAsync<AwsServiceException>(async () => await _service.AssociateAsync(Caller, Region, "demo", _dev.Arn,
            new AssociateAccessPolicyRequest { PolicyArn = EksAccessPolicies.ArnPrefix + "Nope", AccessScope = new AccessScope { Type = "cluster" } }, default));
        error.Code.ShouldBe("InvalidParameterException");
    }

    [Fact]
    public async Task Update_ChangesGroupsAndUsername_DeleteRemoves()
    {
        await CreateAsync(_dev.Arn);

        var updated = await _service.UpdateAsync(Caller, Region, "demo", _dev.Arn, new UpdateAccessEntryRequest { KubernetesGroups = ["devs"], Username = "dev" }, default);
        updated.KubernetesGroups.ShouldBe(["devs"]);
        updated.Username.ShouldBe("dev");
        await Should.ThrowAsync<AwsServiceException>(async () =>
            await _service.UpdateAsync(Caller, Region, "demo", _dev.Arn, new UpdateAccessEntryRequest { Username = "system:dev" }, default));

        await _service.DeleteAsync(Caller, Region, "demo", _dev.Arn, default);
        await Should.ThrowAsync<AwsServiceException>(async () => await _service.DescribeAsync(Caller, Region, "demo", _dev.Arn, default));
    }

    [Fact]
    public async Task List_Paginates()
    {
        await CreateAsync(_dev.Arn);
        await CreateAsync(_deployer.Arn);
        await CreateAsync("arn:aws:iam::123456789012:root");

        var first = await _service.ListAsync(Caller, Region, "demo", null, 2, null, default);
        var second = await _service.ListAsync(Caller, Region, "demo", null, 2, first.NextToken, default);

        first.Items.Count.ShouldBe(2);
        second.Items.Count.ShouldBe(1);
        second.NextToken.ShouldBeNull();
        first.Items.Concat(second.Items).ShouldBe([.. new[] { _dev.Arn, _deployer.Arn, "arn:aws:iam::123456789012:root" }.Order(StringComparer.Ordinal)]);
    }

    [Fact]
    public async Task EnablingAccessEntries_TurnsTheImplicitCreatorAdminIntoAnEntry()
    {
        await using var directory = new EksClusterDirectory(_clusters, NullLogger<EksClusterDirectory>.Instance);
        var updates = new EksClusterUpdateService(_clusters, directory, new FakeEc2Network(), TimeProvider.System);

        await updates.UpdateConfigAsync(Caller, Region, "legacy",
            new UpdateClusterConfigRequest { AccessConfig = new AccessConfigUpdate { AuthenticationMode = "API_AND_CONFIG_MAP" } }, default);

        (await _service.ListAsync(Caller, Region, "legacy", EksAccessPolicies.ClusterAdmin, 100, null, default)).Items.ShouldBe([Caller.Arn]);
        var creator = await _service.DescribeAsync(Caller, Region, "legacy", Caller.Arn, default);
        creator.Username.ShouldBe(Caller.Arn);
        var policies = await _service.ListAssociatedAsync(Caller, Region, "legacy", Caller.Arn, 100, null, default);
        policies.AssociatedAccessPolicies.Single().AccessScope.Type.ShouldBe("cluster");
    }

    [Fact]
    public async Task CreatorEntryOnCreate_OnlyWithAccessEntriesAndBootstrap()
    {
        var (record, _) = (await _clusters.GetAsync(Caller.AccountId, Region, "demo", default)).ShouldNotBeNull();
        EksClusterService.CreatorEntryOnCreate(record).ShouldNotBeNull().PrincipalId.ShouldBe(Caller.UserId);

        record.Cluster.AccessConfig.BootstrapClusterCreatorAdminPermissions = false;
        EksClusterService.CreatorEntryOnCreate(record).ShouldBeNull();

        var (legacy, _) = (await _clusters.GetAsync(Caller.AccountId, Region, "legacy", default)).ShouldNotBeNull();
        EksClusterService.CreatorEntryOnCreate(legacy).ShouldBeNull();
    }

    [Fact]
    public async Task Cache_SeesACreatedEntryAtOnce()
    {
        var prefix = EksAccessEntryStore.ClusterPrefix(Caller.AccountId, Region, "demo");
        (await _cache.GetAsync("ID1", prefix, default)).Find(_dev.UserId, _dev.Arn).ShouldBeNull();

        await CreateAsync(_dev.Arn);

        (await _cache.GetAsync("ID1", prefix, default)).Find(_dev.UserId, _dev.Arn).ShouldNotBeNull();
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        File.Delete(_path);
    }
}
