using Lotse.Aws.SigV4;
using Microsoft.AspNetCore.Http;

namespace Lotse.Aws.Tests.SigV4;

public sealed class SigV4Tests
{
    private const string SuiteKey = "AKIDEXAMPLE";
    private const string SuiteSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    [Fact]
    public void DeriveSigningKey_AwsDocumentationExample_MatchesPublishedKey()
    {
        Span<byte> key = stackalloc byte[32];
        Lotse.Aws.SigV4.SigV4.DeriveSigningKey(SuiteSecret, "20120215", "us-east-1", "iam", key);
        Convert.ToHexStringLower(key).ShouldBe("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
    }

    [Theory]
    [InlineData("/", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")] // suite: get-vanilla
    [InlineData("/?Param2=value2&Param1=value1", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")] // get-vanilla-query-order-key-case
    public void Verify_AwsSuiteVanillaRequests_Accepts(string target, string signature)
    {
        var headers = new HeaderDictionary { ["Host"] = "example.amazonaws.com", ["X-Amz-Date"] = "20150830T123600Z" };
        var auth = new SigV4Authorization(SuiteKey, "20150830", "us-east-1", "service", "host;x-amz-date", signature);

        SigV4HeaderVerifier.Verify(auth, SuiteSecret, "20150830T123600Z", "GET", target, headers, []).ShouldBe(SigV4Failure.None);
    }

    [Fact]
    public void Verify_IamListUsersDocumentationExample_Accepts()
    {
        var headers = new HeaderDictionary
        {
            ["Host"] = "iam.amazonaws.com",
            ["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8",
            ["X-Amz-Date"] = "20150830T123600Z",
        };
        var auth = new SigV4Authorization(SuiteKey, "20150830", "us-east-1", "iam", "content-type;host;x-amz-date",
            "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");

        SigV4HeaderVerifier.Verify(auth, SuiteSecret, "20150830T123600Z", "GET", "/?Action=ListUsers&Version=2010-05-08", headers, [])
            .ShouldBe(SigV4Failure.None);
    }

    [Fact]
    public void Verify_WrongSecret_ReportsMismatch()
    {
        var headers = new HeaderDictionary { ["Host"] = "example.amazonaws.com", ["X-Amz-Date"] = "20150830T123600Z" };
        var auth = new SigV4Authorization(SuiteKey, "20150830", "us-east-1", "service", "host;x-amz-date",
            "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");

        SigV4HeaderVerifier.Verify(auth, SuiteSecret + "x", "20150830T123600Z", "GET", "/", headers, []).ShouldBe(SigV4Failure.Mismatch);
    }

    [Theory]
    [InlineData("b=2&a=1", "a=1&b=2")]
    [InlineData("a=%2B&a=%20", "a=%20&a=%2B")]
    [InlineData("k=a+b", "k=a%2Bb")] // a raw plus stays a plus (SDKs send %2B / %20)
    [InlineData("empty&x=%7e", "empty=&x=~")]
    [InlineData("X-Amz-Signature=abc&Action=Get", "Action=Get")]
    [InlineData("u=%C3%A4%E2%82%AC", "u=%C3%A4%E2%82%AC")]
    [InlineData("", "")]
    public void CanonicalQueryString_RawQuery_SortsAndReencodes(string raw, string expected)
    {
        Lotse.Aws.SigV4.SigV4.CanonicalQueryString(raw, "X-Amz-Signature").ShouldBe(expected);
    }

    [Theory]
    [InlineData("", "/")]
    [InlineData("/clusters/demo", "/clusters/demo")]
    [InlineData("/tags/arn%3Aaws%3Aeks%3Aeu-central-1%3A1%3Acluster%2Fdemo", "/tags/arn%253Aaws%253Aeks%253Aeu-central-1%253A1%253Acluster%252Fdemo")]
    [InlineData("/a/./b/../c", "/a/c")]
    [InlineData("/a b", "/a%20b")]
    public void CanonicalUri_RawPath_EncodesAgainLikeBotocore(string raw, string expected)
    {
        Lotse.Aws.SigV4.SigV4.CanonicalUri(raw).ShouldBe(expected);
    }

    [Theory]
    [InlineData("AWS4-HMAC-SHA256 SignedHeaders=host, Signature=abc", "Authorization header requires 'Credential' parameter. ")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AK/20150830/us-east-1/iam/aws4_request", "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. ")]
    [InlineData("Bearer xyz", "Unsupported AWS 'algorithm': 'Bearer'")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AK/20150830/us-east-1/iam/aws5, SignedHeaders=host, Signature=abc", "Credential should be scoped with a valid terminator")]
    public void TryParse_MalformedHeader_ReportsAwsText(string header, string expectedStart)
    {
        SigV4Authorization.TryParse(header, out var auth, out var error).ShouldBeFalse();
        auth.ShouldBeNull();
        error.ShouldStartWith(expectedStart);
    }

    [Fact]
    public void TryParse_BotocoreHeader_SplitsScope()
    {
        SigV4Authorization.TryParse(
            "AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20261203/eu-central-1/eks/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=00ff",
            out var auth, out _).ShouldBeTrue();
        auth.ShouldBe(new SigV4Authorization("AKIAEXAMPLE", "20261203", "eu-central-1", "eks", "content-type;host;x-amz-date", "00ff"));
    }

    [Fact]
    public void CheckSkew_OldRequest_ReportsSignatureExpiredText()
    {
        var now = new DateTimeOffset(2026, 12, 3, 16, 0, 0, TimeSpan.Zero);
        SigV4HeaderVerifier.CheckSkew("20261203T154000Z", now.AddMinutes(-20), now, TimeSpan.FromMinutes(15))
            .ShouldBe("Signature expired: 20261203T154000Z is now earlier than 20261203T154500Z (20261203T160000Z - 15 min.)");
        SigV4HeaderVerifier.CheckSkew("20261203T161000Z", now.AddMinutes(10), now, TimeSpan.FromMinutes(5))
            .ShouldBe("Signature not yet current: 20261203T161000Z is still later than 20261203T160500Z (20261203T160000Z + 5 min.)");
        SigV4HeaderVerifier.CheckSkew("20261203T160400Z", now.AddMinutes(4), now, TimeSpan.FromMinutes(5)).ShouldBeNull();
    }

    [Fact]
    public void SignaturesEqual_DifferentLengthsOrChars_False()
    {
        Lotse.Aws.SigV4.SigV4.SignaturesEqual("abc", "abc").ShouldBeTrue();
        Lotse.Aws.SigV4.SigV4.SignaturesEqual("abc", "abd").ShouldBeFalse();
        Lotse.Aws.SigV4.SigV4.SignaturesEqual("abc", "ab").ShouldBeFalse();
    }
}
