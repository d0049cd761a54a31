using System.Buffers.Text;
using System.Text;
using Lotse.Aws.Tests.Support;
using Lotse.Aws.Tokens;

namespace Lotse.Aws.Tests.Tokens;

/// <summary>Vectors V1–V4 of eks-api.md §6.2 and one refusal per aws-iam-authenticator rule.</summary>
public sealed class EksTokenVerifierTests
{
    private const string V1Url =
        "https://sts.us-west-2.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIAR2TG44V6AS3ZZE7C%2F20230428%2Fus-west-2%2Fsts%2Faws4_request&X-Amz-Date=20230428T000000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host%3Bx-k8s-aws-id&X-Amz-Signature=e211dba77aba9dc44b0b6be38b8eaad092599c5157f6314444c5b9d85747f5ce";

    private const string V2Query =
        "?Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20260101%2Feu-central-1%2Fsts%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host%3Bx-k8s-aws-id";

    private const string V2Url = "https://sts.eu-central-1.amazonaws.com/" + V2Query + "&X-Amz-Signature=4b466e3f91096dd50f0390bf4c9045c41f0e2e9a83275211066049577c3dc98a";
    private const string V3Url = "https://sts.eu-central-1.amazonaws.com/" + V2Query + "&X-Amz-Security-Token=FQoG%2Fsession%2Btoken%3D%3D&X-Amz-Signature=470612ed376a1607f385f2bcf841e91a4299283b243f1b0a58e770af7b22e4e7";
    private const string V4Url = "http://127.0.0.1:8443/" + V2Query + "&X-Amz-Security-Token=FQoG%2Fsession%2Btoken%3D%3D&X-Amz-Signature=ff9d0b16715947f6d6c26e47a73ec8af00b3529e30f418ee54b2d136dfaedb06";

    private static readonly DateTimeOffset V2Time = new(2026, 1, 1, 0, 0, 30, TimeSpan.Zero);

    private static readonly AccessKeyRecord V1Key = new("ASIAR2TG44V6AS3ZZE7C", "4KD5cntGcVmLWRdF5wvNRuzNL5Qxmp6OKVY6Fz/Q", AccessKeyStatus.Active,
        new AwsCaller("111122223333", "arn:aws:iam::111122223333:user/Alice", "AIDAEXAMPLEALICE00000", "ASIAR2TG44V6AS3ZZE7C", AwsPrincipalType.User));

    private static readonly AccessKeyRecord StaticKey = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", AccessKeyStatus.Active,
        new AwsCaller("123456789012", "arn:aws:iam::123456789012:user/ops/admin", "AIDAEXAMPLEADMIN00000", "AKIDEXAMPLE", AwsPrincipalType.User));

    private static readonly AccessKeyRecord SessionKey = StaticKey with
    {
        SessionToken = "FQoG/session+token==",
        Caller = new AwsCaller("123456789012", "arn:aws:sts::123456789012:assumed-role/Team/Admin/EKSGetTokenAuth", "AROAEXAMPLEADMIN00000:EKSGetTokenAuth", "AKIDEXAMPLE", AwsPrincipalType.AssumedRole),
    };

    public static string Token(string url) => "k8s-aws-v1." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(url));

    private static EksTokenVerifier Verifier(AccessKeyRecord key, DateTimeOffset now, params string[] extraHosts) =>
        new(new StaticKeyStore(key), new ManualTimeProvider(now), new EksTokenVerifierOptions { ExtraStsHosts = extraHosts });

    [Fact]
    public async Task VerifyAsync_V1AuthenticatorVector_Accepted()
    {
        var result = await Verifier(V1Key, DateTimeOffset.FromUnixTimeSeconds(1682640000)).VerifyAsync(Token(V1Url), "test-cluster", default);

        result.Error.ShouldBeNull();
        result.Identity.ShouldBe(new EksIdentity("arn:aws:iam::111122223333:user/Alice", "arn:aws:iam::111122223333:user/Alice", "111122223333",
            "AIDAEXAMPLEALICE00000", string.Empty, "ASIAR2TG44V6AS3ZZE7C"));
    }

    [Fact]
    public async Task VerifyAsync_V2StaticCredentials_UserIdentity()
    {
        var result = await Verifier(StaticKey, V2Time).VerifyAsync(Token(V2Url), "demo", default);

        result.Error.ShouldBeNull();
        result.Identity!.Arn.ShouldBe("arn:aws:iam::123456789012:user/ops/admin");
        result.Identity.CanonicalArn.ShouldBe("arn:aws:iam::123456789012:user/ops/admin");
        result.Identity.UserId.ShouldBe("AIDAEXAMPLEADMIN00000");
        result.Identity.AccessKeyId.ShouldBe("AKIDEXAMPLE");
    }

    [Fact]
    public async Task VerifyAsync_V3SessionToken_AssumedRoleCanonicalised()
    {
        var result = await Verifier(SessionKey, V2Time).VerifyAsync(Token(V3Url), "demo", default);

        result.Error.ShouldBeNull();
        result.Identity.ShouldBe(new EksIdentity("arn:aws:sts::123456789012:assumed-role/Team/Admin/EKSGetTokenAuth", "arn:aws:iam::123456789012:role/Team/Admin",
            "123456789012", "AROAEXAMPLEADMIN00000", "EKSGetTokenAuth", "AKIDEXAMPLE"));
    }

    [Fact]
    public async Task VerifyAsync_V4OwnEndpointOverHttp_AcceptedOnlyWhenConfigured()
    {
        (await Verifier(SessionKey, V2Time, "127.0.0.1:8443").VerifyAsync(Token(V4Url), "demo", default)).IsValid.ShouldBeTrue();

        var unconfigured = await Verifier(SessionKey, V2Time).VerifyAsync(Token(V4Url), "demo", default);
        unconfigured.Error.ShouldBe("input token was not properly formatted: unexpected scheme \"http\" in pre-signed URL");
    }

    [Fact]
    public async Task VerifyAsync_TokenForOtherCluster_SignatureMismatch()
    {
        var result = await Verifier(StaticKey, V2Time).VerifyAsync(Token(V2Url), "other", default);

        result.IsValid.ShouldBeFalse();
        result.Error!.ShouldContain("SignatureDoesNotMatch");
    }

    [Fact]
    public async Task VerifyAsync_SessionTokenMissingOrKeyInactive_Refused()
    {
        (await Verifier(SessionKey, V2Time).VerifyAsync(Token(V2Url), "demo", default)).Error!.ShouldContain("InvalidClientTokenId");
        (await Verifier(StaticKey with { Status = AccessKeyStatus.Inactive }, V2Time).VerifyAsync(Token(V2Url), "demo", default)).Error!.ShouldContain("InvalidClientTokenId");
        (await Verifier(V1Key, V2Time).VerifyAsync(Token(V2Url), "demo", default)).Error!.ShouldContain("InvalidClientTokenId");
    }

    [Fact]
    public async Task VerifyAsync_WrongSecret_Refused()
    {
        var result = await Verifier(StaticKey with { SecretAccessKey = "x" + StaticKey.SecretAccessKey[1..] }, V2Time).VerifyAsync(Token(V2Url), "demo", default);

        result.Error!.ShouldContain("SignatureDoesNotMatch");
    }

    [Theory]
    [InlineData("too-large", "token is too large")]
    [InlineData("no-prefix", "token is missing expected \"k8s-aws-v1.\" prefix")]
    [InlineData("padding", "illegal base64 data at input byte 3")]
    [InlineData("http", "unexpected scheme \"http\" in pre-signed URL")]
    [InlineData("host", "unexpected hostname \"sts.eu-central-1.evil.com\" in pre-signed URL")]
    [InlineData("path", "unexpected path in pre-signed URL")]
    [InlineData("param", "non-whitelisted query parameter \"Extra\"")]
    [InlineData("twice", "query parameter with multiple values not supported")]
    [InlineData("case", "duplicate query parameter found")]
    [InlineData("action", "unexpected action parameter in pre-signed URL")]
    [InlineData("signed", "client did not sign the x-k8s-aws-id header in the pre-signed URL")]
    [InlineData("expires", "invalid X-Amz-Expires parameter in pre-signed URL: 901")]
    [InlineData("no-date", "X-Amz-Date parameter must be present in pre-signed URL")]
    [InlineData("expired", "X-Amz-Date parameter is expired (15 minute expiration) 2026-01-01 00:00:00 +0000 UTC")]
    public async Task VerifyAsync_RuleViolated_AuthenticatorText(string rule, string reason)
    {
        var now = rule == "expired" ? V2Time.AddMinutes(16) : V2Time;
        var token = rule switch
        {
            "too-large" => Token(V2Url + "&" + new string('a', 4096)),
            "no-prefix" => Token(V2Url)["k8s-aws-v1.".Length..],
            "padding" => "k8s-aws-v1.aGk=",
            "http" => Token(V2Url.Replace("https://", "http://", StringComparison.Ordinal)),
            "host" => Token(V2Url.Replace("amazonaws.com", "evil.com", StringComparison.Ordinal)),
            "path" => Token(V2Url.Replace(".com/?", ".com/x?", StringComparison.Ordinal)),
            "param" => Token(V2Url + "&Extra=1"),
            "twice" => Token(V2Url + "&Action=GetCallerIdentity"),
            "case" => Token(V2Url + "&action=GetCallerIdentity"),
            "action" => Token(V2Url.Replace("GetCallerIdentity", "ListUsers", StringComparison.Ordinal)),
            "signed" => Token(V2Url.Replace("host%3Bx-k8s-aws-id", "host", StringComparison.Ordinal)),
            "expires" => Token(V2Url.Replace("X-Amz-Expires=60", "X-Amz-Expires=901", StringComparison.Ordinal)),
            "no-date" => Token(V2Url.Replace("&X-Amz-Date=20260101T000000Z", string.Empty, StringComparison.Ordinal)),
            _ => Token(V2Url),
        };

        var result = await Verifier(StaticKey, now).VerifyAsync(token, "demo", default);

        result.IsValid.ShouldBeFalse();
        result.Error.ShouldBe("input token was not properly formatted: " + reason);
    }

    [Theory]
    [InlineData("sts.amazonaws.com", true)]
    [InlineData("sts.eu-central-1.amazonaws.com", true)]
    [InlineData("sts-fips.us-east-1.amazonaws.com", true)]
    [InlineData("sts.eu-central-1.api.aws", true)]
    [InlineData("sts.eu_central.amazonaws.com", false)]
    [InlineData("sts.eu-central-1.amazonaws.com.evil.com", false)]
    [InlineData("iam.amazonaws.com", false)]
    public void IsAwsStsHost_Host_MatchesAuthenticatorPolicy(string host, bool accepted)
    {
        PresignedStsUrl.IsAwsStsHost(host).ShouldBe(accepted);
    }

    [Theory]
    [InlineData("arn:aws:iam::123456789012:user/Alice", "arn:aws:iam::123456789012:user/Alice")]
    [InlineData("arn:aws:iam::123456789012:role/Users", "arn:aws:iam::123456789012:role/Users")]
    [InlineData("arn:aws:sts::123456789012:assumed-role/Admin/Session", "arn:aws:iam::123456789012:role/Admin")]
    [InlineData("arn:aws:sts::123456789012:assumed-role/Org/Team/Admin/Session", "arn:aws:iam::123456789012:role/Org/Team/Admin")]
    [InlineData("arn:aws:sts::123456789012:federated-user/Bob", "arn:aws:sts::123456789012:federated-user/Bob")]
    [InlineData("arn:aws:iam::123456789012:root", "arn:aws:iam::123456789012:root")]
    public void Canonicalize_PrincipalArn_AuthenticatorTable(string arn, string expected)
    {
        ArnCanonicalizer.Canonicalize(arn, out var error).ShouldBe(expected, error);
    }

    [Fact]
    public void Canonicalize_UnknownPartition_Error()
    {
        ArnCanonicalizer.Canonicalize("arn:nope:iam::123456789012:user/A", out var error).ShouldBeNull();
        error.ShouldBe("partition nope is not recognized");
    }
}
