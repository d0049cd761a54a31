using Lotse.Aws;
using Lotse.Eks.Clusters;
using Lotse.Eks.Updates;
using Lotse.Storage;
using Lotse.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lotse.Eks.Tests;

/// <summary>The update state machine on the real SQLite store: InProgress snapshot returned, Successful and ACTIVE committed.</summary>
public sealed class UpdateLifecycleTests : IAsyncLifetime
{
    private static readonly AwsCaller Caller = new("123456789012", "arn:aws:iam::123456789012:user/admin", "AIDA", "AKIA", AwsPrincipalType.User);
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"lotse-eks-{Guid.NewGuid():N}.db");
    private IStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await SqliteStore.OpenAsync(_path, new SqliteStoreOptions { AutoCompactInterval = TimeSpan.Zero });
        var record = new EksClusterRecord
        {
            Cluster = TestData.Cluster(),
            Id = "ID",
            AccountId = Caller.AccountId,
            Region = "eu-central-1",
            CreatorArn = Caller.Arn,
            ServiceAccountSigningKeyPem = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem(),
        };
        (await _store.CommitAsync([EksClusterStore.Create(record)])).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task UpdateClusterConfig_ReturnsInProgress_CommitsSuccessfulAndActive()
    {
        var clusters = new EksClusterStore(_store);
        await using var directory = new EksClusterDirectory(clusters, NullLogger<EksClusterDirectory>.Instance);
        var updates = new EksClusterUpdateService(clusters, directory, new FakeEc2Network(), TimeProvider.System);

        var update = await updates.UpdateConfigAsync(Caller, "eu-central-1", "demo", new UpdateClusterConfigRequest { DeletionProtection = true }, default);

        update.Status.ShouldBe(UpdateStatus.InProgress);
        var queries = new EksUpdateQueries(clusters);
        (await queries.DescribeAsync(Caller, "eu-central-1", new UpdateScope("demo", null, null, null), update.Id, default)).Status.ShouldBe(UpdateStatus.Successful);
        var (record, _) = (await clusters.GetAsync(Caller.AccountId, "eu-central-1", "demo", default)).ShouldNotBeNull();
        record.Cluster.Status.ShouldBe(ClusterStatus.Active);
        record.Cluster.DeletionProtection.ShouldBeTrue();
        directory.Find("ID").ShouldNotBeNull();
    }

    [Fact]
    public async Task UpdateClusterConfig_WhileUpdating_IsResourceInUseNamingTheUpdate()
    {
        var clusters = new EksClusterStore(_store);
        var (record, revision) = (await clusters.GetAsync(Caller.AccountId, "eu-central-1", "demo", default)).ShouldNotBeNull();
        record.Cluster.Status = ClusterStatus.Updating;
        var running = new EksUpdate { Id = "u-1", Status = UpdateStatus.InProgress, Type = UpdateType.Logging, Params = [], CreatedAt = 1 };
        var scope = EksUpdateStore.ScopePrefix(Caller.AccountId, "eu-central-1", "demo", null);
        (await _store.CommitAsync([EksClusterStore.Update(record, revision), EksUpdateStore.Create(scope, running)])).Succeeded.ShouldBeTrue();

        await using var directory = new EksClusterDirectory(clusters, NullLogger<EksClusterDirectory>.Instance);
        var updates = new EksClusterUpdateService(clusters, directory, new FakeEc2Network(), TimeProvider.System);
        var error = await Should.ThrowAsync<AwsServiceException>(async () =>
            await updates.UpdateVersionAsync(Caller, "eu-central-1", "demo", new UpdateClusterVersionRequest { Version = "1.32" }, default));

        error.Code.ShouldBe("ResourceInUseException");
        error.Message.ShouldBe("Cannot VersionUpdate because cluster demo currently has update u-1 in progress");

        // What a restarted process does with it: finish the update, cluster ACTIVE again.
        var (stuck, stuckRevision) = (await clusters.GetAsync(Caller.AccountId, "eu-central-1", "demo", default)).ShouldNotBeNull();
        await updates.ResumeAsync(stuck, stuckRevision, default);
        (await clusters.GetAsync(Caller.AccountId, "eu-central-1", "demo", default)).ShouldNotBeNull().Record.Cluster.Status.ShouldBe(ClusterStatus.Active);
    }

    [Fact]
    public async Task UpdateClusterConfig_SameClientRequestToken_ReturnsTheFirstUpdate()
    {
        var clusters = new EksClusterStore(_store);
        await using var directory = new EksClusterDirectory(clusters, NullLogger<EksClusterDirectory>.Instance);
        var updates = new EksClusterUpdateService(clusters, directory, new FakeEc2Network(), TimeProvider.System);
        var request = new UpdateClusterConfigRequest { DeletionProtection = true, ClientRequestToken = "tok/1" };

        var first = await updates.UpdateConfigAsync(Caller, "eu-central-1", "demo", request, default);
        var retry = await updates.UpdateConfigAsync(Caller, "eu-central-1", "demo", request, default);

        retry.Id.ShouldBe(first.Id);
        var (ids, _) = await new EksUpdateQueries(clusters).ListAsync(Caller, "eu-central-1", new UpdateScope("demo", null, null, null), 100, null, default);
        ids.ShouldBe([first.Id]);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        File.Delete(_path);
    }
}
