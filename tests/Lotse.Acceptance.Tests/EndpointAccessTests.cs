namespace Lotse.Acceptance.Tests;

/// <summary>endpointPublicAccess and publicAccessCidrs through the real aws CLI and kubectl: a closed endpoint looks unreachable, never forbidden.</summary>
public sealed class EndpointAccessTests(LotseFixture fixture) : IClassFixture<LotseFixture>
{
    private LotseServer Server => fixture.Server;

    private async Task<string> ClusterAsync(string name)
    {
        (await Server.AwsAsync("eks", "create-cluster", "--name", name, "--role-arn", fixture.ClusterRoleArn, "--resources-vpc-config", $"subnetIds={fixture.SubnetIdsCsv}"))
            .ShouldSucceed();
        var kubeconfig = Path.Combine(Server.Home, $"{name}.kubeconfig");
        (await Server.AwsAsync("eks", "update-kubeconfig", "--name", name, "--kubeconfig", kubeconfig)).ShouldSucceed();
        (await Server.KubectlAsync(kubeconfig, "get", "ns", "default")).ShouldSucceed();
        return kubeconfig;
    }

    private async Task UpdateAsync(string name, string vpcConfig)
    {
        (await Server.AwsAsync("eks", "update-cluster-config", "--name", name, "--resources-vpc-config", vpcConfig)).ShouldSucceed();
        (await Server.AwsAsync("eks", "wait", "cluster-active", "--name", name)).ShouldSucceed();
    }

    private static void ShouldBeConnectionError(ToolResult result)
    {
        var error = result.ShouldFail().StdErr;
        error.ShouldContain("Unable to connect to the server");
        error.ShouldNotContain("Forbidden");
        error.ShouldNotContain("NotFound");
    }

    [CliFact]
    public async Task PublicAccessCidrs_OtherNetwork_RefusesLoopbackClientsOwnAddressAllowsThem()
    {
        var kubeconfig = await ClusterAsync("ea-cidr");

        await UpdateAsync("ea-cidr", "publicAccessCidrs=10.0.0.0/8");
        ShouldBeConnectionError(await Server.KubectlAsync(kubeconfig, "get", "ns", "default", "--request-timeout=10s"));

        await UpdateAsync("ea-cidr", "publicAccessCidrs=127.0.0.1/32");
        (await Server.KubectlAsync(kubeconfig, "get", "ns", "default")).ShouldSucceed();
    }

    [CliFact]
    public async Task EndpointPublicAccessOff_PublicEndpoint_FailsWithAConnectionError()
    {
        var kubeconfig = await ClusterAsync("ea-private");

        await UpdateAsync("ea-private", "endpointPublicAccess=false,endpointPrivateAccess=true");

        ShouldBeConnectionError(await Server.KubectlAsync(kubeconfig, "get", "ns", "default", "--request-timeout=10s"));
    }
}
