namespace Lotse.Aws.Tests.Support;

/// <summary>An <see cref="IAccessKeyStore"/> over a fixed set of keys.</summary>
public sealed class StaticKeyStore(params AccessKeyRecord[] keys) : IAccessKeyStore
{
    private readonly Dictionary<string, AccessKeyRecord> _keys = keys.ToDictionary(k => k.AccessKeyId);

    public ValueTask<AccessKeyRecord?> FindAsync(string accessKeyId, CancellationToken ct) => ValueTask.FromResult(_keys.GetValueOrDefault(accessKeyId));

    /// <summary>A long-term key of IAM user <c>alice</c> in account 111122223333.</summary>
    public static AccessKeyRecord UserKey(string accessKeyId, string secret, AccessKeyStatus status = AccessKeyStatus.Active) =>
        new(accessKeyId, secret, status, new AwsCaller("111122223333", "arn:aws:iam::111122223333:user/alice", "AIDAEXAMPLEALICE00000", accessKeyId, AwsPrincipalType.User));
}
