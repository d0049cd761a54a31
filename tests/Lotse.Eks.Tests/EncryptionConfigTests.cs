using Lotse.Aws;
using Lotse.Eks.Clusters;
using Lotse.Eks.Updates;
using Lotse.Storage;
using Lotse.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lotse.Eks.Tests;

/// <summary>AssociateEncryptionConfig: the planner's rules and the update on the real SQLite store.</summary>
public sealed class EncryptionConfigTests : IAsyncLifetime
{
    private const string KeyArn = "arn:aws:kms:eu-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static readonly AwsCaller Caller = new("123456789012", "arn:aws:iam::123456789012:user/admin", "AIDA", "AKIA", AwsPrincipalType.User);
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"lotse-eks-{Guid.NewGuid():N}.db");
    private IStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await SqliteStore.OpenAsync(_path, new SqliteStoreOptions { AutoCompactInterval = TimeSpan.Zero });
        (await _store.CommitAsync([EksClusterStore.Create(SeededCluster.Record())])).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void Plan_Secrets_IsAssociateEncryptionConfigWithItsParam()
    {
        var change = ClusterEncryptionChange.Plan([Config(KeyArn)], TestData.Cluster());

        change.Type.ShouldBe(UpdateType.AssociateEncryptionConfig);
        change.Params.ShouldHaveSingleItem().Type.ShouldBe("EncryptionConfig");
        change.Params[0].Value.ShouldContain(KeyArn);
    }

    [Theory]
    [InlineData("configmaps", KeyArn)]
    [InlineData("secrets", "arn:aws:iam::123456789012:role/not-a-key")]
    [InlineData("secrets", "1234abcd")]
    public void Plan_BadResourceOrKey_IsInvalidParameter(string resource, string keyArn)
    {
        var config = new EncryptionConfig { Resources = [resource], Provider = new EncryptionProvider { KeyArn = keyArn } };

        Should.Throw<AwsServiceException>(() => ClusterEncryptionChange.Plan([config], TestData.Cluster())).Code.ShouldBe("InvalidParameterException");
    }

    [Fact]
    public void Plan_AlreadyEncrypted_IsRefused()
    {
        var cluster = TestData.Cluster();
        cluster.EncryptionConfig = [Config(KeyArn)];

        var error = Should.Throw<AwsServiceException>(() => ClusterEncryptionChange.Plan([Config(KeyArn)], cluster));

        error.Code.ShouldBe("InvalidParameterException");
        error.Message.ShouldBe("Encryption is already enabled on the cluster");
    }

    [Fact]
    public async Task AssociateEncryption_StoresTheConfigAndFinishesTheUpdate()
    {
        var clusters = new EksClusterStore(_store);
        await using var directory = new EksClusterDirectory(clusters, NullLogger<EksClusterDirectory>.Instance);
        var updates = new EksClusterUpdateService(clusters, directory, new FakeEc2Network(), TimeProvider.System);

        var update = await updates.AssociateEncryptionAsync(Caller, "eu-central-1", "demo", new AssociateEncryptionConfigRequest { EncryptionConfig = [Config(KeyArn)] }, default);

        update.Type.ShouldBe(UpdateType.AssociateEncryptionConfig);
        var (record, _) = (await clusters.GetAsync(Caller.AccountId, "eu-central-1", "demo", default)).ShouldNotBeNull();
        record.Cluster.Status.ShouldBe(ClusterStatus.Active);
        record.Cluster.EncryptionConfig.ShouldNotBeNull().ShouldHaveSingleItem().Provider!.KeyArn.ShouldBe(KeyArn);
        await Should.ThrowAsync<AwsServiceException>(async () =>
            await updates.AssociateEncryptionAsync(Caller, "eu-central-1", "demo", new AssociateEncryptionConfigRequest { EncryptionConfig = [Config(KeyArn)] }, default));
    }

    private static EncryptionConfig Config(string keyArn) => new() { Resources = ["secrets"], Provider = new EncryptionProvider { KeyArn = keyArn } };

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        File.Delete(_path);
    }
}
