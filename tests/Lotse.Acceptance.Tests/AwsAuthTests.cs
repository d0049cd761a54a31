namespace Lotse.Acceptance.Tests;

/// <summary>The <c>kube-system/aws-auth</c> ConfigMap through kubectl: mapUsers, mapRoles with an assumed role, malformed entries.</summary>
public sealed class AwsAuthTests(LotseFixture fixture) : IClassFixture<LotseFixture>
{
    private LotseServer Server => fixture.Server;

    private async Task<string> CreateClusterAsync(string name)
    {
        (await Server.AwsAsync("eks", "create-cluster", "--name", name, "--role-arn", fixture.ClusterRoleArn,
            "--resources-vpc-config", $"subnetIds={fixture.SubnetIdsCsv}")).ShouldSucceed();
        var kubeconfig = Path.Combine(Server.Home, $"{name}.kubeconfig");
        (await Server.AwsAsync("eks", "update-kubeconfig", "--name", name, "--kubeconfig", kubeconfig)).ShouldSucceed();
        return kubeconfig;
    }

    private async Task ApplyAwsAuthAsync(string kubeconfig, string mapRoles, string mapUsers)
    {
        var file = Path.Combine(Server.Home, $"aws-auth-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, $"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: aws-auth
              namespace: kube-system
            data:
              mapRoles: |
            {Indent(mapRoles)}
              mapUsers: |
            {Indent(mapUsers)}
            """);
        (await Server.KubectlAsync(kubeconfig, "apply", "-f", file)).ShouldSucceed();
    }

    private static string Indent(string yaml) => string.Join('\n', yaml.Split('\n').Select(line => "    " + line));

    [CliFact]
    public async Task MapUsers_Edit_AppliesToTheVeryNextRequest()
    {
        var admin = await CreateClusterAsync("auth-users");
        var user = await SecondUser.CreateAsync(Server, "auth-user");
        var kubeconfig = await user.KubeconfigAsync("auth-users");
        (await user.KubectlAsync(kubeconfig, "get", "ns", "kube-system")).ShouldFail().StdErr.ShouldContain("error: You must be logged in to the server");

        await ApplyAwsAuthAsync(admin, "[]", $"- userarn: {user.Arn}\n  username: auth-user\n  groups:\n    - system:masters");
        (await user.KubectlAsync(kubeconfig, "get", "ns", "kube-system")).ShouldSucceed();

        await ApplyAwsAuthAsync(admin, "[]", "[]");
        (await user.KubectlAsync(kubeconfig, "get", "ns", "kube-system")).ShouldFail().StdErr.ShouldContain("error: You must be logged in to the server");
    }

    [CliFact]
    public async Task MapRoles_AssumedRoleToken_MapsWithTheSessionTemplate()
    {
        var admin = await CreateClusterAsync("auth-roles");
        var user = await SecondUser.CreateAsync(Server, "role-user");
        var trust = Path.Combine(Server.Home, "deployer-trust.json");
        await File.WriteAllTextAsync(trust,
            $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"{{user.Arn}}"},"Action":"sts:AssumeRole"}]}""");
        var roleArn = (await Server.AwsAsync("iam", "create-role", "--role-name", "Deployer", "--assume-role-policy-document", $"file://{trust}",
            "--query", "Role.Arn", "--output", "text")).ShouldSucceed().StdOut.Trim();

        await ApplyAwsAuthAsync(admin, $"- rolearn: {roleArn}\n  username: deployer:{{{{SessionName}}}}\n  groups:\n    - system:masters", "[]");
        var kubeconfig = await user.KubeconfigAsync("auth-roles", "--role-arn", roleArn);

        (await user.KubectlAsync(kubeconfig, "create", "configmap", "from-deployer", "-n", "default")).ShouldSucceed();
        // aws eks get-token --role-arn assumes the role with the session name EKSGetTokenAuth.
        (await user.KubectlAsync(kubeconfig, "auth", "whoami", "-o", "jsonpath={.status.userInfo.username}")).ShouldSucceed()
            .StdOut.ShouldBe("deployer:EKSGetTokenAuth");

        // Without the role the user itself is not mapped.
        (await user.KubectlAsync(await user.KubeconfigAsync("auth-roles"), "get", "ns")).ShouldFail().StdErr.ShouldContain("error: You must be logged in to the server");
    }

    [CliFact]
    public async Task MalformedEntries_AreSkipped_AndNeverLockOutTheCreator()
    {
        var admin = await CreateClusterAsync("auth-broken");
        var user = await SecondUser.CreateAsync(Server, "broken-user");
        var kubeconfig = await user.KubeconfigAsync("auth-broken");

        await ApplyAwsAuthAsync(admin, "- username: nobody\n- rolearn: [not, a, string]\n  username: x",
            $"- userarn: {user.Arn}\n  username: broken-user\n  groups:\n    - system:masters\n- groups: 42");

        (await Server.KubectlAsync(admin, "get", "ns", "kube-system")).ShouldSucceed();
        (await user.KubectlAsync(kubeconfig, "get", "ns", "kube-system")).ShouldSucceed();

        // mapRoles that is not YAML at all: still no 500 and still no lock-out.
        await ApplyAwsAuthAsync(admin, "- rolearn: [unclosed", $"- userarn: {user.Arn}\n  username: broken-user\n  groups:\n    - system:masters");
        (await Server.KubectlAsync(admin, "get", "ns", "kube-system")).ShouldSucceed();
        (await user.KubectlAsync(kubeconfig, "get", "ns", "kube-system")).ShouldSucceed();
    }
}
