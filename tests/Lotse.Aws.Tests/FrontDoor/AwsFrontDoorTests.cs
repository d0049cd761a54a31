using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Lotse.Aws.FrontDoor;
using Lotse.Aws.Iam;
using Lotse.Aws.Sts;
using Lotse.Aws.Tests.Support;

namespace Lotse.Aws.Tests.FrontDoor;

public sealed class AwsFrontDoorTests
{
    private const string Key = "AKIAIOSFODNN7EXAMPLE";
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string InactiveKey = "AKIAINACTIVEEXAMPLE0";
    private const string GetCallerIdentity = "Action=GetCallerIdentity&Version=2011-06-15";

    private readonly FakeRestJsonService _eks = new();
    private readonly FrontDoorHarness _harness;

    public AwsFrontDoorTests()
    {
        var keys = new StaticKeyStore(StaticKeyStore.UserKey(Key, Secret), StaticKeyStore.UserKey(InactiveKey, Secret, AccessKeyStatus.Inactive));
        _harness = new FrontDoorHarness(keys, _eks, new StsService(new IamRepository(new InMemoryStore(), TimeProvider.System), TimeProvider.System));
    }

    [Fact]
    public async Task HandleAsync_SignedStsCall_AnswersCallerIdentityXml()
    {
        var response = await _harness.QueryAsync("sts", GetCallerIdentity, Key, Secret);

        response.Status.ShouldBe(200);
        var requestId = response.Headers["x-amzn-RequestId"].ToString();
        Guid.TryParse(requestId, out _).ShouldBeTrue();
        XNamespace ns = "https://sts.amazonaws.com/doc/2011-06-15/";
        var xml = XDocument.Parse(response.Body).Root!;
        xml.Name.ShouldBe(ns + "GetCallerIdentityResponse");
        var result = xml.Element(ns + "GetCallerIdentityResult")!;
        result.Element(ns + "Arn")!.Value.ShouldBe("arn:aws:iam::111122223333:user/alice");
        result.Element(ns + "UserId")!.Value.ShouldBe("AIDAEXAMPLEALICE00000");
        result.Element(ns + "Account")!.Value.ShouldBe("111122223333");
        xml.Element(ns + "ResponseMetadata")!.Element(ns + "RequestId")!.Value.ShouldBe(requestId);
    }

    [Fact]
    public async Task HandleAsync_StsAcceptJson_AnswersAuthenticatorJson()
    {
        var response = await _harness.QueryAsync("sts", GetCallerIdentity, Key, Secret, accept: "application/json");

        response.Status.ShouldBe(200);
        using var json = JsonDocument.Parse(response.Body);
        var result = json.RootElement.GetProperty("GetCallerIdentityResponse").GetProperty("GetCallerIdentityResult");
        result.GetProperty("Arn").GetString().ShouldBe("arn:aws:iam::111122223333:user/alice");
        result.GetProperty("Account").GetString().ShouldBe("111122223333");
    }

    [Fact]
    public async Task HandleAsync_QueryWithoutAuthorization_MissingAuthenticationTokenXml()
    {
        var response = await _harness.QueryAsync("sts", GetCallerIdentity, null!, null!);

        AssertQueryError(response, 403, "MissingAuthenticationToken", "Request is missing Authentication Token");
    }

    [Fact]
    public async Task HandleAsync_RestJsonWithoutAuthorization_MissingAuthenticationTokenJson()
    {
        var response = await _harness.SendAsync("GET", "/clusters", "eks", null, [], null, null);

        AssertJsonError(response, 403, "MissingAuthenticationTokenException", "Missing Authentication Token");
    }

    [Theory]
    [InlineData("sts")]
    [InlineData("eks")]
    public async Task HandleAsync_UnknownKey_InvalidTokenPerProtocol(string service)
    {
        var response = service == "sts"
            ? await _harness.QueryAsync("sts", GetCallerIdentity, "AKIAUNKNOWNEXAMPLE00", Secret)
            : await _harness.SendAsync("GET", "/clusters", "eks", null, [], "AKIAUNKNOWNEXAMPLE00", Secret);

        if (service == "sts")
        {
            AssertQueryError(response, 403, "InvalidClientTokenId", "The security token included in the request is invalid.");
        }
        else
        {
            AssertJsonError(response, 403, "UnrecognizedClientException", "The security token included in the request is invalid.");
        }
    }

    [Fact]
    public async Task HandleAsync_InactiveKey_InvalidClientTokenId()
    {
        var response = await _harness.QueryAsync("sts", GetCallerIdentity, InactiveKey, Secret);

        AssertQueryError(response, 403, "InvalidClientTokenId", "The security token included in the request is invalid.");
    }

    [Fact]
    public async Task HandleAsync_WrongSecret_SignatureDoesNotMatchXml()
    {
        var response = await _harness.QueryAsync("sts", GetCallerIdentity, Key, Secret.Replace('w', 'W'));

        AssertQueryError(response, 403, "SignatureDoesNotMatch", AwsAuthErrors.SignatureMismatchMessage);
    }

    [Fact]
    public async Task HandleAsync_WrongSecretRestJson_InvalidSignatureException()
    {
        var response = await _harness.SendAsync("POST", "/clusters", "eks", "application/json", Encoding.UTF8.GetBytes("{}"), Key, "bad" + Secret);

        AssertJsonError(response, 403, "InvalidSignatureException", AwsAuthErrors.SignatureMismatchMessage);
    }

    [Fact]
    public async Task HandleAsync_BodyChangedAfterSigning_RejectedDespiteDeclaredHash()
    {
        // The signed x-amz-content-sha256 still names the original body: the server must hash what it got.
        var response = await _harness.SendAsync("POST", "/clusters", "eks", "application/json", Encoding.UTF8.GetBytes("{\"name\":\"a\"}"), Key, Secret,
            sentBody: Encoding.UTF8.GetBytes("{\"name\":\"b\"}"));

        AssertJsonError(response, 403, "InvalidSignatureException", AwsAuthErrors.SignatureMismatchMessage);
    }

    [Fact]
    public async Task HandleAsync_QueryRequestTwentyMinutesOld_SignatureExpired15Minutes()
    {
        var response = await _harness.QueryAsync("sts", GetCallerIdentity, Key, Secret, FrontDoorHarness.Now.AddMinutes(-20));

        AssertQueryError(response, 403, "SignatureDoesNotMatch",
            "Signature expired: 20261203T114000Z is now earlier than 20261203T114500Z (20261203T120000Z - 15 min.)");
    }

    [Fact]
    public async Task HandleAsync_RestJsonRequestTenMinutesAhead_SignatureNotYetCurrent()
    {
        var response = await _harness.SendAsync("GET", "/clusters", "eks", null, [], Key, Secret, FrontDoorHarness.Now.AddMinutes(10));

        AssertJsonError(response, 403, "InvalidSignatureException",
            "Signature not yet current: 20261203T121000Z is still later than 20261203T120500Z (20261203T120000Z + 5 min.)");
    }

    [Fact]
    public async Task HandleAsync_MissingDate_IncompleteSignature()
    {
        var response = await _harness.QueryAsync("sts", GetCallerIdentity, Key, Secret);
        response.Status.ShouldBe(200);

        var missing = await _harness.SendAsync("POST", "/", "sts", "application/x-www-form-urlencoded", Encoding.UTF8.GetBytes(GetCallerIdentity), Key, Secret,
            tamper: h => h.Remove("X-Amz-Date"));
        missing.Status.ShouldBe(400);
        missing.Body.ShouldContain("<Code>IncompleteSignature</Code>");
        missing.Body.ShouldContain("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }

    [Fact]
    public async Task HandleAsync_ServiceThrowsAwsError_JsonMembersAndMessage()
    {
        _eks.Throw = new AwsServiceException(404, "ResourceNotFoundException", "No cluster found for name: nope.",
            new Dictionary<string, object?> { ["clusterName"] = null, ["nodegroupName"] = null });

        var response = await _harness.SendAsync("GET", "/clusters/nope", "eks", null, [], Key, Secret);

        AssertJsonError(response, 404, "ResourceNotFoundException", "No cluster found for name: nope.");
        response.Body.ShouldBe("{\"clusterName\":null,\"nodegroupName\":null,\"message\":\"No cluster found for name: nope.\"}");
    }

    [Fact]
    public async Task HandleAsync_ServiceCrashes_InternalFailureWithoutDetails()
    {
        _eks.Throw = new InvalidOperationException("secret detail /var/lib/lotse");

        var response = await _harness.SendAsync("GET", "/clusters", "eks", null, [], Key, Secret);

        AssertJsonError(response, 500, "InternalFailure", AwsAuthErrors.InternalFailureMessage);
        response.Body.ShouldNotContain("secret detail");
    }

    [Fact]
    public async Task HandleAsync_EncodedPath_VerifiedOnRawTargetAndPassedOn()
    {
        var target = "/tags/arn%3Aaws%3Aeks%3Aeu-central-1%3A111122223333%3Acluster%2Fdemo?tagKeys=team&tagKeys=env";

        var response = await _harness.SendAsync("DELETE", target, "eks", null, [], Key, Secret);

        response.Status.ShouldBe(200, response.Body);
        _eks.LastRequest!.Region.ShouldBe("eu-central-1");
        _eks.LastRequest.Caller.AccessKeyId.ShouldBe(Key);
    }

    [Fact]
    public async Task HandleAsync_BodyOverLimit_413()
    {
        var response = await _harness.SendAsync("POST", "/clusters", "eks", "application/json", new byte[AwsFrontDoor.MaxBodyBytes + 1], Key, Secret);

        response.Status.ShouldBe(413);
        response.Headers["x-amzn-ErrorType"].ToString().ShouldBe("RequestEntityTooLargeException");
    }

    [Fact]
    public async Task HandleAsync_UnknownStsAction_InvalidAction()
    {
        var response = await _harness.QueryAsync("sts", "Action=AssumeRoot&Version=2011-06-15", Key, Secret);

        AssertQueryError(response, 400, "InvalidAction", "Could not find operation AssumeRoot for version 2011-06-15");
    }

    [Fact]
    public async Task HandleAsync_QueryErrorWithAcceptJson_JsonErrorShape()
    {
        var response = await _harness.QueryAsync("sts", GetCallerIdentity, Key, "wrong" + Secret, accept: "application/json");

        response.Status.ShouldBe(403);
        using var json = JsonDocument.Parse(response.Body);
        json.RootElement.GetProperty("Error").GetProperty("Code").GetString().ShouldBe("SignatureDoesNotMatch");
    }

    [Fact]
    public async Task HandleAsync_PresignedGetCallerIdentity_AuthenticatorReplayAccepted()
    {
        var url = SdkSigner.Presign(new Uri("http://127.0.0.1:4566/?" + GetCallerIdentity), new Dictionary<string, string> { ["x-k8s-aws-id"] = "demo" },
            Key, Secret, "eu-central-1", "sts", FrontDoorHarness.Now.UtcDateTime);
        var target = new Uri(url).PathAndQuery;

        var response = await _harness.SendAsync("GET", target, "sts", null, [], null, null, accept: "application/json", tamper: h => h["x-k8s-aws-id"] = "demo");
        var otherCluster = await _harness.SendAsync("GET", target, "sts", null, [], null, null, tamper: h => h["x-k8s-aws-id"] = "other");

        response.Status.ShouldBe(200, response.Body);
        response.Body.ShouldContain("\"Arn\":\"arn:aws:iam::111122223333:user/alice\"");
        AssertQueryError(otherCluster, 403, "SignatureDoesNotMatch", AwsAuthErrors.SignatureMismatchMessage);
    }

    [Fact]
    public async Task HandleAsync_EksTokenVectorReplayed_SameVerdictAsLocalVerifier()
    {
        // V2 of eks-api.md §6.2, replayed the way aws-iam-authenticator would send it to STS.
        var keys = new StaticKeyStore(StaticKeyStore.UserKey("AKIDEXAMPLE", Secret));
        var harness = new FrontDoorHarness(keys, new StsService(new IamRepository(new InMemoryStore(), TimeProvider.System), TimeProvider.System));
        harness.Time.Now = new DateTimeOffset(2026, 1, 1, 0, 0, 30, TimeSpan.Zero);
        var target = "/?Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20260101%2Feu-central-1%2Fsts%2Faws4_request"
            + "&X-Amz-Date=20260101T000000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host%3Bx-k8s-aws-id&X-Amz-Signature=4b466e3f91096dd50f0390bf4c9045c41f0e2e9a83275211066049577c3dc98a";

        var response = await harness.SendAsync("GET", target, "sts", null, [], null, null, accept: "application/json",
            tamper: h => (h.Host, h["x-k8s-aws-id"]) = ("sts.eu-central-1.amazonaws.com", "demo"));

        response.Status.ShouldBe(200, response.Body);
        harness.Time.Now = harness.Time.Now.AddMinutes(16);
        var late = await harness.SendAsync("GET", target, "sts", null, [], null, null,
            tamper: h => (h.Host, h["x-k8s-aws-id"]) = ("sts.eu-central-1.amazonaws.com", "demo"));
        late.Status.ShouldBe(403);
        late.Body.ShouldContain("Signature expired: 20260101T000000Z is now earlier than");
    }

    internal static void AssertQueryError(FrontDoorHarness.Response response, int status, string code, string message)
    {
        response.Status.ShouldBe(status, response.Body);
        var root = XDocument.Parse(response.Body).Root!;
        var ns = root.Name.Namespace;
        root.Name.LocalName.ShouldBe("ErrorResponse");
        var error = root.Element(ns + "Error")!;
        error.Element(ns + "Type")!.Value.ShouldBe(status >= 500 ? "Receiver" : "Sender");
        error.Element(ns + "Code")!.Value.ShouldBe(code);
        error.Element(ns + "Message")!.Value.ShouldBe(message);
        root.Element(ns + "RequestId")!.Value.ShouldBe(response.Headers["x-amzn-RequestId"].ToString());
    }

    private static void AssertJsonError(FrontDoorHarness.Response response, int status, string code, string message)
    {
        response.Status.ShouldBe(status, response.Body);
        response.Headers["x-amzn-ErrorType"].ToString().ShouldBe(code);
        using var json = JsonDocument.Parse(response.Body);
        json.RootElement.GetProperty("message").GetString().ShouldBe(message);
    }
}
