using Lotse.Aws;
using Lotse.Aws.Tokens;
using Lotse.Testing;

namespace Lotse.Eks.Tests.Access;

/// <summary>The verified-token cache: a hit skips the signature, yet a key deleted or deactivated since is refused at once.</summary>
public sealed class EksTokenCacheTests
{
    private const string AccessKeyId = "AKIAEXAMPLEKEY000001";
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string StsHost = "sts.eu-central-1.amazonaws.com";

    private sealed class Keys : IAccessKeyStore
    {
        public AccessKeyRecord? Key { get; set; } = new(
            AccessKeyId, Secret, AccessKeyStatus.Active, new AwsCaller("123456789012", "arn:aws:iam::123456789012:user/dev", "AIDADEV", AccessKeyId, AwsPrincipalType.User));

        public ValueTask<AccessKeyRecord?> FindAsync(string accessKeyId, CancellationToken ct) => ValueTask.FromResult(accessKeyId == AccessKeyId ? Key : null);
    }

    private static (EksTokenCache Cache, Keys Keys, string Token) Setup()
    {
        var keys = new Keys();
        var verifier = new EksTokenVerifier(keys, TimeProvider.System, new EksTokenVerifierOptions());
        using var client = new SignedAwsClient("http://127.0.0.1:1", AccessKeyId, Secret, "eu-central-1");
        return (new EksTokenCache(verifier, keys, TimeProvider.System), keys, client.EksToken("demo", StsHost));
    }

    [Fact]
    public async Task Verify_SecondTime_IsServedFromTheCacheWithoutRecomputingTheSignature()
    {
        var (cache, keys, token) = Setup();
        (await cache.VerifyAsync(token, "demo", default)).IsValid.ShouldBeTrue();

        // A different secret would fail a fresh signature check: only a cache hit still accepts the token.
        keys.Key = keys.Key! with { SecretAccessKey = new string('x', 40) };
        var again = await cache.VerifyAsync(token, "demo", default);

        again.Identity.ShouldNotBeNull().Arn.ShouldBe("arn:aws:iam::123456789012:user/dev");
        cache.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Verify_OtherCluster_IsNotAHit()
    {
        var (cache, _, token) = Setup();
        (await cache.VerifyAsync(token, "demo", default)).IsValid.ShouldBeTrue();

        (await cache.VerifyAsync(token, "other", default)).Error!.ShouldContain("SignatureDoesNotMatch");
    }

    [Fact]
    public async Task Verify_KeyDeactivatedOrDeletedAfterCaching_IsRefused()
    {
        var (cache, keys, token) = Setup();
        (await cache.VerifyAsync(token, "demo", default)).IsValid.ShouldBeTrue();

        keys.Key = keys.Key! with { Status = AccessKeyStatus.Inactive };
        (await cache.VerifyAsync(token, "demo", default)).Error!.ShouldContain("InvalidClientTokenId");

        keys.Key = null;
        (await cache.VerifyAsync(token, "demo", default)).Error!.ShouldContain("InvalidClientTokenId");
        cache.Count.ShouldBe(0);
    }
}
