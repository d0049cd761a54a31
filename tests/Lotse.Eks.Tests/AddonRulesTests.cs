using Lotse.Aws;
using Lotse.Eks.Addons;

namespace Lotse.Eks.Tests;

/// <summary>What CreateAddon and UpdateAddon refuse: unknown add-ons, incompatible builds, bad role ARNs, values the schema rejects.</summary>
public sealed class AddonRulesTests
{
    private static CatalogAddon CoreDns => AddonCatalog.Find("coredns")!;

    [Fact]
    public void Addon_Unknown_IsInvalidParameter()
    {
        var error = Should.Throw<AwsServiceException>(() => AddonRules.Addon("flux", "demo"));

        error.Code.ShouldBe("InvalidParameterException");
        error.Message.ShouldBe("Addon specified is not supported");
    }

    [Fact]
    public void Version_Absent_IsTheDefaultForTheClusterVersion() =>
        AddonRules.Version(CoreDns, null, "1.33", "demo").ShouldBe("v1.11.4-eksbuild.14");

    [Theory]
    [InlineData("v1.12.1-eksbuild.2", "1.31")]
    [InlineData("v9.9.9-eksbuild.1", "1.31")]
    public void Version_IncompatibleOrUnknown_IsInvalidParameter(string version, string kubernetesVersion)
    {
        var error = Should.Throw<AwsServiceException>(() => AddonRules.Version(CoreDns, version, kubernetesVersion, "demo"));

        error.Code.ShouldBe("InvalidParameterException");
        error.Message.ShouldBe("Addon version specified is not supported");
    }

    [Theory]
    [InlineData("""{"replicaCount": 3}""")]
    [InlineData("replicaCount: 3\nautoScaling:\n  enabled: true\n")]
    [InlineData("")]
    public void ConfigurationValues_JsonOrYamlTheSchemaAccepts_Pass(string values) =>
        AddonRules.ConfigurationValues(values, CoreDns, "demo");

    [Theory]
    [InlineData("""{"replicas": 3}""", "$.replicas: is not defined in the schema and the schema does not allow additional properties")]
    [InlineData("""{"replicaCount": "three"}""", "$.replicaCount: string found, integer expected")]
    [InlineData("""{"replicaCount": 0}""", "$.replicaCount: must have a minimum value of 1")]
    [InlineData("[1, 2", "must be valid JSON or YAML")]
    public void ConfigurationValues_SchemaViolation_IsInvalidParameterNamingThePath(string values, string expected)
    {
        var error = Should.Throw<AwsServiceException>(() => AddonRules.ConfigurationValues(values, CoreDns, "demo"));

        error.Code.ShouldBe("InvalidParameterException");
        error.Message.ShouldStartWith("ConfigurationValue provided in request is not supported: Json schema validation failed with error: ");
        error.Message.ShouldContain(expected);
    }

    [Fact]
    public void Common_BadRoleArnOrConflictMode_IsInvalidParameter()
    {
        Should.Throw<AwsServiceException>(() => AddonRules.Common("arn:aws:iam::123:role", null, null, "demo", "coredns")).Message.ShouldBe("Invalid Role Arn: 'arn:aws:iam::123:role'");
        Should.Throw<AwsServiceException>(() => AddonRules.Common(null, "FORCE", null, "demo", "coredns")).Code.ShouldBe("InvalidParameterException");
        AddonRules.Common("arn:aws:iam::123456789012:role/cni", "OVERWRITE", null, "demo", "vpc-cni");
    }
}
