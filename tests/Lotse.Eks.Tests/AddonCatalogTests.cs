using Lotse.Aws;
using Lotse.Eks.Addons;
using Lotse.Eks.Clusters;

namespace Lotse.Eks.Tests;

/// <summary>The add-on catalog and its queries: one default per Kubernetes minor, filters, schemas that are valid JSON.</summary>
public sealed class AddonCatalogTests
{
    public static TheoryData<string> Names => new(AddonCatalog.Addons.Select(a => a.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void EveryAddon_HasExactlyOneDefaultPerSupportedVersion(string name)
    {
        var info = AddonCatalogQueries.Versions(null, name, [], [], []).ShouldHaveSingleItem();

        foreach (var version in EksVersions.Supported)
        {
            info.AddonVersions.SelectMany(v => v.Compatibilities).Count(c => c.ClusterVersion == version && c.DefaultVersion).ShouldBe(1, version);
        }
    }

    [Fact]
    public void Versions_KubernetesVersionFilter_ListsOnlyThatVersionsCompatibilities()
    {
        var coredns = AddonCatalogQueries.Versions("1.28", "coredns", [], [], []).ShouldHaveSingleItem();

        coredns.AddonVersions.Select(v => v.AddonVersion).ShouldBe(["v1.10.1-eksbuild.18"]);
        coredns.AddonVersions[0].Compatibilities.ShouldHaveSingleItem().ShouldBe(new Compatibility("1.28", ["*"], true), new CompatibilityComparer());
    }

    [Fact]
    public void Versions_UnknownNameOrVersionOrOwner_IsEmpty()
    {
        AddonCatalogQueries.Versions(null, "no-such-addon", [], [], []).ShouldBeEmpty();
        AddonCatalogQueries.Versions("1.99", null, [], [], []).ShouldBeEmpty();
        AddonCatalogQueries.Versions(null, null, [], [], ["aws-marketplace"]).ShouldBeEmpty();
    }

    [Fact]
    public void Versions_TypeFilter_SelectsByType()
    {
        AddonCatalogQueries.Versions(null, null, ["storage"], [], []).Select(a => a.AddonName).ShouldBe(["aws-ebs-csi-driver"]);
        AddonCatalogQueries.Versions(null, null, ["networking"], ["eks"], ["aws"]).Select(a => a.AddonName).ShouldBe(["coredns", "kube-proxy", "vpc-cni"]);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Configuration_IsAValidJsonSchema(string name)
    {
        var addon = AddonCatalog.Find(name).ShouldNotBeNull();
        var configuration = AddonCatalogQueries.Configuration(name, addon.Versions[0].Version);

        var schema = System.Text.Json.Nodes.JsonNode.Parse(configuration.ConfigurationSchema).ShouldNotBeNull();
        schema["type"]!.GetValue<string>().ShouldBe("object");
        (configuration.PodIdentityConfiguration is not null).ShouldBe(name is "vpc-cni" or "aws-ebs-csi-driver");
    }

    [Fact]
    public void Configuration_UnknownVersion_IsInvalidParameter()
    {
        var error = Should.Throw<AwsServiceException>(() => AddonCatalogQueries.Configuration("coredns", "v0.0.1-eksbuild.1"));

        error.Code.ShouldBe("InvalidParameterException");
        error.Message.ShouldBe("Addon version specified is not supported");
    }

    [Theory]
    [InlineData("v1.19.2-eksbuild.1", "v1.19.10-eksbuild.1", -1)]
    [InlineData("v1.11.4-eksbuild.14", "v1.11.4-eksbuild.2", 1)]
    [InlineData("v1.3.5-eksbuild.2", "v1.3.5-eksbuild.2", 0)]
    public void Compare_OrdersBuildsNumerically(string left, string right, int expected) =>
        Math.Sign(AddonCatalog.Compare(left, right)).ShouldBe(expected);

    private sealed class CompatibilityComparer : IEqualityComparer<Compatibility>
    {
        public bool Equals(Compatibility? x, Compatibility? y) =>
            x is not null && y is not null && x.ClusterVersion == y.ClusterVersion && x.DefaultVersion == y.DefaultVersion && x.PlatformVersions.SequenceEqual(y.PlatformVersions);

        public int GetHashCode(Compatibility obj) => obj.ClusterVersion.GetHashCode(StringComparison.Ordinal);
    }
}
