namespace Lotse.Acceptance.Tests;

/// <summary>Step 9 of the workshop flow: stop Lotse (SIGTERM) and start it on the same data directory.</summary>
public sealed class RestartTests
{
    [CliFact]
    public async Task Restart_SameDataDirectory_KeepsClustersIamAndObjects()
    {
        await using var server = await LotseServer.StartAsync();
        var roleArn = await LotseFixture.CreateClusterRoleAsync(server);
        var subnets = string.Join(',', await LotseFixture.DefaultSubnetsAsync(server));
        (await server.AwsAsync("iam", "create-user", "--user-name", "keeper")).ShouldSucceed();
        (await server.AwsAsync("eks", "create-cluster", "--name", "durable", "--role-arn", roleArn,
            "--resources-vpc-config", $"subnetIds={subnets}")).ShouldSucceed();
        var kubeconfig = Path.Combine(server.Home, "durable.kubeconfig");
        (await server.AwsAsync("eks", "update-kubeconfig", "--name", "durable", "--kubeconfig", kubeconfig)).ShouldSucceed();
        (await server.KubectlAsync(kubeconfig, "create", "configmap", "survivor", "--from-literal=k=v")).ShouldSucceed();
        (await server.KubectlAsync(kubeconfig, "create", "secret", "generic", "hidden", "--from-literal=password=s3cret")).ShouldSucceed();
        var accessKeyBefore = server.Env["AWS_ACCESS_KEY_ID"];

        (await server.StopAsync()).ShouldBe(0);
        server.Output.ShouldContain("Lotse stopped");
        await server.RestartAsync();

        // Same account and admin key, so the old shell set-up and kubeconfig keep working unchanged.
        server.Env["AWS_ACCESS_KEY_ID"].ShouldBe(accessKeyBefore);
        (await server.AwsAsync("iam", "get-role", "--role-name", "eksClusterRole")).ShouldSucceed().StdOut.ShouldContain(roleArn);
        (await server.AwsAsync("iam", "get-user", "--user-name", "keeper")).ShouldSucceed();
        (await server.AwsAsync("eks", "describe-cluster", "--name", "durable", "--query", "cluster.status", "--output", "text")).ShouldSucceed().StdOut.Trim().ShouldBe("ACTIVE");
        (await server.KubectlAsync(kubeconfig, "get", "cm", "survivor", "-o", "jsonpath={.data.k}")).ShouldSucceed().StdOut.ShouldBe("v");
        (await server.KubectlAsync(kubeconfig, "get", "secret", "hidden", "-o", "jsonpath={.data.password}")).ShouldSucceed().StdOut.ShouldBe("czNjcmV0");
        (await server.KubectlAsync(kubeconfig, "get", "svc", "kubernetes")).ShouldSucceed();
    }
}
