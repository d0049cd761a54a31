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

        // From "inside the VPC": describe-cluster now reports the private listener, and a fresh kubeconfig reaches the cluster there.
        var endpoint = (await Server.AwsAsync("eks", "describe-cluster", "--name", "ea-private", "--query", "cluster.endpoint", "--output", "text")).ShouldSucceed().StdOut.Trim();
        endpoint.ShouldStartWith($"https://127.0.0.2:{Server.KubePort}/clusters/");
        var inside = Path.Combine(Server.Home, "ea-private-inside.kubeconfig");
        (await Server.AwsAsync("eks", "update-kubeconfig", "--name", "ea-private", "--kubeconfig", inside)).ShouldSucceed();
        (await Server.KubectlAsync(inside, "get", "ns", "default", "-o", "name")).ShouldSucceed().StdOut.Trim().ShouldBe("namespace/default");

        await UpdateAsync("ea-private", "endpointPublicAccess=true,endpointPrivateAccess=false");
        ShouldBeConnectionError(await Server.KubectlAsync(inside, "get", "ns", "default", "--request-timeout=10s"));
        (await Server.KubectlAsync(kubeconfig, "get", "ns", "default")).ShouldSucceed();
    }

    [CliFact]
    public async Task PrivateListener_ClusterWithoutPrivateAccess_IsUnreachableThere()
    {
        var kubeconfig = await ClusterAsync("ea-public-only");
        var viaPrivate = Path.Combine(Server.Home, "ea-public-only-private.kubeconfig");
        await File.WriteAllTextAsync(viaPrivate, (await File.ReadAllTextAsync(kubeconfig)).Replace($"https://127.0.0.1:{Server.KubePort}", $"https://127.0.0.2:{Server.KubePort}", StringComparison.Ordinal));

        ShouldBeConnectionError(await Server.KubectlAsync(viaPrivate, "get", "ns", "default", "--request-timeout=10s"));

        await UpdateAsync("ea-public-only", "endpointPrivateAccess=true");
        (await Server.KubectlAsync(viaPrivate, "get", "ns", "default")).ShouldSucceed();
    }
}
