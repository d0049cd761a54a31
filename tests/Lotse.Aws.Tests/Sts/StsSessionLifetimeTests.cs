using System.Xml.Linq;
using Lotse.Aws.Iam;
using Lotse.Aws.Sts;
using Lotse.Aws.Tests.FrontDoor;
using Lotse.Aws.Tests.Support;

namespace Lotse.Aws.Tests.Sts;

/// <summary>When session credentials stop working: expiry, and the long-term key they came from being deactivated or deleted.</summary>
public sealed class StsSessionLifetimeTests : IAsyncLifetime
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

    private sealed record Credentials(string Id, string Secret, string? Token = null);

    private async Task<Credentials> NewUserKeyAsync(string user)
    {
        var account = _installation.AccountId;
        await _repository.CreateUserAsync(account, user, "/", [], default);
        var key = await _repository.CreateAccessKeyAsync(account, user, default);
        return new Credentials(key.AccessKeyId, key.SecretAccessKey);
    }

    private async Task CreateRoleAsync(string name, string principalArn, string path = "/") =>
        await _repository.CreateRoleAsync(_installation.AccountId, name, path,
            $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"{{principalArn}}"},"Action":"sts:AssumeRole"}]}""", null, 3600, [], default);

    private Task<FrontDoorHarness.Response> Send(Credentials caller, string service, string form) =>
        _harness.SendAsync("POST", "/", service, "application/x-www-form-urlencoded", System.Text.Encoding.UTF8.GetBytes(form), caller.Id, caller.Secret, signedAt: _time.Now,
            tamper: h =>
            {
                if (caller.Token is not null)
                {
                    h["X-Amz-Security-Token"] = caller.Token;
                }
            });

    private async Task<Credentials> AssumeAsync(Credentials caller, string roleArn, int seconds = 3600)
    {
        var response = await Send(caller, "sts", $"Action=AssumeRole&Version=2011-06-15&RoleArn={Uri.EscapeDataString(roleArn)}&RoleSessionName=s1&DurationSeconds={seconds}");
        response.Status.ShouldBe(200, response.Body);
        var credentials = XDocument.Parse(response.Body).Descendants(Ns + "Credentials").Single();
        return new Credentials(credentials.Element(Ns + "AccessKeyId")!.Value, credentials.Element(Ns + "SecretAccessKey")!.Value, credentials.Element(Ns + "SessionToken")!.Value);
    }

    private Task<FrontDoorHarness.Response> WhoAmI(Credentials caller) => Send(caller, "sts", "Action=GetCallerIdentity&Version=2011-06-15");

    private string RoleArn(string name, string path = "/") => $"arn:aws:iam::{_installation.AccountId}:role{path}{name}";

    [Fact]
    public async Task Session_SourceKeyDeleted_RefusedEverywhere()
    {
        var dev = await NewUserKeyAsync("dev");
        await CreateRoleAsync("ops", $"arn:aws:iam::{_installation.AccountId}:user/dev");
        var session = await AssumeAsync(dev, RoleArn("ops"));
        (await WhoAmI(session)).Status.ShouldBe(200);

        await _repository.DeleteAccessKeyAsync(_installation.AccountId, "dev", dev.Id, default);

        AwsFrontDoorTests.AssertQueryError(await WhoAmI(session), 403, "InvalidClientTokenId", "The security token included in the request is invalid.");
        (await _repository.FindAsync(session.Id, default)).ShouldBeNull();
    }

    [Fact]
    public async Task ChainedSession_SourceKeyInactive_Refused()
    {
        var dev = await NewUserKeyAsync("dev");
        await CreateRoleAsync("first", $"arn:aws:iam::{_installation.AccountId}:user/dev");
        await CreateRoleAsync("second", RoleArn("first"));
        var first = await AssumeAsync(dev, RoleArn("first"));
        var second = await AssumeAsync(first, RoleArn("second"));
        (await WhoAmI(second)).Body.ShouldContain("assumed-role/second/s1");

        await _repository.UpdateAccessKeyStatusAsync(_installation.AccountId, "dev", dev.Id, AccessKeyStatus.Inactive, default);

        (await WhoAmI(first)).Status.ShouldBe(403);
        (await WhoAmI(second)).Status.ShouldBe(403);
    }

    [Fact]
    public async Task AssumeRole_TrustNamesRoleWithPath_RoleSessionMayAssume()
    {
        var dev = await NewUserKeyAsync("dev");
        await CreateRoleAsync("first", $"arn:aws:iam::{_installation.AccountId}:user/dev", "/team/");
        await CreateRoleAsync("second", RoleArn("first", "/team/"));
        var first = await AssumeAsync(dev, RoleArn("first", "/team/"));

        var second = await AssumeAsync(first, RoleArn("second"));

        (await WhoAmI(second)).Status.ShouldBe(200);
    }

    [Fact]
    public async Task Session_PastExpiration_ExpiredToken()
    {
        var dev = await NewUserKeyAsync("dev");
        await CreateRoleAsync("ops", $"arn:aws:iam::{_installation.AccountId}:user/dev");
        var session = await AssumeAsync(dev, RoleArn("ops"), seconds: 900);

        _time.Now = _time.Now.AddSeconds(901);

        AwsFrontDoorTests.AssertQueryError(await WhoAmI(session), 400, "ExpiredToken", "The security token included in the request is expired");
    }

    [Fact]
    public async Task AssumeRole_UserNotNamedInTrust_AccessDenied()
    {
        var dev = await NewUserKeyAsync("dev");
        await NewUserKeyAsync("other");
        await CreateRoleAsync("ops", $"arn:aws:iam::{_installation.AccountId}:user/other");

        var response = await Send(dev, "sts", $"Action=AssumeRole&Version=2011-06-15&RoleArn={Uri.EscapeDataString(RoleArn("ops"))}&RoleSessionName=s1");

        AwsFrontDoorTests.AssertQueryError(response, 403, "AccessDenied",
            $"User: arn:aws:iam::{_installation.AccountId}:user/dev is not authorized to perform: sts:AssumeRole on resource: {RoleArn("ops")}");
    }
}
