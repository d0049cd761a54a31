using System.Xml.Linq;
using Lotse.Aws.Iam;
using Lotse.Aws.Sts;
using Lotse.Aws.Tests.FrontDoor;
using Lotse.Aws.Tests.Support;

namespace Lotse.Aws.Tests.Iam;

/// <summary>Tags on users and roles, access-key status, UpdateAssumeRolePolicy and trust-policy validation, through the front door.</summary>
public sealed class IamTagAndKeyStatusTests : IAsyncLifetime
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

    private Task<FrontDoorHarness.Response> Iam(params (string Name, string Value)[] parameters) =>
        _harness.QueryAsync("iam", "Version=2010-05-08&" + string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(p.Value)}")),
            _installation.AdminAccessKeyId, _installation.AdminSecretAccessKey);

    private static List<(string Key, string Value)> Tags(FrontDoorHarness.Response response, string result) =>
        XDocument.Parse(response.Body).Root!.Element(Ns + result)!.Element(Ns + "Tags")!.Elements(Ns + "member")
            .Select(m => (m.Element(Ns + "Key")!.Value, m.Element(Ns + "Value")!.Value)).ToList();

    [Fact]
    public async Task TagUser_MergesCaseInsensitivelyAndUntagRemoves()
    {
        (await Iam(("Action", "CreateUser"), ("UserName", "dev"), ("Tags.member.1.Key", "team"), ("Tags.member.1.Value", "core"))).Status.ShouldBe(200);

        (await Iam(("Action", "TagUser"), ("UserName", "dev"), ("Tags.member.1.Key", "TEAM"), ("Tags.member.1.Value", "edge"),
            ("Tags.member.2.Key", "env"), ("Tags.member.2.Value", "prod"))).Status.ShouldBe(200);
        Tags(await Iam(("Action", "ListUserTags"), ("UserName", "dev")), "ListUserTagsResult").ShouldBe([("TEAM", "edge"), ("env", "prod")]);

        (await Iam(("Action", "UntagUser"), ("UserName", "dev"), ("TagKeys.member.1", "team"), ("TagKeys.member.2", "absent"))).Status.ShouldBe(200);
        Tags(await Iam(("Action", "ListUserTags"), ("UserName", "dev")), "ListUserTagsResult").ShouldBe([("env", "prod")]);
    }

    [Fact]
    public async Task TagRole_FiftyFirstTag_LimitExceededAndNothingChanged()
    {
        await Iam(("Action", "CreateRole"), ("RoleName", "r"), ("AssumeRolePolicyDocument", Trust));
        var fifty = Enumerable.Range(1, 50).SelectMany(i => new[] { ($"Tags.member.{i}.Key", $"k{i}"), ($"Tags.member.{i}.Value", "v") }).ToArray();
        (await Iam([("Action", "TagRole"), ("RoleName", "r"), .. fifty])).Status.ShouldBe(200);

        var response = await Iam(("Action", "TagRole"), ("RoleName", "r"), ("Tags.member.1.Key", "one-more"), ("Tags.member.1.Value", "v"));

        AwsFrontDoorTests.AssertQueryError(response, 409, "LimitExceeded", "Cannot exceed quota for TagsPerRole: 50");
        Tags(await Iam(("Action", "ListRoleTags"), ("RoleName", "r"), ("MaxItems", "100")), "ListRoleTagsResult").Count.ShouldBe(50);
    }

    [Fact]
    public async Task ListRoleTags_MaxItems_PagesWithMarker()
    {
        await Iam(("Action", "CreateRole"), ("RoleName", "r"), ("AssumeRolePolicyDocument", Trust),
            ("Tags.member.1.Key", "a"), ("Tags.member.1.Value", "1"), ("Tags.member.2.Key", "b"), ("Tags.member.2.Value", "2"), ("Tags.member.3.Key", "c"), ("Tags.member.3.Value", "3"));

        var first = await Iam(("Action", "ListRoleTags"), ("RoleName", "r"), ("MaxItems", "2"));
        var result = XDocument.Parse(first.Body).Root!.Element(Ns + "ListRoleTagsResult")!;
        result.Element(Ns + "IsTruncated")!.Value.ShouldBe("true");
        var second = await Iam(("Action", "ListRoleTags"), ("RoleName", "r"), ("MaxItems", "2"), ("Marker", result.Element(Ns + "Marker")!.Value));

        Tags(first, "ListRoleTagsResult").Select(t => t.Key).ShouldBe(["a", "b"]);
        Tags(second, "ListRoleTagsResult").Select(t => t.Key).ShouldBe(["c"]);
        XDocument.Parse(second.Body).Root!.Element(Ns + "ListRoleTagsResult")!.Element(Ns + "IsTruncated")!.Value.ShouldBe("false");
    }

    [Fact]
    public async Task TagUser_BadKeyAndDuplicates_ValidationErrors()
    {
        await Iam(("Action", "CreateUser"), ("UserName", "dev"));

        AwsFrontDoorTests.AssertQueryError(await Iam(("Action", "TagUser"), ("UserName", "dev"), ("Tags.member.1.Key", "bad#key"), ("Tags.member.1.Value", "v")),
            400, "ValidationError", "1 validation error detected: Value 'bad#key' at 'tags.1.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
        AwsFrontDoorTests.AssertQueryError(await Iam(("Action", "TagUser"), ("UserName", "dev"), ("Tags.member.1.Key", "a"), ("Tags.member.1.Value", "1"), ("Tags.member.2.Key", "A"), ("Tags.member.2.Value", "2")),
            400, "InvalidInput", "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
        AwsFrontDoorTests.AssertQueryError(await Iam(("Action", "TagUser"), ("UserName", "ghost"), ("Tags.member.1.Key", "a"), ("Tags.member.1.Value", "1")),
            404, "NoSuchEntity", "The user with name ghost cannot be found.");
    }

    [Fact]
    public async Task ListUsers_PathPrefixAndMaxItems_PagesWithinThePrefix()
    {
        foreach (var (name, path) in new[] { ("ann", "/ops/"), ("bob", "/dev/"), ("cid", "/ops/eu/"), ("dan", "/ops/") })
        {
            (await Iam(("Action", "CreateUser"), ("UserName", name), ("Path", path))).Status.ShouldBe(200);
        }

        var names = new List<string>();
        string? marker = null;
        do
        {
            var page = await Iam([("Action", "ListUsers"), ("PathPrefix", "/ops/"), ("MaxItems", "2"), .. marker is null ? Array.Empty<(string, string)>() : [("Marker", marker)]]);
            var result = XDocument.Parse(page.Body).Root!.Element(Ns + "ListUsersResult")!;
            names.AddRange(result.Element(Ns + "Users")!.Elements(Ns + "member").Select(m => m.Element(Ns + "UserName")!.Value));
            marker = result.Element(Ns + "IsTruncated")!.Value == "true" ? result.Element(Ns + "Marker")!.Value : null;
        }
        while (marker is not null);

        names.ShouldBe(["ann", "cid", "dan"]);
    }

    [Fact]
    public async Task UpdateAccessKey_Inactive_RefusedUntilActiveAgain()
    {
        await Iam(("Action", "CreateUser"), ("UserName", "dev"));
        var key = XDocument.Parse((await Iam(("Action", "CreateAccessKey"), ("UserName", "dev"))).Body).Root!
            .Element(Ns + "CreateAccessKeyResult")!.Element(Ns + "AccessKey")!;
        var (id, secret) = (key.Element(Ns + "AccessKeyId")!.Value, key.Element(Ns + "SecretAccessKey")!.Value);

        (await Iam(("Action", "UpdateAccessKey"), ("UserName", "dev"), ("AccessKeyId", id), ("Status", "Inactive"))).Status.ShouldBe(200);
        AwsFrontDoorTests.AssertQueryError(await _harness.QueryAsync("sts", "Action=GetCallerIdentity&Version=2011-06-15", id, secret),
            403, "InvalidClientTokenId", "The security token included in the request is invalid.");
        var listed = await Iam(("Action", "ListAccessKeys"), ("UserName", "dev"));
        listed.Body.ShouldContain("<Status>Inactive</Status>");

        (await Iam(("Action", "UpdateAccessKey"), ("UserName", "dev"), ("AccessKeyId", id), ("Status", "Active"))).Status.ShouldBe(200);
        (await _harness.QueryAsync("sts", "Action=GetCallerIdentity&Version=2011-06-15", id, secret)).Status.ShouldBe(200);
    }

    [Fact]
    public async Task UpdateAccessKey_BadStatusOrOtherUsersKey_Errors()
    {
        await Iam(("Action", "CreateUser"), ("UserName", "dev"));
        await Iam(("Action", "CreateUser"), ("UserName", "ops"));
        var id = XDocument.Parse((await Iam(("Action", "CreateAccessKey"), ("UserName", "dev"))).Body).Descendants(Ns + "AccessKeyId").Single().Value;

        AwsFrontDoorTests.AssertQueryError(await Iam(("Action", "UpdateAccessKey"), ("UserName", "dev"), ("AccessKeyId", id), ("Status", "Paused")),
            400, "ValidationError", "1 validation error detected: Value 'Paused' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]");
        AwsFrontDoorTests.AssertQueryError(await Iam(("Action", "UpdateAccessKey"), ("UserName", "ops"), ("AccessKeyId", id), ("Status", "Inactive")),
            404, "NoSuchEntity", $"The Access Key with id {id} cannot be found.");
    }

    [Fact]
    public async Task GetAccessKeyLastUsed_OwnKey_UserNameAndNotTracked()
    {
        var response = await Iam(("Action", "GetAccessKeyLastUsed"), ("AccessKeyId", _installation.AdminAccessKeyId));

        response.Status.ShouldBe(200, response.Body);
        var result = XDocument.Parse(response.Body).Root!.Element(Ns + "GetAccessKeyLastUsedResult")!;
        result.Element(Ns + "UserName")!.Value.ShouldBe("admin");
        result.Element(Ns + "AccessKeyLastUsed")!.Element(Ns + "ServiceName")!.Value.ShouldBe("N/A");
    }

    [Fact]
    public async Task UpdateAssumeRolePolicy_NewPrincipal_StoredAndShownByGetRole()
    {
        await Iam(("Action", "CreateRole"), ("RoleName", "r"), ("AssumeRolePolicyDocument", Trust));
        var trustAccount = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{_installation.AccountId}}:root"},"Action":"sts:AssumeRole"}]}""";

        (await Iam(("Action", "UpdateAssumeRolePolicy"), ("RoleName", "r"), ("PolicyDocument", trustAccount))).Status.ShouldBe(200);

        (await Iam(("Action", "GetRole"), ("RoleName", "r"))).Body.ShouldContain(Uri.EscapeDataString(trustAccount));
        AwsFrontDoorTests.AssertQueryError(await Iam(("Action", "UpdateAssumeRolePolicy"), ("RoleName", "nope"), ("PolicyDocument", trustAccount)),
            404, "NoSuchEntity", "The role with name nope cannot be found.");
    }

    [Theory]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]}""",
        "Invalid principal in policy: com.amazon.balsa.error.InvalidPolicyException: The passed in policy has a statement with no principals!")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"eks.amazonaws.com"},"Action":"sts:AssumeRole","Resource":"*"}]}""",
        "Has prohibited field Resource.")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"eks.amazonaws.com"},"Action":"s3:GetObject"}]}""",
        "Trust Policy statement actions can only be sts:AssumeRole, sts:AssumeRoleWithSAML,  and sts:AssumeRoleWithWebIdentity")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Maybe","Principal":{"Service":"eks.amazonaws.com"},"Action":"sts:AssumeRole"}]}""",
        "Syntax errors in policy.")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"eks.amazonaws.com"}}]}""",
        "Policy statement must contain actions.")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"not-an-arn"},"Action":"sts:AssumeRole"}]}""",
        "Invalid principal in policy: \"AWS\":\"not-an-arn\"")]
    public async Task UpdateAssumeRolePolicy_Malformed_MalformedPolicyDocument(string policy, string message)
    {
        await Iam(("Action", "CreateRole"), ("RoleName", "r"), ("AssumeRolePolicyDocument", Trust));

        AwsFrontDoorTests.AssertQueryError(await Iam(("Action", "UpdateAssumeRolePolicy"), ("RoleName", "r"), ("PolicyDocument", policy)), 400, "MalformedPolicyDocument", message);
    }

    [Fact]
    public async Task CreateRole_PrincipalUserMissingThenPresent_InvalidPrincipalThenCreated()
    {
        var userArn = $"arn:aws:iam::{_installation.AccountId}:user/dev";
        var policy = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"{{userArn}}"},"Action":"sts:AssumeRole"}]}""";

        AwsFrontDoorTests.AssertQueryError(await Iam(("Action", "CreateRole"), ("RoleName", "r"), ("AssumeRolePolicyDocument", policy)),
            400, "MalformedPolicyDocument", $"Invalid principal in policy: \"AWS\":\"{userArn}\"");
        await Iam(("Action", "CreateUser"), ("UserName", "dev"));
        (await Iam(("Action", "CreateRole"), ("RoleName", "r"), ("AssumeRolePolicyDocument", policy))).Status.ShouldBe(200);
    }
}
