using System.Text.Json;

namespace Lotse.Aws.Tests.Integration;

/// <summary>IAM tags, key status, trust-policy updates and AssumeRole as the real aws CLI drives them.</summary>
public sealed class AwsCliIamTests : IClassFixture<AwsEndpointFixture>, IDisposable
{
    private readonly AwsEndpointFixture _endpoint;
    private readonly string _home = Path.Combine(Path.GetTempPath(), "lotse-aws-home-" + Guid.NewGuid().ToString("N"));
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..6];

    public AwsCliIamTests(AwsEndpointFixture endpoint)
    {
        _endpoint = endpoint;
        Directory.CreateDirectory(_home);
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);

    private Task<AwsCli.Result> Aws(params string[] args) => AwsAs(_endpoint.Installation.AdminAccessKeyId, _endpoint.Installation.AdminSecretAccessKey, null, args);

    private Task<AwsCli.Result> AwsAs(string key, string secret, string? token, params string[] args) =>
        AwsCli.RunAsync(_home, key, secret, token is null ? null : new Dictionary<string, string> { ["AWS_SESSION_TOKEN"] = token },
            ["--endpoint-url", _endpoint.Endpoint.ToString().TrimEnd('/'), "--output", "json", .. args]);

    private async Task<(string Id, string Secret)> NewUserWithKeyAsync(string user)
    {
        (await Aws("iam", "create-user", "--user-name", user, "--tags", "Key=team,Value=core")).ExitCode.ShouldBe(0);
        var created = await Aws("iam", "create-access-key", "--user-name", user);
        created.ExitCode.ShouldBe(0, created.Stderr);
        var key = JsonDocument.Parse(created.Stdout).RootElement.GetProperty("AccessKey");
        return (key.GetProperty("AccessKeyId").GetString()!, key.GetProperty("SecretAccessKey").GetString()!);
    }

    [AwsCliFact]
    public async Task TagUserAndListUserTags_CliShowsMergedTags()
    {
        var user = "tagged-" + _suffix;
        (await Aws("iam", "create-user", "--user-name", user, "--tags", "Key=team,Value=core")).ExitCode.ShouldBe(0);

        (await Aws("iam", "tag-user", "--user-name", user, "--tags", "Key=env,Value=prod")).ExitCode.ShouldBe(0);
        (await Aws("iam", "untag-user", "--user-name", user, "--tag-keys", "team")).ExitCode.ShouldBe(0);
        var listed = await Aws("iam", "list-user-tags", "--user-name", user);

        listed.ExitCode.ShouldBe(0, listed.Stderr);
        var tags = JsonDocument.Parse(listed.Stdout).RootElement.GetProperty("Tags").EnumerateArray().Select(t => (t.GetProperty("Key").GetString(), t.GetProperty("Value").GetString()));
        tags.ShouldBe([("env", "prod")]);
    }

    [AwsCliFact]
    public async Task UpdateAccessKeyInactive_KeyRefusedThenActiveAgain()
    {
        var user = "keyed-" + _suffix;
        var (id, secret) = await NewUserWithKeyAsync(user);
        (await AwsAs(id, secret, null, "sts", "get-caller-identity")).ExitCode.ShouldBe(0);

        (await Aws("iam", "update-access-key", "--user-name", user, "--access-key-id", id, "--status", "Inactive")).ExitCode.ShouldBe(0);
        var refused = await AwsAs(id, secret, null, "sts", "get-caller-identity");
        refused.Stderr.Trim().ShouldBe("An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.");

        (await Aws("iam", "update-access-key", "--user-name", user, "--access-key-id", id, "--status", "Active")).ExitCode.ShouldBe(0);
        (await AwsAs(id, secret, null, "sts", "get-caller-identity")).ExitCode.ShouldBe(0);

        var third = await Aws("iam", "create-access-key", "--user-name", user);
        third.ExitCode.ShouldBe(0);
        var quota = await Aws("iam", "create-access-key", "--user-name", user);
        quota.Stderr.Trim().ShouldBe("An error occurred (LimitExceeded) when calling the CreateAccessKey operation: Cannot exceed quota for AccessKeysPerUser: 2");
    }

    [AwsCliFact]
    public async Task AssumeRole_TrustUpdatedToNameUser_SessionWorksUntilSourceKeyDeleted()
    {
        var user = "assumer-" + _suffix;
        var role = "assumed-" + _suffix;
        var (id, secret) = await NewUserWithKeyAsync(user);
        var userArn = $"arn:aws:iam::{_endpoint.Installation.AccountId}:user/{user}";
        var roleArn = $"arn:aws:iam::{_endpoint.Installation.AccountId}:role/{role}";
        (await Aws("iam", "create-role", "--role-name", role, "--assume-role-policy-document",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"eks.amazonaws.com"},"Action":"sts:AssumeRole"}]}""")).ExitCode.ShouldBe(0);

        var denied = await AwsAs(id, secret, null, "sts", "assume-role", "--role-arn", roleArn, "--role-session-name", "s1");
        denied.Stderr.Trim().ShouldBe($"An error occurred (AccessDenied) when calling the AssumeRole operation: User: {userArn} is not authorized to perform: sts:AssumeRole on resource: {roleArn}");

        var malformed = await Aws("iam", "update-assume-role-policy", "--role-name", role, "--policy-document",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:user/x"},"Action":"sts:AssumeRole","Resource":"*"}]}""");
        malformed.Stderr.Trim().ShouldBe("An error occurred (MalformedPolicyDocument) when calling the UpdateAssumeRolePolicy operation: Has prohibited field Resource.");
        (await Aws("iam", "update-assume-role-policy", "--role-name", role, "--policy-document",
            $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"{{userArn}}"},"Action":"sts:AssumeRole"}]}""")).ExitCode.ShouldBe(0);

        var assumed = await AwsAs(id, secret, null, "sts", "assume-role", "--role-arn", roleArn, "--role-session-name", "s1", "--duration-seconds", "900");
        assumed.ExitCode.ShouldBe(0, assumed.Stderr);
        var credentials = JsonDocument.Parse(assumed.Stdout).RootElement.GetProperty("Credentials");
        var (sessionId, sessionSecret, token) = (credentials.GetProperty("AccessKeyId").GetString()!, credentials.GetProperty("SecretAccessKey").GetString()!,
            credentials.GetProperty("SessionToken").GetString()!);
        sessionId.ShouldStartWith("ASIA");
        (await AwsAs(sessionId, sessionSecret, token, "sts", "get-caller-identity")).Stdout.ShouldContain($"assumed-role/{role}/s1");

        (await Aws("iam", "delete-access-key", "--user-name", user, "--access-key-id", id)).ExitCode.ShouldBe(0);
        var revoked = await AwsAs(sessionId, sessionSecret, token, "sts", "get-caller-identity");
        revoked.Stderr.Trim().ShouldBe("An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.");
    }
}
