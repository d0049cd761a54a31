using Lotse.Aws.Iam;
using Lotse.Aws.Tests.Support;

namespace Lotse.Aws.Tests;

public sealed class AwsInstallationTests
{
    [Fact]
    public async Task InitializeAsync_FirstStart_CreatesAccountAdminAndOneKey()
    {
        var store = new InMemoryStore();

        var installation = await AwsInstallation.InitializeAsync(store, default);

        installation.AccountId.ShouldMatch("^[1-9][0-9]{11}$");
        installation.AdminUserArn.ShouldBe($"arn:aws:iam::{installation.AccountId}:user/admin");
        installation.AdminAccessKeyId.ShouldMatch("^AKIA[A-Z2-7]{16}$");
        installation.AdminSecretAccessKey.Length.ShouldBe(40);
        installation.ToString().ShouldNotContain(installation.AdminSecretAccessKey);

        var repository = new IamRepository(store, TimeProvider.System);
        var key = await repository.FindAsync(installation.AdminAccessKeyId, default);
        key!.SecretAccessKey.ShouldBe(installation.AdminSecretAccessKey);
        key.Caller.Arn.ShouldBe(installation.AdminUserArn);
        key.ToString().ShouldNotContain(installation.AdminSecretAccessKey);
        (await repository.ListAccessKeysAsync(installation.AccountId, "admin", default)).Count.ShouldBe(1);
        (await store.CountAsync("/aws/iam/access-keys/", default)).ShouldBe(1, "the account root has no access key");
    }

    [Fact]
    public async Task InitializeAsync_SecondStart_LoadsSameIdentity()
    {
        var store = new InMemoryStore();
        var first = await AwsInstallation.InitializeAsync(store, default);

        var second = await AwsInstallation.InitializeAsync(store, default);

        second.AccountId.ShouldBe(first.AccountId);
        second.AdminAccessKeyId.ShouldBe(first.AdminAccessKeyId);
        second.AdminSecretAccessKey.ShouldBe(first.AdminSecretAccessKey);
    }

    [Fact]
    public async Task InitializeAsync_ConcurrentStarts_AgreeOnOneAccount()
    {
        var store = new InMemoryStore();

        var all = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => AwsInstallation.InitializeAsync(store, default))));

        all.Select(i => i.AccountId).Distinct().Count().ShouldBe(1);
        (await store.CountAsync("/aws/iam/access-keys/", default)).ShouldBe(1);
    }

    [Fact]
    public async Task InitializeAsync_AdminKeyRotated_LoadsCurrentKey()
    {
        var store = new InMemoryStore();
        var first = await AwsInstallation.InitializeAsync(store, default);
        var repository = new IamRepository(store, TimeProvider.System);
        var rotated = await repository.CreateAccessKeyAsync(first.AccountId, "admin", default);
        await repository.DeleteAccessKeyAsync(first.AccountId, "admin", first.AdminAccessKeyId, default);

        var second = await AwsInstallation.InitializeAsync(store, default);

        second.AdminAccessKeyId.ShouldBe(rotated.AccessKeyId);
        second.AdminSecretAccessKey.ShouldBe(rotated.SecretAccessKey);
    }
}
