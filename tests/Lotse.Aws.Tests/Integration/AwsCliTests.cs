using System.Text.Json;
using Lotse.Aws.Tokens;

namespace Lotse.Aws.Tests.Integration;

/// <summary>The real aws CLI (botocore) against a real Kestrel + SQLite: the acceptance judge of IAM, STS and SigV4.</summary>
public sealed class AwsCliTests : IClassFixture<AwsEndpointFixture>, IDisposable
{
    private const string Trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"eks.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";

    private readonly AwsEndpointFixture _endpoint;
    private readonly string _home = Path.Combine(Path.GetTempPath(), "lotse-aws-home-" + Guid.NewGuid().ToString("N"));

    public AwsCliTests(AwsEndpointFixture endpoint)
    {
        _endpoint = endpoint;
        Directory.CreateDirectory(_home);
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);

    private Task<AwsCli.Result> Aws(params string[] args) => AwsAs(_endpoint.Installation.AdminAccessKeyId, _endpoint.Installation.AdminSecretAccessKey, args);

    private Task<AwsCli.Result> AwsAs(string key, string secret, params string[] args) =>
        AwsCli.RunAsync(_home, key, secret, null, ["--endpoint-url", _endpoint.Endpoint.ToString().TrimEnd('/'), "--output", "json", .. args]);

    [AwsCliFact]
    public async Task StsGetCallerIdentity_AdminKey_PrintsAdminIdentity()
    {
        var result = await Aws("sts", "get-caller-identity");

        result.ExitCode.ShouldBe(0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        json.RootElement.GetProperty("Account").GetString().ShouldBe(_endpoint.Installation.AccountId);
        json.RootElement.GetProperty("Arn").GetString().ShouldBe(_endpoint.Installation.AdminUserArn);
        json.RootElement.GetProperty("UserId").GetString()!.ShouldStartWith("AIDA");
    }

    [AwsCliFact]
    public async Task IamCreateRole_TrustFile_GetRoleShowsItAndDuplicateFails()
    {
        var trustFile = Path.Combine(_home, "trust.json");
        await File.WriteAllTextAsync(trustFile, Trust);

        var created = await Aws("iam", "create-role", "--role-name", "eksClusterRole", "--assume-role-policy-document", "file://" + trustFile);
        created.ExitCode.ShouldBe(0, created.Stderr);

        var fetched = await Aws("iam", "get-role", "--role-name", "eksClusterRole");
        fetched.ExitCode.ShouldBe(0, fetched.Stderr);
        using var json = JsonDocument.Parse(fetched.Stdout);
        var role = json.RootElement.GetProperty("Role");
        role.GetProperty("RoleName").GetString().ShouldBe("eksClusterRole");
        role.GetProperty("Arn").GetString().ShouldBe($"arn:aws:iam::{_endpoint.Installation.AccountId}:role/eksClusterRole");
        role.GetProperty("AssumeRolePolicyDocument").GetProperty("Statement")[0].GetProperty("Action").GetString().ShouldBe("sts:AssumeRole");

        var duplicate = await Aws("iam", "create-role", "--role-name", "eksClusterRole", "--assume-role-policy-document", "file://" + trustFile);
        duplicate.ExitCode.ShouldBeOneOf(254, 255);
        duplicate.Stderr.Trim().ShouldBe("An error occurred (EntityAlreadyExists) when calling the CreateRole operation: Role with name eksClusterRole already exists.");

        var listed = await Aws("iam", "list-roles");
        listed.ExitCode.ShouldBe(0, listed.Stderr);
        listed.Stdout.ShouldContain("\"RoleName\": \"eksClusterRole\"");
    }

    [AwsCliFact]
    public async Task IamAttachRolePolicy_WorkshopFlow_ListThenDetachAndDelete()
    {
        const string Policy = "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy";
        (await Aws("iam", "create-role", "--role-name", "workshopRole", "--assume-role-policy-document", Trust)).ExitCode.ShouldBe(0);
        var attached = await Aws("iam", "attach-role-policy", "--role-name", "workshopRole", "--policy-arn", Policy);
        attached.ExitCode.ShouldBe(0, attached.Stderr);

        var listed = await Aws("iam", "list-attached-role-policies", "--role-name", "workshopRole");
        listed.ExitCode.ShouldBe(0, listed.Stderr);
        using (var json = JsonDocument.Parse(listed.Stdout))
        {
            json.RootElement.GetProperty("AttachedPolicies")[0].GetProperty("PolicyName").GetString().ShouldBe("AmazonEKSClusterPolicy");
        }

        var blocked = await Aws("iam", "delete-role", "--role-name", "workshopRole");
        blocked.Stderr.Trim().ShouldBe("An error occurred (DeleteConflict) when calling the DeleteRole operation: Cannot delete entity, must detach all policies first.");
        (await Aws("iam", "detach-role-policy", "--role-name", "workshopRole", "--policy-arn", Policy)).ExitCode.ShouldBe(0);
        (await Aws("iam", "delete-role", "--role-name", "workshopRole")).ExitCode.ShouldBe(0);
        var gone = await Aws("iam", "get-role", "--role-name", "workshopRole");
        gone.Stderr.Trim().ShouldBe("An error occurred (NoSuchEntity) when calling the GetRole operation: The role with name workshopRole cannot be found.");
    }

    [AwsCliFact]
    public async Task IamCreateUserAndAccessKey_NewKey_SignsAsNewUser()
    {
        (await Aws("iam", "create-user", "--user-name", "dev")).ExitCode.ShouldBe(0);
        var created = await Aws("iam", "create-access-key", "--user-name", "dev");
        created.ExitCode.ShouldBe(0, created.Stderr);
        using var json = JsonDocument.Parse(created.Stdout);
        var key = json.RootElement.GetProperty("AccessKey");
        key.GetProperty("Status").GetString().ShouldBe("Active");

        var identity = await AwsAs(key.GetProperty("AccessKeyId").GetString()!, key.GetProperty("SecretAccessKey").GetString()!, "sts", "get-caller-identity");

        identity.ExitCode.ShouldBe(0, identity.Stderr);
        identity.Stdout.ShouldContain($"\"Arn\": \"arn:aws:iam::{_endpoint.Installation.AccountId}:user/dev\"");
    }

    [AwsCliFact]
    public async Task AnyCommand_WrongSecret_SignatureDoesNotMatch()
    {
        var result = await AwsAs(_endpoint.Installation.AdminAccessKeyId, "wrong" + _endpoint.Installation.AdminSecretAccessKey[5..], "sts", "get-caller-identity");

        result.ExitCode.ShouldBeOneOf(254, 255);
        result.Stderr.Trim().ShouldBe("An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: "
            + "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
    }

    [AwsCliFact]
    public async Task AnyCommand_UnknownKey_InvalidClientTokenId()
    {
        var result = await AwsAs("AKIAUNKNOWNKEY000000", _endpoint.Installation.AdminSecretAccessKey, "iam", "get-user");

        result.ExitCode.ShouldBeOneOf(254, 255);
        result.Stderr.Trim().ShouldBe("An error occurred (InvalidClientTokenId) when calling the GetUser operation: The security token included in the request is invalid.");
    }

    [AwsCliFact]
    public async Task EksGetTokenWithRoleArn_AssumesRole_TokenNamesRoleSession()
    {
        var trust = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{_endpoint.Installation.AccountId}}:root"},"Action":"sts:AssumeRole"}]}""";
        (await Aws("iam", "create-role", "--role-name", "ClusterAdmin", "--path", "/ops/", "--assume-role-policy-document", trust)).ExitCode.ShouldBe(0);
        var roleArn = $"arn:aws:iam::{_endpoint.Installation.AccountId}:role/ops/ClusterAdmin";
        var hostPort = _endpoint.Endpoint.Authority;

        var result = await AwsCli.RunAsync(_home, _endpoint.Installation.AdminAccessKeyId, _endpoint.Installation.AdminSecretAccessKey,
            new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = "http://" + hostPort },
            "eks", "get-token", "--cluster-name", "demo", "--role-arn", roleArn, "--output", "json");

        result.ExitCode.ShouldBe(0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var verifier = new EksTokenVerifier(_endpoint.Repository, TimeProvider.System, new EksTokenVerifierOptions { ExtraStsHosts = [hostPort] });
        var verified = await verifier.VerifyAsync(json.RootElement.GetProperty("status").GetProperty("token").GetString()!, "demo", default);
        verified.Error.ShouldBeNull();
        verified.Identity!.Arn.ShouldBe($"arn:aws:sts::{_endpoint.Installation.AccountId}:assumed-role/ClusterAdmin/EKSGetTokenAuth");
        verified.Identity.CanonicalArn.ShouldBe($"arn:aws:iam::{_endpoint.Installation.AccountId}:role/ClusterAdmin");
        verified.Identity.SessionName.ShouldBe("EKSGetTokenAuth");
        verified.Identity.UserId.ShouldStartWith("AROA");
    }

    [AwsCliFact]
    public async Task EksGetToken_DefaultAndOwnStsHost_VerifiedLocally()
    {
        var hostPort = _endpoint.Endpoint.Authority;
        var verifier = new EksTokenVerifier(_endpoint.Repository, TimeProvider.System, new EksTokenVerifierOptions { ExtraStsHosts = [hostPort] });

        foreach (var environment in new Dictionary<string, string>[] { [], new() { ["AWS_ENDPOINT_URL_STS"] = "http://" + hostPort } })
        {
            var result = await AwsCli.RunAsync(_home, _endpoint.Installation.AdminAccessKeyId, _endpoint.Installation.AdminSecretAccessKey, environment,
                "eks", "get-token", "--cluster-name", "demo", "--output", "json");
            result.ExitCode.ShouldBe(0, result.Stderr);
            using var json = JsonDocument.Parse(result.Stdout);
            var token = json.RootElement.GetProperty("status").GetProperty("token").GetString()!;

            var verified = await verifier.VerifyAsync(token, "demo", default);
            verified.Error.ShouldBeNull();
            verified.Identity!.Arn.ShouldBe(_endpoint.Installation.AdminUserArn);
            verified.Identity.AccountId.ShouldBe(_endpoint.Installation.AccountId);

            (await verifier.VerifyAsync(token, "other-cluster", default)).IsValid.ShouldBeFalse();
        }
    }
}
