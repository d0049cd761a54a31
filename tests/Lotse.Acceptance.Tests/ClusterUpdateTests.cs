using System.Text.Json;

namespace Lotse.Acceptance.Tests;

/// <summary>UpdateClusterConfig, UpdateClusterVersion, DescribeUpdate, ListUpdates, DescribeClusterVersions through the real aws CLI.</summary>
public sealed class ClusterUpdateTests(LotseFixture fixture) : IClassFixture<LotseFixture>
{
    private LotseServer Server => fixture.Server;

    private async Task CreateAsync(string name, params string[] extra) =>
        (await Server.AwsAsync([
            "eks", "create-cluster", "--name", name, "--role-arn", fixture.ClusterRoleArn,
            "--resources-vpc-config", $"subnetIds={fixture.SubnetIdsCsv}", .. extra,
        ])).ShouldSucceed();

    private async Task<JsonElement> AwsJsonAsync(params string[] args) => JsonDocument.Parse((await Server.AwsAsync(args)).ShouldSucceed().StdOut).RootElement;

    private async Task<string> ErrorAsync(params string[] args) => (await Server.AwsAsync(args)).ErrorLine();

    [CliFact]
    public async Task UpdateClusterConfig_Logging_InProgressThenSuccessfulAndApplied()
    {
        await CreateAsync("upd-log");
        var update = (await AwsJsonAsync("eks", "update-cluster-config", "--name", "upd-log", "--logging",
            """{"clusterLogging":[{"types":["api","audit"],"enabled":true}]}""")).GetProperty("update");

        update.GetProperty("status").GetString().ShouldBe("InProgress");
        update.GetProperty("type").GetString().ShouldBe("LoggingUpdate");
        update.GetProperty("params")[0].GetProperty("type").GetString().ShouldBe("ClusterLogging");
        update.GetProperty("params")[0].GetProperty("value").GetString().ShouldBe("""{"clusterLogging":[{"types":["api","audit"],"enabled":true}]}""");
        update.GetProperty("errors").GetArrayLength().ShouldBe(0);
        var id = update.GetProperty("id").GetString()!;
        Guid.TryParse(id, out _).ShouldBeTrue();

        var described = (await AwsJsonAsync("eks", "describe-update", "--name", "upd-log", "--update-id", id)).GetProperty("update");
        described.GetProperty("status").GetString().ShouldBe("Successful");
        var cluster = (await AwsJsonAsync("eks", "describe-cluster", "--name", "upd-log")).GetProperty("cluster");
        cluster.GetProperty("status").GetString().ShouldBe("ACTIVE");
        var enabled = cluster.GetProperty("logging").GetProperty("clusterLogging")[0];
        enabled.GetProperty("enabled").GetBoolean().ShouldBeTrue();
        enabled.GetProperty("types").EnumerateArray().Select(t => t.GetString()).ShouldBe(["api", "audit"]);

        (await ErrorAsync("eks", "update-cluster-config", "--name", "upd-log", "--logging", """{"clusterLogging":[{"types":["api"],"enabled":true}]}"""))
            .ShouldBe("An error occurred (InvalidParameterException) when calling the UpdateClusterConfig operation: No changes needed for the logging config provided");
        (await AwsJsonAsync("eks", "list-updates", "--name", "upd-log")).GetProperty("updateIds").EnumerateArray().Select(u => u.GetString()).ShouldBe([id]);
    }

    [CliFact]
    public async Task UpdateClusterConfig_TwoTypesOrNoOp_AreRefused()
    {
        await CreateAsync("upd-refuse");
        (await ErrorAsync("eks", "update-cluster-config", "--name", "upd-refuse", "--resources-vpc-config", "endpointPrivateAccess=true",
            "--logging", """{"clusterLogging":[{"types":["api"],"enabled":true}]}"""))
            .ShouldBe("An error occurred (InvalidParameterException) when calling the UpdateClusterConfig operation: Only one type of update can be allowed.");
        (await ErrorAsync("eks", "update-cluster-config", "--name", "upd-refuse", "--resources-vpc-config", "endpointPublicAccess=true,endpointPrivateAccess=false"))
            .ShouldBe("An error occurred (InvalidParameterException) when calling the UpdateClusterConfig operation: " +
                "Cluster is already at the desired configuration with endpointPrivateAccess: false and endpointPublicAccess: true");
        (await ErrorAsync("eks", "update-cluster-config", "--name", "upd-ghost", "--deletion-protection"))
            .ShouldBe("An error occurred (ResourceNotFoundException) when calling the UpdateClusterConfig operation: No cluster found for name: upd-ghost.");
        (await AwsJsonAsync("eks", "list-updates", "--name", "upd-refuse")).GetProperty("updateIds").GetArrayLength().ShouldBe(0);
    }

    [CliFact]
    public async Task UpdateClusterConfig_EndpointAccess_ParamsAsEksWordsThem()
    {
        await CreateAsync("upd-endpoint");
        var update = (await AwsJsonAsync("eks", "update-cluster-config", "--name", "upd-endpoint", "--resources-vpc-config",
            "endpointPrivateAccess=true,publicAccessCidrs=203.0.113.5/32")).GetProperty("update");
        update.GetProperty("type").GetString().ShouldBe("EndpointAccessUpdate");
        var parameters = update.GetProperty("params").EnumerateArray().ToDictionary(p => p.GetProperty("type").GetString()!, p => p.GetProperty("value").GetString());
        parameters["EndpointPrivateAccess"].ShouldBe("true");
        parameters["PublicAccessCidrs"].ShouldBe("""["203.0.113.5/32"]""");

        var vpc = (await AwsJsonAsync("eks", "describe-cluster", "--name", "upd-endpoint")).GetProperty("cluster").GetProperty("resourcesVpcConfig");
        vpc.GetProperty("endpointPrivateAccess").GetBoolean().ShouldBeTrue();
        vpc.GetProperty("endpointPublicAccess").GetBoolean().ShouldBeTrue();
        vpc.GetProperty("subnetIds").GetArrayLength().ShouldBe(2);
        vpc.GetProperty("publicAccessCidrs").EnumerateArray().Select(c => c.GetString()).ShouldBe(["203.0.113.5/32"]);
    }

    [CliFact]
    public async Task UpdateClusterConfig_AuthenticationMode_OneWayOneStep()
    {
        await CreateAsync("upd-auth");
        const string Prefix = "An error occurred (InvalidParameterException) when calling the UpdateClusterConfig operation: ";
        (await ErrorAsync("eks", "update-cluster-config", "--name", "upd-auth", "--access-config", "authenticationMode=API"))
            .ShouldBe(Prefix + "Unsupported authentication mode update from CONFIG_MAP to API");
        (await AwsJsonAsync("eks", "update-cluster-config", "--name", "upd-auth", "--access-config", "authenticationMode=API_AND_CONFIG_MAP"))
            .GetProperty("update").GetProperty("type").GetString().ShouldBe("AccessConfigUpdate");
        (await AwsJsonAsync("eks", "update-cluster-config", "--name", "upd-auth", "--access-config", "authenticationMode=API"))
            .GetProperty("update").GetProperty("params")[0].GetProperty("value").GetString().ShouldBe("API");
        (await ErrorAsync("eks", "update-cluster-config", "--name", "upd-auth", "--access-config", "authenticationMode=API_AND_CONFIG_MAP"))
            .ShouldBe(Prefix + "Unsupported authentication mode update from API to API_AND_CONFIG_MAP");
        (await ErrorAsync("eks", "update-cluster-config", "--name", "upd-auth", "--access-config", "authenticationMode=BOTH"))
            .ShouldContain("Member must satisfy enum value set: [API, API_AND_CONFIG_MAP, CONFIG_MAP]");
        (await AwsJsonAsync("eks", "describe-cluster", "--name", "upd-auth")).GetProperty("cluster").GetProperty("accessConfig")
            .GetProperty("authenticationMode").GetString().ShouldBe("API");
    }

    [CliFact]
    public async Task DeletionProtection_BlocksDeleteUntilTurnedOff()
    {
        await CreateAsync("upd-protect");
        var protect = (await AwsJsonAsync("eks", "update-cluster-config", "--name", "upd-protect", "--deletion-protection", "--client-request-token", "once"))
            .GetProperty("update");
        protect.GetProperty("type").GetString().ShouldBe("DeletionProtectionUpdate");

        // A retry with the same token is answered with the first update, not refused as a no-op.
        (await AwsJsonAsync("eks", "update-cluster-config", "--name", "upd-protect", "--deletion-protection", "--client-request-token", "once"))
            .GetProperty("update").GetProperty("id").GetString().ShouldBe(protect.GetProperty("id").GetString());
        (await ErrorAsync("eks", "delete-cluster", "--name", "upd-protect")).ShouldContain("(InvalidRequestException)");
        (await AwsJsonAsync("eks", "update-cluster-config", "--name", "upd-protect", "--no-deletion-protection"))
            .GetProperty("update").GetProperty("params")[0].GetProperty("value").GetString().ShouldBe("false");
        (await Server.AwsAsync("eks", "delete-cluster", "--name", "upd-protect")).ShouldSucceed();
    }

    [CliFact]
    public async Task UpdateClusterVersion_OneMinorUp_ChangesVersionAndPlatform()
    {
        await CreateAsync("upd-version", "--kubernetes-version", "1.30");
        (await ErrorAsync("eks", "update-cluster-version", "--name", "upd-version", "--kubernetes-version", "1.32"))
            .ShouldBe("An error occurred (InvalidParameterException) when calling the UpdateClusterVersion operation: Unsupported Kubernetes minor version update from 1.30 to 1.32");
        (await ErrorAsync("eks", "update-cluster-version", "--name", "upd-version", "--kubernetes-version", "1.30"))
            .ShouldEndWith("Unsupported Kubernetes minor version update from 1.30 to 1.30");

        var update = (await AwsJsonAsync("eks", "update-cluster-version", "--name", "upd-version", "--kubernetes-version", "1.31")).GetProperty("update");
        update.GetProperty("type").GetString().ShouldBe("VersionUpdate");
        update.GetProperty("params").EnumerateArray().Select(p => p.GetProperty("type").GetString()).ShouldBe(["Version", "PlatformVersion"]);
        var cluster = (await AwsJsonAsync("eks", "describe-cluster", "--name", "upd-version")).GetProperty("cluster");
        cluster.GetProperty("version").GetString().ShouldBe("1.31");
        cluster.GetProperty("status").GetString().ShouldBe("ACTIVE");
        (await Server.AwsAsync("eks", "update-cluster-version", "--name", "upd-version", "--kubernetes-version", "1.32")).ShouldSucceed();

        // --page-size/--max-items page through the CLI's paginator, which follows the server's nextToken with maxResults 1
        // (an explicit --max-results turns the CLI's pagination off).
        var first = await AwsJsonAsync("eks", "list-updates", "--name", "upd-version", "--page-size", "1", "--max-items", "1");
        first.GetProperty("updateIds").GetArrayLength().ShouldBe(1);
        var second = await AwsJsonAsync("eks", "list-updates", "--name", "upd-version", "--page-size", "1", "--max-items", "1",
            "--starting-token", first.GetProperty("NextToken").GetString()!);
        second.GetProperty("updateIds")[0].GetString().ShouldNotBe(first.GetProperty("updateIds")[0].GetString());
        second.TryGetProperty("NextToken", out _).ShouldBeFalse();
        var raw = await AwsJsonAsync("eks", "list-updates", "--name", "upd-version", "--max-results", "1", "--no-paginate");
        raw.GetProperty("nextToken").GetString().ShouldNotBeNullOrEmpty();
        (await ErrorAsync("eks", "list-updates", "--name", "upd-version", "--max-results", "101")).ShouldContain("(InvalidParameterException)");
        (await ErrorAsync("eks", "describe-update", "--name", "upd-version", "--update-id", "00000000-0000-0000-0000-000000000000"))
            .ShouldContain("(ResourceNotFoundException)");
    }

    [CliFact]
    public async Task DescribeClusterVersions_ListsSupportedVersionsWithOneDefault()
    {
        var all = (await AwsJsonAsync("eks", "describe-cluster-versions", "--include-all")).GetProperty("clusterVersions").EnumerateArray().ToList();
        all.Select(v => v.GetProperty("clusterVersion").GetString()).ShouldContain("1.32");
        all.Count(v => v.GetProperty("defaultVersion").GetBoolean()).ShouldBe(1);
        all.ShouldAllBe(v => v.GetProperty("clusterType").GetString() == "eks");

        var only = (await AwsJsonAsync("eks", "describe-cluster-versions", "--default-only")).GetProperty("clusterVersions");
        only.GetArrayLength().ShouldBe(1);
        only[0].GetProperty("defaultVersion").GetBoolean().ShouldBeTrue();
    }
}
