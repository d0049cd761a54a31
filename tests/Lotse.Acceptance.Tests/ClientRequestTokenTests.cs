using System.Text.Json;

namespace Lotse.Acceptance.Tests;

/// <summary>clientRequestToken idempotency through the real aws CLI: a create retried with the same token returns the same resource.</summary>
public sealed class ClientRequestTokenTests(LotseFixture fixture) : IClassFixture<LotseFixture>
{
    private const string Ec2Trust = """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}
        """;

    private const string PodsTrust = """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"eks-fargate-pods.amazonaws.com"},"Action":"sts:AssumeRole"}]}
        """;

    private LotseServer Server => fixture.Server;

    private async Task<string> RoleAsync(string name, string trust)
    {
        var file = Path.Combine(Server.Home, $"{name}-trust.json");
        await File.WriteAllTextAsync(file, trust);
        var existing = await Server.AwsAsync("iam", "get-role", "--role-name", name, "--query", "Role.Arn", "--output", "text");
        return existing.ExitCode == 0
            ? existing.StdOut.Trim()
            : (await Server.AwsAsync("iam", "create-role", "--role-name", name, "--assume-role-policy-document", $"file://{file}", "--query", "Role.Arn", "--output", "text"))
                .ShouldSucceed().StdOut.Trim();
    }

    private async Task<ToolResult> CreateNodegroupAsync(string token) =>
        await Server.AwsAsync([
            "eks", "create-nodegroup", "--cluster-name", "idem-ng", "--nodegroup-name", "workers", "--subnets", .. fixture.SubnetIds,
            "--node-role", await RoleAsync("eksNodeRole", Ec2Trust), "--client-request-token", token,
        ]);

    private async Task<ToolResult> CreateProfileAsync(string token) =>
        await Server.AwsAsync("eks", "create-fargate-profile", "--cluster-name", "idem-ng", "--fargate-profile-name", "pods",
            "--pod-execution-role-arn", await RoleAsync("eksFargatePodRole", PodsTrust), "--selectors", "namespace=default", "--client-request-token", token);

    private static string Arn(ToolResult result, string resource, string member) =>
        JsonDocument.Parse(result.ShouldSucceed().StdOut).RootElement.GetProperty(resource).GetProperty(member).GetString()!;

    [CliFact]
    public async Task CreateNodegroupAndFargateProfile_SameTokenTwice_ReturnTheSameResource()
    {
        (await Server.AwsAsync("eks", "create-cluster", "--name", "idem-ng", "--role-arn", fixture.ClusterRoleArn, "--resources-vpc-config", $"subnetIds={fixture.SubnetIdsCsv}"))
            .ShouldSucceed();

        var nodegroup = Arn(await CreateNodegroupAsync("ng-token-1"), "nodegroup", "nodegroupArn");
        Arn(await CreateNodegroupAsync("ng-token-1"), "nodegroup", "nodegroupArn").ShouldBe(nodegroup);
        (await CreateNodegroupAsync("ng-token-2")).ErrorLine().ShouldBe(
            "An error occurred (ResourceInUseException) when calling the CreateNodegroup operation: NodeGroup already exists with name workers and cluster name idem-ng");

        var profile = Arn(await CreateProfileAsync("fp-token-1"), "fargateProfile", "fargateProfileArn");
        Arn(await CreateProfileAsync("fp-token-1"), "fargateProfile", "fargateProfileArn").ShouldBe(profile);
        (await CreateProfileAsync("fp-token-2")).ErrorLine().ShouldBe(
            "An error occurred (ResourceInUseException) when calling the CreateFargateProfile operation: A Fargate Profile already exists with this name in this cluster.");
    }
}
