using Lotse.Aws;
using Lotse.Eks.Clusters;

namespace Lotse.Eks.Tests;

public class CreateClusterValidatorTests
{
    private static CreateClusterRequest Valid(string name = "demo") => new()
    {
        Name = name,
        RoleArn = "arn:aws:iam::123456789012:role/eksClusterRole",
        ResourcesVpcConfig = new VpcConfig { SubnetIds = ["subnet-0a1", "subnet-0b2"] },
    };

    private static AwsServiceException Refused(CreateClusterRequest request) => Should.Throw<AwsServiceException>(() => CreateClusterValidator.Validate(request));

    [Fact]
    public void Validate_ValidRequest_ReturnsRoleParts()
    {
        CreateClusterValidator.Validate(Valid()).ShouldBe(("123456789012", "eksClusterRole"));
    }

    [Fact]
    public void Validate_RoleWithPath_ReturnsRoleName()
    {
        var request = Valid();
        var withPath = new CreateClusterRequest { Name = request.Name, RoleArn = "arn:aws:iam::123456789012:role/service/eks/clusterRole", ResourcesVpcConfig = request.ResourcesVpcConfig };
        CreateClusterValidator.Validate(withPath).RoleName.ShouldBe("clusterRole");
    }

    [Theory]
    [InlineData("-leading-dash")]
    [InlineData("has space")]
    [InlineData("dot.ted")]
    [InlineData("")]
    public void Validate_BadName_IsInvalidParameter(string name)
    {
        var error = Refused(Valid(name));
        error.Code.ShouldBe("InvalidParameterException");
        error.StatusCode.ShouldBe(400);
    }

    [Fact]
    public void Validate_NameOf101Characters_NamesTheLengthConstraint()
    {
        Refused(Valid(new string('a', 101))).Message.ShouldContain("Member must have length less than or equal to 100");
    }

    [Theory]
    [InlineData("1.12")]
    [InlineData("1.32.1")]
    [InlineData("latest")]
    public void Validate_UnsupportedVersion_UsesEksMessage(string version)
    {
        var request = new CreateClusterRequest { Name = "v", Version = version, RoleArn = Valid().RoleArn, ResourcesVpcConfig = Valid().ResourcesVpcConfig };
        Refused(request).Message.ShouldBe("unsupported Kubernetes version");
    }

    [Fact]
    public void Validate_BootstrapFalseUnderConfigMap_IsRefused()
    {
        var request = new CreateClusterRequest
        {
            Name = "a",
            RoleArn = Valid().RoleArn,
            ResourcesVpcConfig = Valid().ResourcesVpcConfig,
            AccessConfig = new AccessConfig { BootstrapClusterCreatorAdminPermissions = false },
        };
        Refused(request).Message.ShouldBe("bootstrapClusterCreatorAdminPermissions must be true if cluster authentication mode is set to CONFIG_MAP");
    }

    [Fact]
    public void Validate_OneSubnet_IsRefused()
    {
        var request = new CreateClusterRequest { Name = "a", RoleArn = Valid().RoleArn, ResourcesVpcConfig = new VpcConfig { SubnetIds = ["subnet-0a1"] } };
        Refused(request).Code.ShouldBe("InvalidParameterException");
    }

    [Theory]
    [InlineData("10.100.0.0/16", true)]
    [InlineData("172.20.0.0/16", true)]
    [InlineData("192.168.0.0/24", true)]
    [InlineData("10.0.0.0/8", false)]
    [InlineData("10.100.0.0/25", false)]
    [InlineData("8.8.0.0/16", false)]
    [InlineData("10.100.0.1/16", false)]
    [InlineData("nonsense", false)]
    public void ServiceCidr_IsValid_FollowsEksRule(string cidr, bool valid)
    {
        ServiceCidr.IsValid(cidr).ShouldBe(valid);
    }

    [Theory]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":{"Service":"eks.amazonaws.com"},"Action":"sts:AssumeRole"}]}""", true)]
    [InlineData("""{"Statement":{"Effect":"Allow","Principal":{"Service":["ec2.amazonaws.com","eks.amazonaws.com"]},"Action":["sts:AssumeRole","sts:TagSession"]}}""", true)]
    [InlineData("""{"Statement":[{"Effect":"Deny","Principal":{"Service":"eks.amazonaws.com"},"Action":"sts:AssumeRole"}]}""", false)]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""", false)]
    [InlineData("not json", false)]
    public void TrustsEks_PolicyDocument_RecognisesEksServicePrincipal(string policy, bool trusts)
    {
        CreateClusterValidator.TrustsEks(policy).ShouldBe(trusts);
    }
}
