using System.Text.RegularExpressions;
using System.Xml.Linq;
using Lotse.Aws.Iam;
using Lotse.Aws.Sts;
using Lotse.Aws.Tests.FrontDoor;
using Lotse.Aws.Tests.Support;

namespace Lotse.Aws.Tests.Iam;

public sealed partial class IamServiceTests : IAsyncLifetime
{
    private const string Trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"eks.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
    private static readonly XNamespace Ns = IamService.Namespace;

    private readonly InMemoryStore _store = new();
    private readonly ManualTimeProvider _time = new(FrontDoorHarness.Now);
    private FrontDoorHarness _harness = null!;
    private AwsInstallation _installation = null!;

    public async Task InitializeAsync()
    {
        _installation = await AwsInstallation.InitializeAsync(_store, _time, default);
        var repository = new IamRepository(_store, _time);
        _harness = new FrontDoorHarness(_time, repository, new IamService(repository), new StsService(repository, _time));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<FrontDoorHarness.Response> Iam(string form) =>
        _harness.QueryAsync("iam", "Version=2010-05-08&" + form, _installation.AdminAccessKeyId, _installation.AdminSecretAccessKey);

    private static string Form(params (string Name, string Value)[] parameters) =>
        string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(p.Value)}"));

    [Fact]
    public async Task CreateRole_ThenGetRole_SameRoleWithEncodedPolicy()
    {
        var created = await Iam(Form(("Action", "CreateRole"), ("RoleName", "eksClusterRole"), ("AssumeRolePolicyDocument", Trust), ("Path", "/svc/"),
            ("Description", "cluster role"), ("MaxSessionDuration", "7200"), ("Tags.member.1.Key", "team"), ("Tags.member.1.Value", "core")));
        created.Status.ShouldBe(200, created.Body);

        var fetched = await Iam(Form(("Action", "GetRole"), ("RoleName", "eksClusterRole")));

        fetched.Status.ShouldBe(200, fetched.Body);
        var role = XDocument.Parse(fetched.Body).Root!.Element(Ns + "GetRoleResult")!.Element(Ns + "Role")!;
        role.Element(Ns + "Arn")!.Value.ShouldBe($"arn:aws:iam::{_installation.AccountId}:role/svc/eksClusterRole");
        role.Element(Ns + "RoleId")!.Value.ShouldMatch("^AROA[A-Z2-7]{17}$");
        role.Element(Ns + "Path")!.Value.ShouldBe("/svc/");
        role.Element(Ns + "MaxSessionDuration")!.Value.ShouldBe("7200");
        role.Element(Ns + "Description")!.Value.ShouldBe("cluster role");
        role.Element(Ns + "AssumeRolePolicyDocument")!.Value.ShouldBe(Uri.EscapeDataString(Trust));
        role.Element(Ns + "Tags")!.Element(Ns + "member")!.Element(Ns + "Key")!.Value.ShouldBe("team");
        var createdRole = XDocument.Parse(created.Body).Root!.Element(Ns + "CreateRoleResult")!.Element(Ns + "Role")!;
        createdRole.Element(Ns + "RoleId")!.Value.ShouldBe(role.Element(Ns + "RoleId")!.Value);
        createdRole.Element(Ns + "CreateDate")!.Value.ShouldBe("2026-12-03T12:00:00Z");
    }

    [Fact]
    public async Task CreateRole_NameTakenInOtherCase_EntityAlreadyExists()
    {
        (await Iam(Form(("Action", "CreateRole"), ("RoleName", "eksClusterRole"), ("AssumeRolePolicyDocument", Trust)))).Status.ShouldBe(200);

        var duplicate = await Iam(Form(("Action", "CreateRole"), ("RoleName", "EKSCLUSTERROLE"), ("AssumeRolePolicyDocument", Trust)));

        AwsFrontDoorTests.AssertQueryError(duplicate, 409, "EntityAlreadyExists", "Role with name EKSCLUSTERROLE already exists.");
    }

    [Fact]
    public async Task GetRole_Unknown_NoSuchEntity()
    {
        AwsFrontDoorTests.AssertQueryError(await Iam(Form(("Action", "GetRole"), ("RoleName", "nope"))), 404, "NoSuchEntity", "The role with name nope cannot be found.");
    }

    [Fact]
    public async Task CreateRole_BadNameAndDuration_AllProblemsInOneValidationError()
    {
        var response = await Iam(Form(("Action", "CreateRole"), ("RoleName", "bad name"), ("AssumeRolePolicyDocument", Trust), ("MaxSessionDuration", "60")));

        AwsFrontDoorTests.AssertQueryError(response, 400, "ValidationError",
            "2 validation errors detected: Value 'bad name' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+; "
            + "Value '60' at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600");
    }

    [Theory]
    [InlineData("not json", "This policy contains invalid Json")]
    [InlineData("{\"Version\":\"2012-10-17\"}", "Syntax errors in policy.")]
    public async Task CreateRole_BadPolicy_MalformedPolicyDocument(string policy, string message)
    {
        var response = await Iam(Form(("Action", "CreateRole"), ("RoleName", "r"), ("AssumeRolePolicyDocument", policy)));

        AwsFrontDoorTests.AssertQueryError(response, 400, "MalformedPolicyDocument", message);
    }

    [Fact]
    public async Task ListRoles_MaxItemsOne_PagesWithMarker()
    {
        foreach (var name in new[] { "b-role", "a-role", "c-role" })
        {
            (await Iam(Form(("Action", "CreateRole"), ("RoleName", name), ("AssumeRolePolicyDocument", Trust)))).Status.ShouldBe(200);
        }

        var names = new List<string>();
        string? marker = null;
        for (var page = 0; page < 5; page++)
        {
            var form = marker is null ? Form(("Action", "ListRoles"), ("MaxItems", "2")) : Form(("Action", "ListRoles"), ("MaxItems", "2"), ("Marker", marker));
            var result = XDocument.Parse((await Iam(form)).Body).Root!.Element(Ns + "ListRolesResult")!;
            names.AddRange(result.Element(Ns + "Roles")!.Elements(Ns + "member").Select(m => m.Element(Ns + "RoleName")!.Value));
            if (result.Element(Ns + "IsTruncated")!.Value == "false")
            {
                break;
            }

            marker = result.Element(Ns + "Marker")!.Value;
        }

        names.ShouldBe(["a-role", "b-role", "c-role"]);
    }

    [Fact]
    public async Task CreateAccessKey_ThirdKey_LimitExceededAndNewKeySigns()
    {
        (await Iam(Form(("Action", "CreateUser"), ("UserName", "dev")))).Status.ShouldBe(200);
        var first = await Iam(Form(("Action", "CreateAccessKey"), ("UserName", "dev")));
        (await Iam(Form(("Action", "CreateAccessKey"), ("UserName", "dev")))).Status.ShouldBe(200);

        AwsFrontDoorTests.AssertQueryError(await Iam(Form(("Action", "CreateAccessKey"), ("UserName", "dev"))), 409, "LimitExceeded",
            "Cannot exceed quota for AccessKeysPerUser: 2");

        var key = XDocument.Parse(first.Body).Root!.Element(Ns + "CreateAccessKeyResult")!.Element(Ns + "AccessKey")!;
        var id = key.Element(Ns + "AccessKeyId")!.Value;
        var secret = key.Element(Ns + "SecretAccessKey")!.Value;
        id.ShouldMatch("^AKIA[A-Z2-7]{16}$");
        secret.Length.ShouldBe(40);
        var identity = await _harness.QueryAsync("sts", "Action=GetCallerIdentity&Version=2011-06-15", id, secret);
        identity.Body.ShouldContain($"<Arn>arn:aws:iam::{_installation.AccountId}:user/dev</Arn>");
    }

    [Fact]
    public async Task DeleteUser_WithKeys_DeleteConflictUntilKeysDeleted()
    {
        await Iam(Form(("Action", "CreateUser"), ("UserName", "dev")));
        var created = await Iam(Form(("Action", "CreateAccessKey"), ("UserName", "dev")));
        var id = AccessKeyIdRegex().Match(created.Body).Groups[1].Value;

        AwsFrontDoorTests.AssertQueryError(await Iam(Form(("Action", "DeleteUser"), ("UserName", "dev"))), 409, "DeleteConflict",
            "Cannot delete entity, must delete access keys first.");
        (await Iam(Form(("Action", "DeleteAccessKey"), ("UserName", "dev"), ("AccessKeyId", id)))).Status.ShouldBe(200);
        (await Iam(Form(("Action", "DeleteUser"), ("UserName", "dev")))).Status.ShouldBe(200);

        AwsFrontDoorTests.AssertQueryError(await Iam(Form(("Action", "GetUser"), ("UserName", "dev"))), 404, "NoSuchEntity", "The user with name dev cannot be found.");
        var stale = await _harness.QueryAsync("sts", "Action=GetCallerIdentity&Version=2011-06-15", id, "x");
        AwsFrontDoorTests.AssertQueryError(stale, 403, "InvalidClientTokenId", "The security token included in the request is invalid.");
    }

    [Fact]
    public async Task GetUser_NoName_TheCaller()
    {
        var response = await Iam("Action=GetUser");

        response.Status.ShouldBe(200, response.Body);
        var user = XDocument.Parse(response.Body).Root!.Element(Ns + "GetUserResult")!.Element(Ns + "User")!;
        user.Element(Ns + "UserName")!.Value.ShouldBe("admin");
        user.Element(Ns + "Arn")!.Value.ShouldBe(_installation.AdminUserArn);
        user.Element(Ns + "UserId")!.Value.ShouldMatch("^AIDA[A-Z2-7]{17}$");
    }

    [Fact]
    public async Task ListAccessKeys_NoName_CallersKeysWithoutSecrets()
    {
        var response = await Iam("Action=ListAccessKeys");

        response.Status.ShouldBe(200, response.Body);
        response.Body.ShouldContain($"<AccessKeyId>{_installation.AdminAccessKeyId}</AccessKeyId>");
        response.Body.ShouldContain("<Status>Active</Status>");
        response.Body.ShouldNotContain(_installation.AdminSecretAccessKey);
    }

    [Fact]
    public async Task AttachRolePolicy_ManagedPolicy_ListedAndBlocksDeleteUntilDetached()
    {
        const string Policy = "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy";
        await Iam(Form(("Action", "CreateRole"), ("RoleName", "eksClusterRole"), ("AssumeRolePolicyDocument", Trust)));
        (await Iam(Form(("Action", "AttachRolePolicy"), ("RoleName", "eksClusterRole"), ("PolicyArn", Policy)))).Status.ShouldBe(200);
        (await Iam(Form(("Action", "AttachRolePolicy"), ("RoleName", "eksClusterRole"), ("PolicyArn", Policy)))).Status.ShouldBe(200, "attaching twice is a no-op");

        var listed = XDocument.Parse((await Iam(Form(("Action", "ListAttachedRolePolicies"), ("RoleName", "eksClusterRole")))).Body).Root!
            .Element(Ns + "ListAttachedRolePoliciesResult")!.Element(Ns + "AttachedPolicies")!.Elements(Ns + "member").ToList();
        listed.Count.ShouldBe(1);
        listed[0].Element(Ns + "PolicyName")!.Value.ShouldBe("AmazonEKSClusterPolicy");

        AwsFrontDoorTests.AssertQueryError(await Iam(Form(("Action", "DeleteRole"), ("RoleName", "eksClusterRole"))), 409, "DeleteConflict",
            "Cannot delete entity, must detach all policies first.");
        (await Iam(Form(("Action", "DetachRolePolicy"), ("RoleName", "eksClusterRole"), ("PolicyArn", Policy)))).Status.ShouldBe(200);
        (await Iam(Form(("Action", "DeleteRole"), ("RoleName", "eksClusterRole")))).Status.ShouldBe(200);
    }

    [Fact]
    public async Task AttachRolePolicy_CustomerPolicyOrUnknownRole_NoSuchEntity()
    {
        await Iam(Form(("Action", "CreateRole"), ("RoleName", "r1"), ("AssumeRolePolicyDocument", Trust)));
        var customer = $"arn:aws:iam::{_installation.AccountId}:policy/mine";

        AwsFrontDoorTests.AssertQueryError(await Iam(Form(("Action", "AttachRolePolicy"), ("RoleName", "r1"), ("PolicyArn", customer))), 404, "NoSuchEntity",
            $"Policy {customer} does not exist or is not attachable.");
        AwsFrontDoorTests.AssertQueryError(
            await Iam(Form(("Action", "AttachRolePolicy"), ("RoleName", "nope"), ("PolicyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess"))), 404, "NoSuchEntity",
            "The role with name nope cannot be found.");
        AwsFrontDoorTests.AssertQueryError(
            await Iam(Form(("Action", "DetachRolePolicy"), ("RoleName", "r1"), ("PolicyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess"))), 404, "NoSuchEntity",
            "Policy arn:aws:iam::aws:policy/ReadOnlyAccess was not found.");
    }

    [Fact]
    public async Task AttachRolePolicy_EleventhPolicy_LimitExceeded()
    {
        await Iam(Form(("Action", "CreateRole"), ("RoleName", "r1"), ("AssumeRolePolicyDocument", Trust)));
        for (var i = 0; i < IamRepository.MaxPoliciesPerRole; i++)
        {
            (await Iam(Form(("Action", "AttachRolePolicy"), ("RoleName", "r1"), ("PolicyArn", $"arn:aws:iam::aws:policy/P{i}")))).Status.ShouldBe(200);
        }

        AwsFrontDoorTests.AssertQueryError(await Iam(Form(("Action", "AttachRolePolicy"), ("RoleName", "r1"), ("PolicyArn", "arn:aws:iam::aws:policy/P10"))),
            409, "LimitExceeded", "Cannot exceed quota for PoliciesPerRole: 10");
    }

    [Fact]
    public async Task UnknownAction_InvalidAction()
    {
        AwsFrontDoorTests.AssertQueryError(await Iam("Action=CreateGroup&GroupName=g"), 400, "InvalidAction", "Could not find operation CreateGroup for version 2010-05-08");
    }

    [GeneratedRegex("<AccessKeyId>([A-Z0-9]+)</AccessKeyId>")]
    private static partial Regex AccessKeyIdRegex();
}
