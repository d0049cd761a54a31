using Lotse.Aws;
using Lotse.Eks.Access;

namespace Lotse.Eks.Tests.Access;

public class AccessEntryRulesTests
{
    private static CreateAccessEntryRequest Request(string arn, string? type = null, string? username = null, List<string>? groups = null) =>
        new() { PrincipalArn = arn, Type = type, Username = username, KubernetesGroups = groups };

    private static AwsServiceException Invalid(CreateAccessEntryRequest request) =>
        Should.Throw<AwsServiceException>(() => AccessEntryRules.ValidateCreate(request, "123456789012", "demo"));

    [Theory]
    [InlineData("arn:aws:iam::123456789012:user/dev", "user", "/", "dev")]
    [InlineData("arn:aws:iam::123456789012:role/team/a/Deployer", "role", "/team/a/", "Deployer")]
    [InlineData("arn:aws:iam::123456789012:root", "root", "/", "root")]
    public void PrincipalArn_Parse_TakesTheArnApart(string arn, string kind, string path, string name)
    {
        var parsed = AccessEntryRules.PrincipalArn.Parse(arn).ShouldNotBeNull();
        (parsed.Kind, parsed.Path, parsed.Name).ShouldBe((kind, path, name));
    }

    [Theory]
    [InlineData("arn:aws:sts::123456789012:assumed-role/Deployer/s")]
    [InlineData("arn:aws:iam::123456789012:group/devs")]
    [InlineData("arn:aws:iam::12345:user/dev")]
    [InlineData("not-an-arn")]
    public void ValidateCreate_NotAnIamPrincipal_IsInvalidPrincipal(string arn)
    {
        var error = Invalid(Request(arn));
        error.Code.ShouldBe("InvalidParameterException");
        error.Message.ShouldBe("The specified principalArn is invalid: invalid principal.");
    }

    [Fact]
    public void ValidateCreate_ServiceLinkedRole_IsRefused() =>
        Invalid(Request("arn:aws:iam::123456789012:role/aws-service-role/eks.amazonaws.com/AWSServiceRoleForAmazonEKS")).Message.ShouldContain("service-linked");

    [Theory]
    [InlineData("system:admin")]
    [InlineData("eks:me")]
    [InlineData("AWS:me")]
    [InlineData("amazon:me")]
    [InlineData("iam:me")]
    public void ValidateCreate_ReservedUsernamePrefix_IsRefused(string username) =>
        Invalid(Request("arn:aws:iam::123456789012:user/dev", username: username)).Message.ShouldContain("reserved prefix");

    [Theory]
    [InlineData("{{SessionName}}", false)]
    [InlineData("dev-{{SessionName}}", false)]
    [InlineData("dev:{{SessionName}}", true)]
    [InlineData("a:b-{{SessionName}}", true)]
    public void ValidateCreate_SessionNameNeedsAColonBeforeIt(string username, bool accepted)
    {
        var request = Request("arn:aws:iam::123456789012:role/Deployer", username: username);
        if (accepted)
        {
            AccessEntryRules.ValidateCreate(request, "123456789012", "demo").Type.ShouldBe("STANDARD");
        }
        else
        {
            Invalid(request).Message.ShouldContain("{{SessionName}}");
        }
    }

    [Fact]
    public void ValidateCreate_NodeTypeWithGroups_IsRefused() =>
        Invalid(Request("arn:aws:iam::123456789012:role/node", "EC2_LINUX", groups: ["devs"])).Message.ShouldContain("kubernetesGroups cannot be specified");

    [Fact]
    public void ValidateCreate_NodeTypeForAUser_IsRefused() =>
        Invalid(Request("arn:aws:iam::123456789012:user/dev", "FARGATE_LINUX")).Message.ShouldContain("must be an IAM role");

    [Fact]
    public void ValidateCreate_UnknownType_IsRefused() =>
        Invalid(Request("arn:aws:iam::123456789012:user/dev", "LINUX")).Message.ShouldStartWith("The specified type is invalid: LINUX.");

    [Fact]
    public void ValidateCreate_SystemGroup_IsRefused() =>
        Invalid(Request("arn:aws:iam::123456789012:user/dev", groups: ["system:masters"])).Message.ShouldContain("reserved prefix system:");

    [Theory]
    [InlineData("arn:aws:iam::123456789012:user/team/dev", "STANDARD", "arn:aws:iam::123456789012:user/team/dev")]
    [InlineData("arn:aws:iam::123456789012:role/team/Deployer", "STANDARD", "arn:aws:sts::123456789012:assumed-role/Deployer/{{SessionName}}")]
    [InlineData("arn:aws:iam::123456789012:role/node", "EC2_LINUX", "system:node:{{EC2PrivateDNSName}}")]
    [InlineData("arn:aws:iam::123456789012:role/pods", "FARGATE_LINUX", "system:node:{{SessionName}}")]
    public void DefaultUsername_PerType(string arn, string type, string expected) =>
        AccessEntryRules.DefaultUsername(AccessEntryRules.PrincipalArn.Parse(arn)!, arn, type).ShouldBe(expected);

    [Fact]
    public void ValidateScope_NamespaceWithoutNamespaces_IsRefused() =>
        Should.Throw<AwsServiceException>(() => AccessEntryRules.ValidateScope(new AccessScope { Type = "namespace" }, "demo")).Code.ShouldBe("InvalidParameterException");

    [Fact]
    public void ValidateScope_ClusterWithNamespaces_IsRefused() =>
        Should.Throw<AwsServiceException>(() => AccessEntryRules.ValidateScope(new AccessScope { Type = "cluster", Namespaces = ["a"] }, "demo"));

    [Fact]
    public void ValidateScope_UnknownType_IsAConstraintViolation() =>
        Should.Throw<AwsServiceException>(() => AccessEntryRules.ValidateScope(new AccessScope { Type = "global" }, "demo"))
            .Message.ShouldBe("1 validation error detected: Value 'global' at 'accessScope.type' failed to satisfy constraint: Member must satisfy enum value set: [cluster, namespace]");
}
