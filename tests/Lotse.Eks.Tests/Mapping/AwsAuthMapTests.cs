using System.Text;
using Lotse.Aws.Tokens;
using Lotse.Eks.Access;
using Lotse.Eks.Mapping;

namespace Lotse.Eks.Tests.Mapping;

public class AwsAuthMapTests
{
    private static readonly EksIdentity Dev = new("arn:aws:iam::123456789012:user/dev", "arn:aws:iam::123456789012:user/dev", "123456789012", "AIDADEV", "", "AKIADEV");

    private static readonly EksIdentity Deployer = new(
        "arn:aws:sts::123456789012:assumed-role/Deployer/jane@example.com", "arn:aws:iam::123456789012:role/Deployer", "123456789012", "AROADEPLOYER", "jane@example.com", "ASIADEPLOYER");

    [Fact]
    public void Parse_StoredConfigMap_ReadsRolesUsersAndAccounts()
    {
        var json = """
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"aws-auth","namespace":"kube-system"},"data":{
              "mapRoles":"- rolearn: arn:aws:iam::123456789012:role/Deployer\n  username: deployer:{{SessionName}}\n  groups:\n    - system:masters\n",
              "mapUsers":"- userarn: arn:aws:iam::123456789012:user/dev\n  username: dev\n",
              "mapAccounts":"- \"210987654321\"\n"}}
            """;

        var map = AwsAuthMap.Parse(Encoding.UTF8.GetBytes(json));

        map.Problems.ShouldBeEmpty();
        map.Roles.Single().Username.ShouldBe("deployer:{{SessionName}}");
        map.Roles.Single().Groups.ShouldBe(["system:masters"]);
        map.Users.Single().Arn.ShouldBe("arn:aws:iam::123456789012:user/dev");
        map.Accounts.ShouldBe(["210987654321"]);
    }

    [Fact]
    public void FromData_MalformedEntries_AreSkippedAndReported_TheRestApplies()
    {
        var map = AwsAuthMap.FromData(
            mapRoles: "- username: nobody\n- rolearn: arn:aws:iam::123456789012:role/Deployer\n  username: deployer\n  groups: admins\n- rolearn: arn:aws:iam::123456789012:role/Ok\n  username: ok\n",
            mapUsers: "- userarn: arn:aws:iam::123456789012:user/dev\n  username: dev\n- just a string\n",
            mapAccounts: "- 12345\n");

        map.Roles.Select(r => r.Username).ShouldBe(["ok"]);
        map.Users.Select(u => u.Username).ShouldBe(["dev"]);
        map.Accounts.ShouldBeEmpty();
        map.Problems.Count.ShouldBe(4);
        map.Problems[0].ShouldContain("one of rolearn or sso must be supplied");
        map.Problems[1].ShouldContain("groups must be a list of strings");
    }

    [Fact]
    public void FromData_InvalidYaml_IgnoresThatKeyOnly()
    {
        var map = AwsAuthMap.FromData("- rolearn: [unclosed", "- userarn: arn:aws:iam::123456789012:user/dev\n  username: dev\n", null);

        map.Roles.ShouldBeEmpty();
        map.Users.Count.ShouldBe(1);
        map.Problems.Single().ShouldStartWith("mapRoles: not valid YAML");
    }

    [Fact]
    public void Map_RoleWithTemplates_RendersUsernameAndGroups()
    {
        var map = AwsAuthMap.FromData(
            "- rolearn: arn:aws:iam::123456789012:role/deployer\n  username: \"{{AccountID}}:{{SessionName}}\"\n  groups: [\"team-{{SessionNameRaw}}\", \"{{AccessKeyID}}\"]\n", null, null);

        var mapping = IdentityMapping.Map(Deployer, AccessEntryTypes.ConfigMapMode, null, creatorIsImplicitAdmin: false, map);

        mapping.Username.ShouldBe("123456789012:jane-example.com");
        mapping.Groups.ShouldBe(["team-jane@example.com", "ASIADEPLOYER"]);
    }

    [Fact]
    public void Map_RolesBeforeUsers_FirstMatchWins_CaseInsensitive()
    {
        var map = AwsAuthMap.FromData(
            "- rolearn: ARN:AWS:IAM::123456789012:ROLE/DEPLOYER\n  username: first\n- rolearn: arn:aws:iam::123456789012:role/Deployer\n  username: second\n",
            "- userarn: arn:aws:iam::123456789012:role/Deployer\n  username: as-user\n", null);

        IdentityMapping.Map(Deployer, AccessEntryTypes.ConfigMapMode, null, false, map).Username.ShouldBe("first");
    }

    [Fact]
    public void Map_RoleArnWithPath_NeverMatches()
    {
        var map = AwsAuthMap.FromData("- rolearn: arn:aws:iam::123456789012:role/team/Deployer\n  username: deployer\n", null, null);

        IdentityMapping.Map(Deployer, AccessEntryTypes.ConfigMapMode, null, false, map).Refusal.ShouldBe("ARN is not mapped: arn:aws:iam::123456789012:role/Deployer");
    }

    [Fact]
    public void Map_SessionNameTemplateForAUser_IsRefused()
    {
        var map = AwsAuthMap.FromData(null, "- userarn: arn:aws:iam::123456789012:user/dev\n  username: \"dev:{{SessionName}}\"\n", null);

        IdentityMapping.Map(Dev, AccessEntryTypes.ConfigMapMode, null, false, map).Refusal!.ShouldContain("needs a session name");
    }

    [Fact]
    public void Map_AccountInMapAccounts_MapsToTheCanonicalArnWithoutGroups()
    {
        var map = AwsAuthMap.FromData(null, null, "- \"123456789012\"\n");

        var mapping = IdentityMapping.Map(Dev, AccessEntryTypes.ConfigMapMode, null, false, map);

        mapping.Username.ShouldBe(Dev.CanonicalArn);
        mapping.Groups.ShouldBeEmpty();
    }

    [Fact]
    public void Map_SsoPermissionSet_MatchesTheReservedRole()
    {
        var map = AwsAuthMap.FromData("- sso:\n    permissionSetName: Admin\n    accountID: \"123456789012\"\n  username: sso-admin\n", null, null);
        var sso = Deployer with { CanonicalArn = "arn:aws:iam::123456789012:role/AWSReservedSSO_Admin_0123456789abcdef" };

        IdentityMapping.Map(sso, AccessEntryTypes.ConfigMapMode, null, false, map).Username.ShouldBe("sso-admin");
    }

    [Fact]
    public void Map_CreatorOfConfigMapCluster_IsKubernetesAdminWhateverAwsAuthSays()
    {
        var map = AwsAuthMap.FromData(null, "- userarn: arn:aws:iam::123456789012:user/dev\n  username: demoted\n", null);

        var mapping = IdentityMapping.Map(Dev, AccessEntryTypes.ConfigMapMode, null, creatorIsImplicitAdmin: true, map);

        mapping.Username.ShouldBe("kubernetes-admin");
        mapping.Groups.ShouldBe(["system:masters"]);
    }

    [Fact]
    public void Map_ApiAndConfigMap_AccessEntryWinsOverAwsAuth()
    {
        var map = AwsAuthMap.FromData(null, "- userarn: arn:aws:iam::123456789012:user/dev\n  username: from-configmap\n", null);
        var entry = Entry("arn:aws:iam::123456789012:user/dev", "from-entry", ["devs"]);

        IdentityMapping.Map(Dev, AccessEntryTypes.ApiAndConfigMapMode, entry, false, map).Username.ShouldBe("from-entry");
        IdentityMapping.Map(Dev, AccessEntryTypes.ApiAndConfigMapMode, null, false, map).Username.ShouldBe("from-configmap");
    }

    [Fact]
    public void Map_ApiMode_IgnoresAwsAuthAndTheImplicitCreator()
    {
        var map = AwsAuthMap.FromData(null, "- userarn: arn:aws:iam::123456789012:user/dev\n  username: from-configmap\n", null);

        IdentityMapping.Map(Dev, AccessEntryTypes.ApiMode, null, creatorIsImplicitAdmin: true, map).Username.ShouldBeNull();
    }

    [Fact]
    public void Map_ConfigMapMode_IgnoresAccessEntries()
    {
        var entry = Entry("arn:aws:iam::123456789012:user/dev", "from-entry", []);

        IdentityMapping.Map(Dev, AccessEntryTypes.ConfigMapMode, entry, false, AwsAuthMap.Empty).Username.ShouldBeNull();
    }

    [Fact]
    public void Map_RoleEntryDefaultUsername_RendersTheSession()
    {
        var entry = Entry("arn:aws:iam::123456789012:role/Deployer", "arn:aws:sts::123456789012:assumed-role/Deployer/{{SessionName}}", []);

        IdentityMapping.Map(Deployer, AccessEntryTypes.ApiMode, entry, false, AwsAuthMap.Empty).Username
            .ShouldBe("arn:aws:sts::123456789012:assumed-role/Deployer/jane-example.com");
    }

    internal static MappedAccessEntry Entry(string principalArn, string username, List<string> groups, params AssociatedAccessPolicy[] policies) => new(new EksAccessEntryRecord
    {
        Entry = new EksAccessEntry
        {
            ClusterName = "demo",
            PrincipalArn = principalArn,
            KubernetesGroups = groups,
            AccessEntryArn = "arn:aws:eks:eu-central-1:123456789012:access-entry/demo/x",
            CreatedAt = 1,
            ModifiedAt = 1,
            Tags = [],
            Username = username,
            Type = AccessEntryTypes.Standard,
        },
        PrincipalId = "AIDADEV",
        AccessPolicies = [.. policies],
    });
}
