using System.Xml.Linq;
using Lotse.Aws.Iam;
using Lotse.Aws.Sts;
using Lotse.Aws.Tests.FrontDoor;
using Lotse.Aws.Tests.Support;

namespace Lotse.Aws.Tests.Sts;

public sealed class StsAssumeRoleTests : IAsyncLifetime
{
    private static readonly XNamespace Ns = StsService.Namespace;

    private readonly InMemoryStore _store = new();
    private readonly ManualTimeProvider _time = new(FrontDoorHarness.Now);
    private FrontDoorHarness _harness = null!;
    private AwsInstallation _installation = null!;
    private IamRepository _repository = null!;

    public async Task InitializeAsync()
    {
        _installation = await AwsInstallation.InitializeAsync(_store, _time, default);
        _repository = new IamRepository(_store, _time);
        _harness = new FrontDoorHarness(_time, _repository, new IamService(_repository), new StsService(_repository, _time));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string RoleArn(string name, string path = "/") => $"arn:aws:iam::{_installation.AccountId}:role{path}{name}";

    private async Task CreateRoleAsync(string name, string principal, string path = "/", int maxSession = 3600) =>
        await _repository.CreateRoleAsync(_installation.AccountId, name, path,
            $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{{principal}},"Action":"sts:AssumeRole"}]}""", null, maxSession, [], default);

    private Task<FrontDoorHarness.Response> AssumeAsync(string roleArn, string key, string secret, string? token = null, string extra = "") =>
        _harness.SendAsync("POST", "/", "sts", "application/x-www-form-urlencoded", System.Text.Encoding.UTF8.GetBytes(
            $"Action=AssumeRole&Version=2011-06-15&RoleArn={Uri.EscapeDataString(roleArn)}&RoleSessionName=EKSGetTokenAuth{extra}"), key, secret,
            tamper: h =>
            {
                if (token is not null)
                {
                    h["X-Amz-Security-Token"] = token;
                }
            });

    [Fact]
    public async Task AssumeRole_TrustedAccount_TemporaryCredentialsActAsRoleSession()
    {
        await CreateRoleAsync("Admin", $$"""{"AWS":"arn:aws:iam::{{_installation.AccountId}}:root"}""", path: "/team/");

        var response = await AssumeAsync(RoleArn("Admin", "/team/"), _installation.AdminAccessKeyId, _installation.AdminSecretAccessKey);

        response.Status.ShouldBe(200, response.Body);
        var result = XDocument.Parse(response.Body).Root!.Element(Ns + "AssumeRoleResult")!;
        var credentials = result.Element(Ns + "Credentials")!;
        var keyId = credentials.Element(Ns + "AccessKeyId")!.Value;
        keyId.ShouldMatch("^ASIA[A-Z2-7]{16}$");
        credentials.Element(Ns + "Expiration")!.Value.ShouldBe("2026-12-03T13:00:00Z");
        result.Element(Ns + "AssumedRoleUser")!.Element(Ns + "Arn")!.Value.ShouldBe($"arn:aws:sts::{_installation.AccountId}:assumed-role/Admin/EKSGetTokenAuth");

        var secret = credentials.Element(Ns + "SecretAccessKey")!.Value;
        var token = credentials.Element(Ns + "SessionToken")!.Value;
        var identity = await _harness.SendAsync("POST", "/", "sts", "application/x-www-form-urlencoded", "Action=GetCallerIdentity&Version=2011-06-15"u8.ToArray(),
            keyId, secret, tamper: h => h["X-Amz-Security-Token"] = token);
        identity.Status.ShouldBe(200, identity.Body);
        identity.Body.ShouldContain($"<Arn>arn:aws:sts::{_installation.AccountId}:assumed-role/Admin/EKSGetTokenAuth</Arn>");
        identity.Body.ShouldMatch("<UserId>AROA[A-Z2-7]{17}:EKSGetTokenAuth</UserId>");

        var withoutToken = await _harness.QueryAsync("sts", "Action=GetCallerIdentity&Version=2011-06-15", keyId, secret);
        AwsFrontDoorTests.AssertQueryError(withoutToken, 403, "InvalidClientTokenId", "The security token included in the request is invalid.");

        _time.Now = _time.Now.AddHours(2);
        var expired = await _harness.SendAsync("POST", "/", "sts", "application/x-www-form-urlencoded", "Action=GetCallerIdentity&Version=2011-06-15"u8.ToArray(),
            keyId, secret, signedAt: _time.Now, tamper: h => h["X-Amz-Security-Token"] = token);
        AwsFrontDoorTests.AssertQueryError(expired, 400, "ExpiredToken", "The security token included in the request is expired");
        (await _repository.DeleteExpiredSessionsAsync(_time.Now, default)).ShouldBe(1);
    }

    [Theory]
    [InlineData("""{"Service":"eks.amazonaws.com"}""")]
    [InlineData("""{"AWS":"arn:aws:iam::999999999999:root"}""")]
    public async Task AssumeRole_NotTrusted_AccessDenied(string principal)
    {
        await CreateRoleAsync("eksClusterRole", principal);

        var response = await AssumeAsync(RoleArn("eksClusterRole"), _installation.AdminAccessKeyId, _installation.AdminSecretAccessKey);

        AwsFrontDoorTests.AssertQueryError(response, 403, "AccessDenied",
            $"User: {_installation.AdminUserArn} is not authorized to perform: sts:AssumeRole on resource: {RoleArn("eksClusterRole")}");
    }

    [Fact]
    public async Task AssumeRole_MissingRoleOrWrongPath_AccessDenied()
    {
        await CreateRoleAsync("Admin", "\"*\"", path: "/team/");

        (await AssumeAsync(RoleArn("Nope"), _installation.AdminAccessKeyId, _installation.AdminSecretAccessKey)).Status.ShouldBe(403);
        (await AssumeAsync(RoleArn("Admin"), _installation.AdminAccessKeyId, _installation.AdminSecretAccessKey)).Status.ShouldBe(403);
    }

    [Fact]
    public async Task AssumeRole_DurationAboveRoleMaximum_ValidationError()
    {
        await CreateRoleAsync("Admin", "\"*\"");

        var response = await AssumeAsync(RoleArn("Admin"), _installation.AdminAccessKeyId, _installation.AdminSecretAccessKey, extra: "&DurationSeconds=7200");

        AwsFrontDoorTests.AssertQueryError(response, 400, "ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    }

    [Theory]
    [InlineData("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":["111111111111","arn:aws:iam::222222222222:user/u"]},"Action":["sts:AssumeRole"]}}""", true)]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*"},{"Effect":"Deny","Principal":"*","Action":"sts:AssumeRole"}]}""", false)]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}""", false)]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:TagSession"}]}""", false)]
    public void Allows_Statement_EvaluatedLikeIam(string policy, bool allowed)
    {
        var caller = new AwsCaller("222222222222", "arn:aws:iam::222222222222:user/u", "AIDAX", "AKIAX", AwsPrincipalType.User);

        TrustPolicy.Allows(policy, caller).ShouldBe(allowed);
    }
}
