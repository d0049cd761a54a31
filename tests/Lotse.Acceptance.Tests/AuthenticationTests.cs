namespace Lotse.Acceptance.Tests;

/// <summary>Who may use a cluster's Kubernetes endpoint before identity mapping: its creator, nobody else.</summary>
public sealed class AuthenticationTests(LotseFixture fixture) : IClassFixture<LotseFixture>
{
    private LotseServer Server => fixture.Server;

    [CliFact]
    public async Task Kubectl_IdentityOtherThanCreator_IsUnauthorized()
    {
        (await Server.AwsAsync("eks", "create-cluster", "--name", "authn", "--role-arn", fixture.ClusterRoleArn,
            "--resources-vpc-config", $"subnetIds={fixture.SubnetIdsCsv}")).ShouldSucceed();
        var kubeconfig = Path.Combine(Server.Home, "authn.kubeconfig");
        (await Server.AwsAsync("eks", "update-kubeconfig", "--name", "authn", "--kubeconfig", kubeconfig)).ShouldSucceed();
        (await Server.KubectlAsync(kubeconfig, "get", "ns", "default")).ShouldSucceed();

        (await Server.AwsAsync("iam", "create-user", "--user-name", "dev")).ShouldSucceed();
        var key = System.Text.Json.JsonDocument.Parse((await Server.AwsAsync("iam", "create-access-key", "--user-name", "dev")).ShouldSucceed().StdOut)
            .RootElement.GetProperty("AccessKey");
        var asDev = new Dictionary<string, string>
        {
            ["KUBECONFIG"] = kubeconfig,
            ["AWS_ACCESS_KEY_ID"] = key.GetProperty("AccessKeyId").GetString()!,
            ["AWS_SECRET_ACCESS_KEY"] = key.GetProperty("SecretAccessKey").GetString()!,
        };

        // The developer is a real IAM identity (STS knows it) but no mapping names it: EKS answers 401.
        (await Server.AwsAsAsync(asDev, "sts", "get-caller-identity")).ShouldSucceed().StdOut.ShouldContain(":user/dev");
        var refused = (await Tool.RunAsync("kubectl", ["get", "ns"], Server.UserEnvironment(asDev))).ShouldFail();
        refused.StdErr.ShouldContain("error: You must be logged in to the server");

        // A wrong secret for the creator's own key fails the token signature, also 401.
        var tampered = new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfig, ["AWS_SECRET_ACCESS_KEY"] = new string('x', 40) };
        (await Tool.RunAsync("kubectl", ["get", "ns"], Server.UserEnvironment(tampered))).ShouldFail()
            .StdErr.ShouldContain("error: You must be logged in to the server");
    }

    [CliFact]
    public async Task Kubectl_TokenOfAnotherCluster_IsUnauthorized()
    {
        foreach (var name in new[] { "token-a", "token-b" })
        {
            (await Server.AwsAsync("eks", "create-cluster", "--name", name, "--role-arn", fixture.ClusterRoleArn,
                "--resources-vpc-config", $"subnetIds={fixture.SubnetIdsCsv}")).ShouldSucceed();
        }

        var kubeconfig = Path.Combine(Server.Home, "token-b.kubeconfig");
        (await Server.AwsAsync("eks", "update-kubeconfig", "--name", "token-b", "--kubeconfig", kubeconfig)).ShouldSucceed();
        var tokenForA = System.Text.Json.JsonDocument.Parse((await Server.AwsAsync("eks", "get-token", "--cluster-name", "token-a")).ShouldSucceed().StdOut)
            .RootElement.GetProperty("status").GetProperty("token").GetString()!;

        // The token's signed x-k8s-aws-id names token-a: cluster token-b must refuse it.
        (await Server.KubectlAsync(kubeconfig, "config", "set-credentials", "token-of-a", "--token", tokenForA)).ShouldSucceed();
        (await Server.KubectlAsync(kubeconfig, "config", "set-context", "--current", "--user", "token-of-a")).ShouldSucceed();
        var refused = (await Server.KubectlAsync(kubeconfig, "get", "ns")).ShouldFail();
        refused.StdErr.ShouldContain("error: You must be logged in to the server");
    }
}
