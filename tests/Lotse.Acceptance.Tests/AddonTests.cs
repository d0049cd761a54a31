using System.Text.Json;

namespace Lotse.Acceptance.Tests;

/// <summary>EKS add-ons through the real aws CLI: the catalog, lifecycle and waiters, updates by add-on, tags, and the error paths.</summary>
public sealed class AddonTests(LotseFixture fixture) : IClassFixture<LotseFixture>
{
    private LotseServer Server => fixture.Server;

    private async Task<JsonElement> JsonAsync(params string[] args) => JsonDocument.Parse((await Server.AwsAsync(args)).ShouldSucceed().StdOut).RootElement;

    private async Task CreateClusterAsync(string name, string version = "1.32") =>
        (await Server.AwsAsync("eks", "create-cluster", "--name", name, "--kubernetes-version", version, "--role-arn", fixture.ClusterRoleArn,
            "--resources-vpc-config", $"subnetIds={fixture.SubnetIdsCsv}")).ShouldSucceed();

    [CliFact]
    public async Task DescribeAddonVersions_FiltersByNameTypeAndKubernetesVersion()
    {
        var all = (await JsonAsync("eks", "describe-addon-versions")).GetProperty("addons").EnumerateArray().Select(a => a.GetProperty("addonName").GetString()).ToList();
        all.ShouldBe(["aws-ebs-csi-driver", "coredns", "eks-pod-identity-agent", "kube-proxy", "vpc-cni"]);

        var proxy = (await JsonAsync("eks", "describe-addon-versions", "--addon-name", "kube-proxy", "--kubernetes-version", "1.30")).GetProperty("addons")[0];
        proxy.GetProperty("owner").GetString().ShouldBe("aws");
        proxy.GetProperty("publisher").GetString().ShouldBe("eks");
        proxy.TryGetProperty("marketplaceInformation", out _).ShouldBeFalse();
        var version = proxy.GetProperty("addonVersions").EnumerateArray().ShouldHaveSingleItem();
        version.GetProperty("addonVersion").GetString().ShouldBe("v1.30.6-eksbuild.3");
        var compatibility = version.GetProperty("compatibilities").EnumerateArray().ShouldHaveSingleItem();
        compatibility.GetProperty("clusterVersion").GetString().ShouldBe("1.30");
        compatibility.GetProperty("defaultVersion").GetBoolean().ShouldBeTrue();

        (await JsonAsync("eks", "describe-addon-versions", "--types", "storage")).GetProperty("addons")[0].GetProperty("addonVersions")[0]
            .GetProperty("requiresIamPermissions").GetBoolean().ShouldBeTrue();
        (await JsonAsync("eks", "describe-addon-versions", "--addon-name", "no-such-addon")).GetProperty("addons").GetArrayLength().ShouldBe(0);
        var paged = await JsonAsync("eks", "describe-addon-versions", "--max-items", "2");
        paged.GetProperty("addons").GetArrayLength().ShouldBe(2);
        paged.GetProperty("NextToken").GetString().ShouldNotBeNullOrEmpty();
    }

    [CliFact]
    public async Task DescribeAddonConfiguration_ReturnsSchemaAndPodIdentityConfiguration()
    {
        var cni = await JsonAsync("eks", "describe-addon-configuration", "--addon-name", "vpc-cni", "--addon-version", "v1.19.2-eksbuild.1");

        JsonDocument.Parse(cni.GetProperty("configurationSchema").GetString()!).RootElement.GetProperty("type").GetString().ShouldBe("object");
        cni.GetProperty("podIdentityConfiguration")[0].GetProperty("serviceAccount").GetString().ShouldBe("aws-node");
        (await JsonAsync("eks", "describe-addon-configuration", "--addon-name", "coredns", "--addon-version", "v1.11.4-eksbuild.2"))
            .TryGetProperty("podIdentityConfiguration", out _).ShouldBeFalse();
        (await Server.AwsAsync("eks", "describe-addon-configuration", "--addon-name", "coredns", "--addon-version", "v0.1.0-eksbuild.1")).ErrorLine()
            .ShouldBe("An error occurred (InvalidParameterException) when calling the DescribeAddonConfiguration operation: Addon version specified is not supported");
    }

    [CliFact]
    public async Task Addon_Lifecycle_CreateDescribeUpdateDelete()
    {
        await CreateClusterAsync("addon-life");
        var created = (await JsonAsync("eks", "create-addon", "--cluster-name", "addon-life", "--addon-name", "coredns", "--addon-version", "v1.11.4-eksbuild.2",
            "--tags", "team=dns", "--resolve-conflicts", "OVERWRITE")).GetProperty("addon");
        created.GetProperty("status").GetString().ShouldBe("CREATING");
        var arn = created.GetProperty("addonArn").GetString()!;
        arn.ShouldStartWith($"arn:aws:eks:");
        arn.ShouldContain(":addon/addon-life/coredns/");

        (await Server.AwsAsync("eks", "wait", "addon-active", "--cluster-name", "addon-life", "--addon-name", "coredns")).ShouldSucceed();
        var described = (await JsonAsync("eks", "describe-addon", "--cluster-name", "addon-life", "--addon-name", "coredns")).GetProperty("addon");
        described.GetProperty("status").GetString().ShouldBe("ACTIVE");
        described.GetProperty("health").GetProperty("issues").GetArrayLength().ShouldBe(0);
        described.GetProperty("owner").GetString().ShouldBe("aws");
        described.GetProperty("publisher").GetString().ShouldBe("eks");
        described.GetProperty("tags").GetProperty("team").GetString().ShouldBe("dns");
        described.TryGetProperty("marketplaceInformation", out _).ShouldBeFalse();
        described.TryGetProperty("configurationValues", out _).ShouldBeFalse();
        described.TryGetProperty("modifiedAt", out _).ShouldBeTrue();
        (await JsonAsync("eks", "list-addons", "--cluster-name", "addon-life")).GetProperty("addons").EnumerateArray().Select(a => a.GetString()).ShouldBe(["coredns"]);

        var update = (await JsonAsync("eks", "update-addon", "--cluster-name", "addon-life", "--addon-name", "coredns", "--addon-version", "v1.11.4-eksbuild.14",
            "--configuration-values", """{"replicaCount":3}""")).GetProperty("update");
        update.GetProperty("type").GetString().ShouldBe("AddonUpdate");
        update.GetProperty("status").GetString().ShouldBe("InProgress");
        update.GetProperty("params").EnumerateArray().Select(p => p.GetProperty("type").GetString()).ShouldBe(["AddonVersion", "ConfigurationValues"]);
        var id = update.GetProperty("id").GetString()!;
        (await JsonAsync("eks", "describe-update", "--name", "addon-life", "--addon-name", "coredns", "--update-id", id)).GetProperty("update")
            .GetProperty("status").GetString().ShouldBe("Successful");
        (await JsonAsync("eks", "list-updates", "--name", "addon-life", "--addon-name", "coredns")).GetProperty("updateIds").EnumerateArray().Select(u => u.GetString()).ShouldBe([id]);
        (await JsonAsync("eks", "list-updates", "--name", "addon-life")).GetProperty("updateIds").GetArrayLength().ShouldBe(0);
        (await JsonAsync("eks", "describe-addon", "--cluster-name", "addon-life", "--addon-name", "coredns")).GetProperty("addon")
            .GetProperty("addonVersion").GetString().ShouldBe("v1.11.4-eksbuild.14");

        (await Server.AwsAsync("eks", "tag-resource", "--resource-arn", arn, "--tags", "env=prod")).ShouldSucceed();
        (await Server.AwsAsync("eks", "untag-resource", "--resource-arn", arn, "--tag-keys", "team")).ShouldSucceed();
        (await JsonAsync("eks", "list-tags-for-resource", "--resource-arn", arn)).GetProperty("tags").EnumerateObject().Select(t => t.Name).ShouldBe(["env"]);

        (await JsonAsync("eks", "delete-addon", "--cluster-name", "addon-life", "--addon-name", "coredns", "--preserve")).GetProperty("addon")
            .GetProperty("status").GetString().ShouldBe("DELETING");
        (await Server.AwsAsync("eks", "wait", "addon-deleted", "--cluster-name", "addon-life", "--addon-name", "coredns")).ShouldSucceed();
        (await Server.AwsAsync("eks", "describe-addon", "--cluster-name", "addon-life", "--addon-name", "coredns")).ErrorLine()
            .ShouldBe("An error occurred (ResourceNotFoundException) when calling the DescribeAddon operation: No addon: coredns found in cluster: addon-life");
        (await Server.AwsAsync("eks", "delete-cluster", "--name", "addon-life")).ShouldSucceed();
    }

    [CliFact]
    public async Task DeleteCluster_WithAddons_TakesThemAlong()
    {
        await CreateClusterAsync("addon-gone");
        (await Server.AwsAsync("eks", "create-addon", "--cluster-name", "addon-gone", "--addon-name", "vpc-cni")).ShouldSucceed();

        (await Server.AwsAsync("eks", "delete-cluster", "--name", "addon-gone")).ShouldSucceed();
        (await Server.AwsAsync("eks", "wait", "cluster-deleted", "--name", "addon-gone")).ShouldSucceed();

        await CreateClusterAsync("addon-gone");
        (await JsonAsync("eks", "list-addons", "--cluster-name", "addon-gone")).GetProperty("addons").GetArrayLength().ShouldBe(0);
        (await Server.AwsAsync("eks", "delete-cluster", "--name", "addon-gone")).ShouldSucceed();
    }

    [CliFact]
    public async Task CreateAndUpdateAddon_BadInput_GetsEksErrors()
    {
        await CreateClusterAsync("addon-bad", "1.30");
        const string Create = "An error occurred ({0}) when calling the CreateAddon operation: {1}";
        (await Server.AwsAsync("eks", "create-addon", "--cluster-name", "addon-ghost", "--addon-name", "coredns")).ErrorLine()
            .ShouldBe(string.Format(null, Create, "ResourceNotFoundException", "No cluster found for name: addon-ghost."));
        (await Server.AwsAsync("eks", "create-addon", "--cluster-name", "addon-bad", "--addon-name", "flux")).ErrorLine()
            .ShouldBe(string.Format(null, Create, "InvalidParameterException", "Addon specified is not supported"));
        (await Server.AwsAsync("eks", "create-addon", "--cluster-name", "addon-bad", "--addon-name", "kube-proxy", "--addon-version", "v1.33.0-eksbuild.2")).ErrorLine()
            .ShouldBe(string.Format(null, Create, "InvalidParameterException", "Addon version specified is not supported"));
        (await Server.AwsAsync("eks", "create-addon", "--cluster-name", "addon-bad", "--addon-name", "coredns", "--configuration-values", """{"replicas":2}""")).ErrorLine()
            .ShouldContain("$.replicas: is not defined in the schema");
        (await Server.AwsAsync("eks", "create-addon", "--cluster-name", "addon-bad", "--addon-name", "aws-ebs-csi-driver", "--service-account-role-arn", "not-an-arn")).ErrorLine()
            .ShouldContain("(InvalidParameterException)");

        (await Server.AwsAsync("eks", "create-addon", "--cluster-name", "addon-bad", "--addon-name", "coredns", "--configuration-values", "replicaCount: 2")).ShouldSucceed();
        (await Server.AwsAsync("eks", "create-addon", "--cluster-name", "addon-bad", "--addon-name", "coredns")).ErrorLine()
            .ShouldBe(string.Format(null, Create, "ResourceInUseException", "Addon already exists."));
        (await Server.AwsAsync("eks", "update-addon", "--cluster-name", "addon-bad", "--addon-name", "coredns", "--addon-version", "v1.12.1-eksbuild.2")).ErrorLine()
            .ShouldBe("An error occurred (InvalidParameterException) when calling the UpdateAddon operation: Addon version specified is not supported");
        (await Server.AwsAsync("eks", "describe-update", "--name", "addon-bad", "--addon-name", "kube-proxy", "--update-id", "x")).ErrorLine()
            .ShouldContain("No addon: kube-proxy found in cluster: addon-bad");
        (await Server.AwsAsync("eks", "delete-cluster", "--name", "addon-bad")).ShouldSucceed();
    }
}
