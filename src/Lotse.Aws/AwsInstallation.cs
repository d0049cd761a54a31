using System.Text.Json;
using Lotse.Aws.Iam;
using Lotse.Storage;

namespace Lotse.Aws;

/// <summary>
/// The installation's AWS identity: one account and its IAM user <c>admin</c> with one access key, created on
/// first start and loaded afterwards. The account root gets no access key (as AWS advises).
/// </summary>
public sealed class AwsInstallation
{
    public const string StoreKey = "/aws/installation";
    public const string AdminUserName = "admin";

    private AwsInstallation(string accountId, string adminUserArn, string adminAccessKeyId, string adminSecretAccessKey)
    {
        AccountId = accountId;
        AdminUserArn = adminUserArn;
        AdminAccessKeyId = adminAccessKeyId;
        AdminSecretAccessKey = adminSecretAccessKey;
    }

    public string AccountId { get; }

    public string AdminUserArn { get; }

    public string AdminAccessKeyId { get; }

    /// <summary>The admin's secret. Show it to the operator once (e.g. <c>lotse credentials</c>); never log it.</summary>
    public string AdminSecretAccessKey { get; }

    public override string ToString() => $"AwsInstallation {{ AccountId = {AccountId}, AdminUserArn = {AdminUserArn}, AdminAccessKeyId = {AdminAccessKeyId} }}";

    public static async Task<AwsInstallation> InitializeAsync(IStore store, CancellationToken ct) =>
        await InitializeAsync(store, TimeProvider.System, ct);

    /// <summary>
    /// Creates the installation record, the admin user and its key in ONE commit, so replicas starting together
    /// on a shared store agree on a single account: the loser's create fails and it loads the winner's.
    /// </summary>
    public static async Task<AwsInstallation> InitializeAsync(IStore store, TimeProvider time, CancellationToken ct)
    {
        if (await LoadAsync(store, ct) is { } existing)
        {
            return existing;
        }

        var repository = new IamRepository(store, time);
        var accountId = IamIds.NewAccountId();
        var admin = repository.NewUser(accountId, AdminUserName, "/", null);
        var key = repository.NewAccessKey(admin);
        var record = new InstallationRecord(accountId, admin.Arn, key.AccessKeyId, time.GetUtcNow());
        StoreOperation[] operations =
        [
            StoreOperation.Create(StoreKey, JsonSerializer.SerializeToUtf8Bytes(record, IamRepository.Json)),
            StoreOperation.Create(IamRepository.UserKey(accountId, AdminUserName), JsonSerializer.SerializeToUtf8Bytes(admin, IamRepository.Json)),
            .. IamRepository.AccessKeyCreateOperations(key),
        ];
        var result = await store.CommitAsync(operations, ct);
        if (result.Succeeded)
        {
            return new AwsInstallation(accountId, admin.Arn, key.AccessKeyId, key.SecretAccessKey);
        }

        return await LoadAsync(store, ct) ?? throw new InvalidOperationException($"Could not create {StoreKey}: {result.Status}.");
    }

    private static async Task<AwsInstallation?> LoadAsync(IStore store, CancellationToken ct)
    {
        var kv = await store.GetAsync(StoreKey, 0, ct);
        if (kv is null)
        {
            return null;
        }

        var record = JsonSerializer.Deserialize<InstallationRecord>(kv.Value.Span, IamRepository.Json)
            ?? throw new InvalidDataException($"{StoreKey} is empty.");
        var repository = new IamRepository(store, TimeProvider.System);

        // The operator may have rotated the admin's key (created a new one, deleted the first): then the
        // installation reports the admin's current key rather than failing to start.
        var key = await repository.GetAccessKeyAsync(record.AdminAccessKeyId, ct);
        if (key is null)
        {
            var keys = await repository.ListAccessKeysAsync(record.AccountId, AdminUserName, ct);
            key = keys.FirstOrDefault(k => k.Status == AccessKeyStatus.Active)
                ?? throw new InvalidOperationException($"The IAM user {AdminUserName} of account {record.AccountId} has no active access key left.");
        }

        return new AwsInstallation(record.AccountId, record.AdminUserArn, key.AccessKeyId, key.SecretAccessKey);
    }

    private sealed record InstallationRecord(string AccountId, string AdminUserArn, string AdminAccessKeyId, DateTimeOffset CreatedAt);
}
