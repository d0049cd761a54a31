using Lotse.Aws;
using Lotse.Eks.Addons;
using Lotse.Eks.Clusters;
using Lotse.Eks.Tags;
using Lotse.Eks.Updates;
using Lotse.Storage;
using Lotse.Storage.Sqlite;

namespace Lotse.Eks.Tests;

/// <summary>Add-ons on the real SQLite store: CREATING → ACTIVE, duplicates and tokens, updates through DescribeUpdate, delete, resume.</summary>
public sealed class AddonLifecycleTests : IAsyncLifetime
{
    private const string Region = "eu-central-1";
    private static readonly AwsCaller Caller = new("123456789012", "arn:aws:iam::123456789012:user/admin", "AIDA", "AKIA", AwsPrincipalType.User);
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"lotse-eks-{Guid.NewGuid():N}.db");
    private IStore _store = null!;
    private EksClusterStore _clusters = null!;
    private EksAddonService _addons = null!;

    public async Task InitializeAsync()
    {
        _store = await SqliteStore.OpenAsync(_path, new SqliteStoreOptions { AutoCompactInterval = TimeSpan.Zero });
        var record = new EksClusterRecord
        {
            Cluster = TestData.Cluster(version: "1.32"),
            Id = "ID",
            AccountId = Caller.AccountId,
            Region = Region,
            CreatorArn = Caller.Arn,
            ServiceAccountSigningKeyPem = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem(),
        };
        (await _store.CommitAsync([EksClusterStore.Create(record)])).Succeeded.ShouldBeTrue();
        _clusters = new EksClusterStore(_store);
        _addons = new EksAddonService(_clusters, TimeProvider.System);
    }

    [Fact]
    public async Task Create_ReturnsCreating_ThenDescribeIsActiveWithTheDefaultVersion()
    {
        var created = await _addons.CreateAsync(Caller, Region, "demo", new CreateAddonRequest { AddonName = "vpc-cni", Tags = new() { ["team"] = "net" } }, default);

        created.Status.ShouldBe(AddonStatus.Creating);
        created.AddonVersion.ShouldBe(AddonCatalog.DefaultVersion(AddonCatalog.Find("vpc-cni")!, "1.32"));
        created.AddonArn.ShouldStartWith("arn:aws:eks:eu-central-1:123456789012:addon/demo/vpc-cni/");
        var described = await _addons.DescribeAsync(Caller, Region, "demo", "vpc-cni", default);
        described.Status.ShouldBe(AddonStatus.Active);
        described.Health.Issues.ShouldBeEmpty();
        described.Owner.ShouldBe("aws");
        described.Tags["team"].ShouldBe("net");
    }

    [Fact]
    public async Task Create_Twice_IsResourceInUse_UnlessTheTokenRepeats()
    {
        var request = new CreateAddonRequest { AddonName = "coredns", ClientRequestToken = "t-1" };
        var first = await _addons.CreateAsync(Caller, Region, "demo", request, default);

        (await _addons.CreateAsync(Caller, Region, "demo", request, default)).AddonArn.ShouldBe(first.AddonArn);
        var error = await Should.ThrowAsync<AwsServiceException>(async () =>
            await _addons.CreateAsync(Caller, Region, "demo", new CreateAddonRequest { AddonName = "coredns" }, default));
        error.Code.ShouldBe("ResourceInUseException");
        error.Message.ShouldBe("Addon already exists.");
    }

    [Fact]
    public async Task Create_UnknownCluster_IsResourceNotFound()
    {
        var error = await Should.ThrowAsync<AwsServiceException>(async () =>
            await _addons.CreateAsync(Caller, Region, "nope", new CreateAddonRequest { AddonName = "coredns" }, default));

        error.Code.ShouldBe("ResourceNotFoundException");
        error.Message.ShouldBe("No cluster found for name: nope.");
    }

    [Fact]
    public async Task Update_ReturnsInProgress_DescribeUpdateShowsSuccessful()
    {
        await _addons.CreateAsync(Caller, Region, "demo", new CreateAddonRequest { AddonName = "kube-proxy", AddonVersion = "v1.32.0-eksbuild.2" }, default);

        var update = await _addons.UpdateAsync(Caller, Region, "demo", "kube-proxy",
            new UpdateAddonRequest { AddonVersion = "v1.32.3-eksbuild.7", ResolveConflicts = "OVERWRITE", ConfigurationValues = """{"mode":"ipvs"}""" }, default);

        update.Status.ShouldBe(UpdateStatus.InProgress);
        update.Type.ShouldBe(UpdateType.Addon);
        update.Params.ShouldBe([new("AddonVersion", "v1.32.3-eksbuild.7"), new("ResolveConflicts", "OVERWRITE"), new("ConfigurationValues", """{"mode":"ipvs"}""")]);
        var queries = new EksUpdateQueries(_clusters);
        var scope = new UpdateScope("demo", null, "kube-proxy", null);
        (await queries.DescribeAsync(Caller, Region, scope, update.Id, default)).Status.ShouldBe(UpdateStatus.Successful);
        (await queries.ListAsync(Caller, Region, scope, 100, null, default)).Ids.ShouldBe([update.Id]);
        (await queries.ListAsync(Caller, Region, new UpdateScope("demo", null, null, null), 100, null, default)).Ids.ShouldBeEmpty();
        var addon = await _addons.DescribeAsync(Caller, Region, "demo", "kube-proxy", default);
        addon.Status.ShouldBe(AddonStatus.Active);
        addon.AddonVersion.ShouldBe("v1.32.3-eksbuild.7");
        addon.ConfigurationValues.ShouldBe("""{"mode":"ipvs"}""");
    }

    [Fact]
    public async Task Update_NothingToChangeOrOlderVersion_IsInvalidParameter()
    {
        await _addons.CreateAsync(Caller, Region, "demo", new CreateAddonRequest { AddonName = "kube-proxy", AddonVersion = "v1.32.3-eksbuild.7" }, default);

        (await Should.ThrowAsync<AwsServiceException>(async () =>
            await _addons.UpdateAsync(Caller, Region, "demo", "kube-proxy", new UpdateAddonRequest { AddonVersion = "v1.32.3-eksbuild.7" }, default))).Code.ShouldBe("InvalidParameterException");
        (await Should.ThrowAsync<AwsServiceException>(async () =>
            await _addons.UpdateAsync(Caller, Region, "demo", "kube-proxy", new UpdateAddonRequest { AddonVersion = "v1.32.0-eksbuild.2" }, default))).Code.ShouldBe("InvalidParameterException");
        (await Should.ThrowAsync<AwsServiceException>(async () =>
            await _addons.UpdateAsync(Caller, Region, "demo", "kube-proxy", new UpdateAddonRequest { AddonVersion = "v1.31.3-eksbuild.2" }, default))).Message.ShouldBe("Addon version specified is not supported");
    }

    [Fact]
    public async Task Update_WhileUpdating_IsResourceInUse_AndResumeFinishesIt()
    {
        await _addons.CreateAsync(Caller, Region, "demo", new CreateAddonRequest { AddonName = "coredns" }, default);
        var store = new EksAddonStore(_store);
        var (record, revision) = (await store.GetAsync(Caller.AccountId, Region, "demo", "coredns", default)).ShouldNotBeNull();
        record.Addon.Status = AddonStatus.Updating;
        var running = new EksUpdate { Id = "u-1", Status = UpdateStatus.InProgress, Type = UpdateType.Addon, Params = [], CreatedAt = 1 };
        var scope = EksUpdateStore.AddonScopePrefix(Caller.AccountId, Region, "demo", "coredns");
        (await _store.CommitAsync([EksAddonStore.Update(Caller.AccountId, Region, record, revision), EksUpdateStore.Create(scope, running)])).Succeeded.ShouldBeTrue();

        var error = await Should.ThrowAsync<AwsServiceException>(async () =>
            await _addons.UpdateAsync(Caller, Region, "demo", "coredns", new UpdateAddonRequest { ConfigurationValues = """{"replicaCount":3}""" }, default));

        error.Code.ShouldBe("ResourceInUseException");
        error.Message.ShouldContain("u-1");
        await _addons.ResumeAsync(default);
        (await _addons.DescribeAsync(Caller, Region, "demo", "coredns", default)).Status.ShouldBe(AddonStatus.Active);
        (await new EksUpdateStore(_store).GetAsync(scope, "u-1", default)).ShouldNotBeNull().Update.Status.ShouldBe(UpdateStatus.Successful);
    }

    [Fact]
    public async Task Delete_ReturnsDeleting_ThenGoneWithItsUpdates()
    {
        await _addons.CreateAsync(Caller, Region, "demo", new CreateAddonRequest { AddonName = "eks-pod-identity-agent" }, default);
        await _addons.UpdateAsync(Caller, Region, "demo", "eks-pod-identity-agent", new UpdateAddonRequest { AddonVersion = "v1.3.7-eksbuild.2" }, default);

        (await _addons.DeleteAsync(Caller, Region, "demo", "eks-pod-identity-agent", preserve: true, default)).Status.ShouldBe(AddonStatus.Deleting);

        var error = await Should.ThrowAsync<AwsServiceException>(async () => await _addons.DescribeAsync(Caller, Region, "demo", "eks-pod-identity-agent", default));
        error.Code.ShouldBe("ResourceNotFoundException");
        error.Message.ShouldBe("No addon: eks-pod-identity-agent found in cluster: demo");
        (await _store.ListAsync(EksUpdateStore.AddonScopePrefix(Caller.AccountId, Region, "demo", "eks-pod-identity-agent"), default)).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task List_Pages_InNameOrder()
    {
        foreach (var name in new[] { "vpc-cni", "coredns", "kube-proxy" })
        {
            await _addons.CreateAsync(Caller, Region, "demo", new CreateAddonRequest { AddonName = name }, default);
        }

        var (first, next) = await _addons.ListAsync(Caller, Region, "demo", 2, null, default);
        var (second, last) = await _addons.ListAsync(Caller, Region, "demo", 2, next, default);

        first.ShouldBe(["coredns", "kube-proxy"]);
        second.ShouldBe(["vpc-cni"]);
        last.ShouldBeNull();
    }

    [Fact]
    public async Task Tags_OnTheAddonArn_ChangeTheAddon()
    {
        var created = await _addons.CreateAsync(Caller, Region, "demo", new CreateAddonRequest { AddonName = "aws-ebs-csi-driver" }, default);
        var tags = new EksTagService(_clusters);

        await tags.TagAsync(Caller, Region, created.AddonArn, new() { ["env"] = "prod" }, default);

        (await tags.ListAsync(Caller, Region, created.AddonArn, default)).ShouldContainKeyAndValue("env", "prod");
        (await _addons.DescribeAsync(Caller, Region, "demo", "aws-ebs-csi-driver", default)).Tags.ShouldContainKeyAndValue("env", "prod");
    }

    [Fact]
    public async Task PodIdentityAssociations_AreStored_AndFollowUpdates()
    {
        var association = new AddonPodIdentityAssociation("aws-node", "arn:aws:iam::123456789012:role/cni");
        var created = await _addons.CreateAsync(Caller, Region, "demo", new CreateAddonRequest { AddonName = "vpc-cni", PodIdentityAssociations = [association] }, default);

        created.PodIdentityAssociations.ShouldHaveSingleItem().ShouldStartWith("arn:aws:eks:eu-central-1:123456789012:podidentityassociation/demo/a-");
        (await new EksAddonStore(_store).GetAsync(Caller.AccountId, Region, "demo", "vpc-cni", default)).ShouldNotBeNull().Record.Associations.ShouldBe([association]);
        var update = await _addons.UpdateAsync(Caller, Region, "demo", "vpc-cni", new UpdateAddonRequest { PodIdentityAssociations = [] }, default);
        update.Params.ShouldHaveSingleItem().Type.ShouldBe("PodIdentityAssociations");
        (await _addons.DescribeAsync(Caller, Region, "demo", "vpc-cni", default)).PodIdentityAssociations.ShouldBeEmpty();
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        File.Delete(_path);
    }
}
