using Lotse.Aws;
using Lotse.Eks.Clusters;
using Lotse.Eks.IdentityProviders;
using Lotse.Eks.Updates;
using Lotse.Storage;
using Lotse.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lotse.Eks.Tests;

/// <summary>OIDC identity provider configs on the real SQLite store: associate/disassociate as cluster updates, one per cluster.</summary>
public sealed class IdentityProviderConfigTests : IAsyncLifetime
{
    private const string Region = SeededCluster.Region;
    private static readonly AwsCaller Caller = new(SeededCluster.AccountId, "arn:aws:iam::123456789012:user/admin", "AIDA", "AKIA", AwsPrincipalType.User);
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"lotse-eks-{Guid.NewGuid():N}.db");
    private IStore _store = null!;
    private EksClusterStore _clusters = null!;
    private EksClusterDirectory _directory = null!;
    private EksIdentityProviderConfigService _service = null!;

    public async Task InitializeAsync()
    {
        _store = await SqliteStore.OpenAsync(_path, new SqliteStoreOptions { AutoCompactInterval = TimeSpan.Zero });
        (await _store.CommitAsync([EksClusterStore.Create(SeededCluster.Record())])).Succeeded.ShouldBeTrue();
        _clusters = new EksClusterStore(_store);
        _directory = new EksClusterDirectory(_clusters, NullLogger<EksClusterDirectory>.Instance);
        _service = new EksIdentityProviderConfigService(_clusters, new EksClusterUpdateService(_clusters, _directory, new FakeEc2Network(), TimeProvider.System));
    }

    [Fact]
    public async Task Associate_ReturnsTheUpdate_ConfigActive_ClusterActive()
    {
        var (update, tags) = await _service.AssociateAsync(Caller, Region, "demo", Request("corp", tags: new() { ["team"] = "a" }), default);

        update.Type.ShouldBe(UpdateType.AssociateIdentityProviderConfig);
        update.Status.ShouldBe(UpdateStatus.InProgress);
        update.Params.ShouldHaveSingleItem().ShouldBe(new UpdateParam("IdentityProviderConfig", """[{"type":"oidc","name":"corp"}]"""));
        tags["team"].ShouldBe("a");
        var config = await _service.DescribeAsync(Caller, Region, "demo", Ref("corp"), default);
        config.Status.ShouldBe(IdentityProviderConfigStatus.Active);
        config.IdentityProviderConfigArn.ShouldStartWith("arn:aws:eks:eu-central-1:123456789012:identityproviderconfig/demo/oidc/corp/");
        config.IssuerUrl.ShouldBe("https://issuer.example.com");
        (await _clusters.GetAsync(Caller.AccountId, Region, "demo", default)).ShouldNotBeNull().Record.Cluster.Status.ShouldBe(ClusterStatus.Active);
        var described = await new EksUpdateQueries(_clusters).DescribeAsync(Caller, Region, new UpdateScope("demo", null, null, null), update.Id, default);
        described.Status.ShouldBe(UpdateStatus.Successful);
    }

    [Fact]
    public async Task Associate_SecondConfig_IsRefused_SameName_IsResourceInUse()
    {
        await _service.AssociateAsync(Caller, Region, "demo", Request("corp"), default);

        (await Should.ThrowAsync<AwsServiceException>(async () => await _service.AssociateAsync(Caller, Region, "demo", Request("corp"), default)))
            .Code.ShouldBe("ResourceInUseException");
        (await Should.ThrowAsync<AwsServiceException>(async () => await _service.AssociateAsync(Caller, Region, "demo", Request("other"), default)))
            .Code.ShouldBe("InvalidRequestException");
    }

    [Fact]
    public async Task Associate_SameClientRequestToken_ReturnsTheFirstUpdate()
    {
        var first = await _service.AssociateAsync(Caller, Region, "demo", Request("corp", token: "t1"), default);
        var retry = await _service.AssociateAsync(Caller, Region, "demo", Request("corp", token: "t1"), default);

        retry.Update.Id.ShouldBe(first.Update.Id);
    }

    [Theory]
    [InlineData("corp", "http://issuer.example.com")]
    [InlineData("corp", "not a url")]
    [InlineData("-bad", "https://issuer.example.com")]
    [InlineData("", "https://issuer.example.com")]
    public async Task Associate_BadInput_IsInvalidParameter(string name, string issuer)
    {
        var request = new AssociateIdentityProviderConfigRequest { Oidc = new() { IdentityProviderConfigName = name, IssuerUrl = issuer, ClientId = "c" } };

        (await Should.ThrowAsync<AwsServiceException>(async () => await _service.AssociateAsync(Caller, Region, "demo", request, default)))
            .Code.ShouldBe("InvalidParameterException");
    }

    [Fact]
    public async Task Disassociate_RemovesTheConfig_AndAllowsANewOne()
    {
        await _service.AssociateAsync(Caller, Region, "demo", Request("corp"), default);

        var update = await _service.DisassociateAsync(Caller, Region, "demo", Ref("corp"), default);

        update.Type.ShouldBe(UpdateType.DisassociateIdentityProviderConfig);
        (await Should.ThrowAsync<AwsServiceException>(async () => await _service.DescribeAsync(Caller, Region, "demo", Ref("corp"), default)))
            .Code.ShouldBe("ResourceNotFoundException");
        (await _service.ListAsync(Caller, Region, "demo", 100, null, default)).Configs.ShouldBeEmpty();
        await _service.AssociateAsync(Caller, Region, "demo", Request("other"), default);
    }

    [Fact]
    public async Task Describe_UnknownCluster_IsClusterNotFound()
    {
        var error = await Should.ThrowAsync<AwsServiceException>(async () => await _service.DescribeAsync(Caller, Region, "nope", Ref("corp"), default));

        error.Message.ShouldBe("No cluster found for name: nope.");
    }

    [Fact]
    public async Task List_ShowsTypeAndName()
    {
        await _service.AssociateAsync(Caller, Region, "demo", Request("corp"), default);

        var (configs, next) = await _service.ListAsync(Caller, Region, "demo", 100, null, default);

        configs.ShouldBe([new IdentityProviderConfigRef("oidc", "corp")]);
        next.ShouldBeNull();
    }

    private static AssociateIdentityProviderConfigRequest Request(string name, string? token = null, Dictionary<string, string>? tags = null) => new()
    {
        Oidc = new() { IdentityProviderConfigName = name, IssuerUrl = "https://issuer.example.com", ClientId = "kubernetes", UsernameClaim = "email" },
        ClientRequestToken = token,
        Tags = tags,
    };

    private static IdentityProviderConfigRequest Ref(string name) => new() { IdentityProviderConfig = new("oidc", name) };

    public async Task DisposeAsync()
    {
        await _directory.DisposeAsync();
        await _store.DisposeAsync();
        File.Delete(_path);
    }
}
