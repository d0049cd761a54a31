using Lotse.Aws;
using Lotse.Aws.Iam;
using Lotse.Eks.Clusters;
using Lotse.Eks.PodIdentity;
using Lotse.Storage;
using Lotse.Storage.Sqlite;

namespace Lotse.Eks.Tests;

/// <summary>Pod identity associations on the real SQLite store: one per service account, roles checked in IAM, filters and pages.</summary>
public sealed class PodIdentityAssociationTests : IAsyncLifetime
{
    private const string Region = SeededCluster.Region;
    private const string RoleArn = "arn:aws:iam::123456789012:role/app";
    private static readonly AwsCaller Caller = new(SeededCluster.AccountId, "arn:aws:iam::123456789012:user/admin", "AIDA", "AKIA", AwsPrincipalType.User);
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"lotse-eks-{Guid.NewGuid():N}.db");
    private IStore _store = null!;
    private EksPodIdentityAssociationService _service = null!;

    public async Task InitializeAsync()
    {
        _store = await SqliteStore.OpenAsync(_path, new SqliteStoreOptions { AutoCompactInterval = TimeSpan.Zero });
        (await _store.CommitAsync([EksClusterStore.Create(SeededCluster.Record())])).Succeeded.ShouldBeTrue();
        var iam = new IamRepository(_store, TimeProvider.System);
        await iam.CreateRoleAsync(Caller.AccountId, "app", "/", "{}", null, 3600, [], default);
        await iam.CreateRoleAsync(Caller.AccountId, "other", "/", "{}", null, 3600, [], default);
        _service = new EksPodIdentityAssociationService(new EksClusterStore(_store), iam, TimeProvider.System);
    }

    [Fact]
    public async Task Create_ReturnsTheAssociationWithIdAndArn()
    {
        var association = await CreateAsync("default", "app", tags: new() { ["team"] = "a" });

        association.AssociationId.ShouldMatch("^a-[a-z0-9]{17}$");
        association.AssociationArn.ShouldBe($"arn:aws:eks:eu-central-1:123456789012:podidentityassociation/demo/{association.AssociationId}");
        association.RoleArn.ShouldBe(RoleArn);
        association.Tags["team"].ShouldBe("a");
        association.ExternalId.ShouldBeNull();
        (await _service.DescribeAsync(Caller, Region, "demo", association.AssociationId, default)).ServiceAccount.ShouldBe("app");
    }

    [Fact]
    public async Task Tags_OnTheAssociationArn_AreListedAndChanged()
    {
        var association = await CreateAsync("default", "app", tags: new() { ["team"] = "a" });
        var tags = new Lotse.Eks.Tags.EksTagService(new EksClusterStore(_store));

        await tags.TagAsync(Caller, Region, association.AssociationArn, new() { ["b"] = "2" }, default);

        (await tags.ListAsync(Caller, Region, association.AssociationArn, default)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Create_SameServiceAccount_IsResourceInUseNamingTheAssociation()
    {
        var first = await CreateAsync("default", "app");

        var error = await Should.ThrowAsync<AwsServiceException>(async () => await CreateAsync("default", "app"));

        error.Code.ShouldBe("ResourceInUseException");
        error.Message.ShouldBe($"Association already exists: {first.AssociationId}");
    }

    [Fact]
    public async Task Create_RetriedWithItsToken_ReturnsTheSameAssociation()
    {
        var request = new CreatePodIdentityAssociationRequest { Namespace = "default", ServiceAccount = "retry", RoleArn = RoleArn, ClientRequestToken = "t-1" };
        var first = await _service.CreateAsync(Caller, Region, "demo", request, default);

        var again = await _service.CreateAsync(Caller, Region, "demo", request, default);
        again.AssociationId.ShouldBe(first.AssociationId);

        var other = new CreatePodIdentityAssociationRequest { Namespace = "default", ServiceAccount = "retry", RoleArn = RoleArn, ClientRequestToken = "t-2" };
        (await Should.ThrowAsync<AwsServiceException>(async () => await _service.CreateAsync(Caller, Region, "demo", other, default))).Code.ShouldBe("ResourceInUseException");
    }

    [Fact]
    public async Task Create_UnknownRole_IsInvalidParameter()
    {
        var error = await Should.ThrowAsync<AwsServiceException>(async () => await CreateAsync("default", "app", "arn:aws:iam::123456789012:role/missing"));

        error.Code.ShouldBe("InvalidParameterException");
        error.Message.ShouldBe("The role with name missing cannot be found.");
    }

    [Theory]
    [InlineData("Default", "app", RoleArn)]
    [InlineData("default", "App_", RoleArn)]
    [InlineData("default", "app", "arn:aws:iam::123456789012:user/someone")]
    public async Task Create_BadInput_IsInvalidParameter(string ns, string serviceAccount, string roleArn) =>
        (await Should.ThrowAsync<AwsServiceException>(async () => await CreateAsync(ns, serviceAccount, roleArn))).Code.ShouldBe("InvalidParameterException");

    [Fact]
    public async Task Update_ChangesRoleAndTarget_KeepsTheRest()
    {
        var created = await CreateAsync("default", "app", tags: new() { ["team"] = "a" });

        var updated = await _service.UpdateAsync(Caller, Region, "demo", created.AssociationId, new UpdatePodIdentityAssociationRequest
        {
            RoleArn = "arn:aws:iam::123456789012:role/other",
            TargetRoleArn = "arn:aws:iam::210987654321:role/target",
            DisableSessionTags = true,
        }, default);

        updated.RoleArn.ShouldBe("arn:aws:iam::123456789012:role/other");
        updated.TargetRoleArn.ShouldBe("arn:aws:iam::210987654321:role/target");
        updated.ExternalId.ShouldNotBeNull();
        updated.DisableSessionTags.ShouldBeTrue();
        updated.Tags["team"].ShouldBe("a");
        updated.ModifiedAt.ShouldBeGreaterThanOrEqualTo(created.CreatedAt);
    }

    [Fact]
    public async Task Delete_ReturnsTheAssociation_ThenNotFound()
    {
        var created = await CreateAsync("default", "app");

        (await _service.DeleteAsync(Caller, Region, "demo", created.AssociationId, default)).AssociationId.ShouldBe(created.AssociationId);

        (await Should.ThrowAsync<AwsServiceException>(async () => await _service.DescribeAsync(Caller, Region, "demo", created.AssociationId, default)))
            .Code.ShouldBe("ResourceNotFoundException");
    }

    [Fact]
    public async Task Describe_IdOfWrongLength_IsInvalidParameter()
    {
        var error = await Should.ThrowAsync<AwsServiceException>(async () => await _service.DescribeAsync(Caller, Region, "demo", "a-short", default));

        error.Message.ShouldBe("The parameter associationId should be 19 characters long.");
    }

    [Fact]
    public async Task List_FiltersAndPages()
    {
        await CreateAsync("default", "a");
        await CreateAsync("default", "b");
        await CreateAsync("kube-system", "a");

        (await _service.ListAsync(Caller, Region, "demo", "default", null, 100, null, default)).Associations.Count.ShouldBe(2);
        (await _service.ListAsync(Caller, Region, "demo", null, "a", 100, null, default)).Associations.Count.ShouldBe(2);
        (await _service.ListAsync(Caller, Region, "demo", "kube-system", "a", 100, null, default)).Associations.ShouldHaveSingleItem();

        var (first, token) = await _service.ListAsync(Caller, Region, "demo", null, null, 2, null, default);
        var (second, end) = await _service.ListAsync(Caller, Region, "demo", null, null, 2, token.ShouldNotBeNull(), default);
        first.Count.ShouldBe(2);
        second.ShouldHaveSingleItem();
        end.ShouldBeNull();
        first.Concat(second).Select(a => a.AssociationId).Distinct().Count().ShouldBe(3);
    }

    private ValueTask<EksPodIdentityAssociation> CreateAsync(string ns, string serviceAccount, string roleArn = RoleArn, Dictionary<string, string>? tags = null) =>
        _service.CreateAsync(Caller, Region, "demo", new CreatePodIdentityAssociationRequest { Namespace = ns, ServiceAccount = serviceAccount, RoleArn = roleArn, Tags = tags }, default);

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        File.Delete(_path);
    }
}
