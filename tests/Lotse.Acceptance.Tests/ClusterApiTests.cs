using System.Text.Json;

namespace Lotse.Acceptance.Tests;

/// <summary>EKS cluster operations beyond the happy path: pagination, validation, idempotency — through the real aws CLI.</summary>
public sealed class ClusterApiTests(LotseFixture fixture) : IClassFixture<LotseFixture>
{
    private LotseServer Server => fixture.Server;

    private Task<ToolResult> CreateAsync(string name, params string[] extra) =>
        Server.AwsAsync([
            "eks", "create-cluster", "--name", name, "--role-arn", fixture.ClusterRoleArn,
            "--resources-vpc-config", $"subnetIds={fixture.SubnetIdsCsv}", .. extra,
        ]);

    [CliFact]
    public async Task ListClusters_MaxResults_PaginatesInNameOrder()
    {
        foreach (var name in new[] { "page-c", "page-a", "page-b" })
        {
            (await CreateAsync(name)).ShouldSucceed();
        }

        // --no-paginate shows the server's own page: maxResults honoured, an opaque nextToken.
        var serverPage = JsonDocument.Parse((await Server.AwsAsync("eks", "list-clusters", "--max-results", "2", "--no-paginate")).ShouldSucceed().StdOut).RootElement;
        serverPage.GetProperty("clusters").GetArrayLength().ShouldBe(2);
        serverPage.GetProperty("nextToken").GetString().ShouldNotBeNullOrEmpty();

        // The CLI's paginator follows nextToken across pages of 2.
        var first = JsonDocument.Parse((await Server.AwsAsync("eks", "list-clusters", "--page-size", "2", "--max-items", "2")).ShouldSucceed().StdOut).RootElement;
        var firstPage = first.GetProperty("clusters").EnumerateArray().Select(c => c.GetString()!).ToList();
        firstPage.Count.ShouldBe(2);
        var token = first.GetProperty("NextToken").GetString()!;

        var all = JsonDocument.Parse((await Server.AwsAsync("eks", "list-clusters")).ShouldSucceed().StdOut).RootElement
            .GetProperty("clusters").EnumerateArray().Select(c => c.GetString()!).ToList();
        all.ShouldBe(all.Order(StringComparer.Ordinal).ToList());
        all.ShouldContain("page-a");
        all.ShouldContain("page-b");
        all.ShouldContain("page-c");

        var second = JsonDocument.Parse((await Server.AwsAsync("eks", "list-clusters", "--page-size", "2", "--max-items", "2", "--starting-token", token)).ShouldSucceed().StdOut).RootElement;
        var secondPage = second.GetProperty("clusters").EnumerateArray().Select(c => c.GetString()!).ToList();
        secondPage.ShouldNotBeEmpty();
        secondPage.Intersect(firstPage).ShouldBeEmpty();
        string.CompareOrdinal(secondPage[0], firstPage[^1]).ShouldBeGreaterThan(0);
    }

    [CliFact]
    public async Task CreateCluster_InvalidValues_AnswerEksErrors()
    {
        (await CreateAsync("bad!name")).ErrorLine().ShouldContain(
            "(InvalidParameterException) when calling the CreateCluster operation: 1 validation error detected: Value 'bad!name' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern");
        (await CreateAsync(new string('a', 101))).ErrorLine().ShouldContain("Member must have length less than or equal to 100");
        (await CreateAsync("old-version", "--kubernetes-version", "1.12")).ErrorLine().ShouldEndWith(
            "An error occurred (InvalidParameterException) when calling the CreateCluster operation: unsupported Kubernetes version");
        (await CreateAsync("patch-version", "--kubernetes-version", "1.32.1")).ErrorLine().ShouldEndWith("unsupported Kubernetes version");
        (await CreateAsync("bad-cidr", "--kubernetes-network-config", "serviceIpv4Cidr=8.8.0.0/16")).ErrorLine().ShouldContain("(InvalidParameterException)");
        (await CreateAsync("bad-log", "--logging", """{"clusterLogging":[{"types":["kubelet"],"enabled":true}]}""")).ErrorLine().ShouldContain("(InvalidParameterException)");
        (await CreateAsync("no-admin", "--access-config", "bootstrapClusterCreatorAdminPermissions=false,authenticationMode=CONFIG_MAP")).ErrorLine().ShouldEndWith(
            "bootstrapClusterCreatorAdminPermissions must be true if cluster authentication mode is set to CONFIG_MAP");

        // Nothing was half-created by any refused call.
        var names = JsonDocument.Parse((await Server.AwsAsync("eks", "list-clusters")).ShouldSucceed().StdOut).RootElement
            .GetProperty("clusters").EnumerateArray().Select(c => c.GetString()!).ToList();
        names.ShouldNotContain("old-version");
        names.ShouldNotContain("bad-cidr");
    }

    [CliFact]
    public async Task CreateCluster_SameClientRequestToken_ReturnsTheSameCluster()
    {
        var first = JsonDocument.Parse((await CreateAsync("idem", "--client-request-token", "tok-1")).ShouldSucceed().StdOut).RootElement.GetProperty("cluster");
        var retry = JsonDocument.Parse((await CreateAsync("idem", "--client-request-token", "tok-1")).ShouldSucceed().StdOut).RootElement.GetProperty("cluster");

        retry.GetProperty("arn").GetString().ShouldBe(first.GetProperty("arn").GetString());
        retry.GetProperty("createdAt").GetDouble().ShouldBe(first.GetProperty("createdAt").GetDouble());
        (await CreateAsync("idem", "--client-request-token", "tok-2")).ErrorLine().ShouldContain("ResourceInUseException");
    }

    [CliFact]
    public async Task DeleteCluster_Unknown_IsResourceNotFound()
    {
        (await Server.AwsAsync("eks", "delete-cluster", "--name", "ghost")).ErrorLine().ShouldBe(
            "An error occurred (ResourceNotFoundException) when calling the DeleteCluster operation: No cluster found for name: ghost.");
    }
}
