namespace Lotse.Acceptance.Tests;

/// <summary>
/// The whole chain as on EKS, through the real aws CLI and kubectl with a second IAM user: IAM authenticates, aws-auth
/// maps the user to a group, RBAC decides — and <c>kubectl auth can-i</c>, <c>auth whoami</c>, impersonation and
/// escalation prevention agree with what actually happens.
/// </summary>
public sealed class IdentityToRbacTests(LotseFixture fixture) : IClassFixture<LotseFixture>
{
    private LotseServer Server => fixture.Server;

    private async Task<string> CreateClusterAsync(string name, string mode = "CONFIG_MAP")
    {
        (await Server.AwsAsync("eks", "create-cluster", "--name", name, "--role-arn", fixture.ClusterRoleArn,
            "--resources-vpc-config", $"subnetIds={fixture.SubnetIdsCsv}", "--access-config", $"authenticationMode={mode}")).ShouldSucceed();
        var kubeconfig = Path.Combine(Server.Home, $"{name}.kubeconfig");
        (await Server.AwsAsync("eks", "update-kubeconfig", "--name", name, "--kubeconfig", kubeconfig)).ShouldSucceed();
        return kubeconfig;
    }

    private async Task ApplyAsync(string kubeconfig, string yaml)
    {
        var file = Path.Combine(Server.Home, $"manifest-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, yaml);
        (await Server.KubectlAsync(kubeconfig, "apply", "-f", file)).ShouldSucceed();
    }

    [CliFact]
    public async Task AwsAuthGroup_BoundByRbac_DecidesAndCanIAgrees()
    {
        var admin = await CreateClusterAsync("rbac-chain");
        var other = await CreateClusterAsync("rbac-other");
        var dev = await SecondUser.CreateAsync(Server, "dev-chain");
        var kubeconfig = await dev.KubeconfigAsync("rbac-chain");

        // Not mapped: 401, as on EKS.
        (await dev.KubectlAsync(kubeconfig, "get", "configmaps")).ShouldFail().StdErr.ShouldContain("error: You must be logged in to the server");

        // Mapped by aws-auth to a group nobody has bound yet: authenticated, but RBAC gives nothing.
        await ApplyAsync(admin, $"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: aws-auth
              namespace: kube-system
            data:
              mapUsers: |
                - userarn: {dev.Arn}
                  username: dev
                  groups:
                    - dev-team
            """);
        var whoami = (await dev.KubectlAsync(kubeconfig, "auth", "whoami")).ShouldSucceed().StdOut;
        whoami.ShouldContain("dev");
        whoami.ShouldContain("[dev-team system:authenticated]");
        (await dev.KubectlAsync(kubeconfig, "get", "configmaps", "-n", "default")).ShouldFail().StdErr.ShouldContain(
            "Error from server (Forbidden): configmaps is forbidden: User \"dev\" cannot list resource \"configmaps\" in API group \"\" in the namespace \"default\"");
        (await dev.KubectlAsync(kubeconfig, "auth", "can-i", "list", "configmaps", "-n", "default")).StdOut.Trim().ShouldBe("no");

        // A RoleBinding of the group to the bootstrap `view` role: reading works in that namespace only, writing does not.
        (await Server.KubectlAsync(admin, "create", "rolebinding", "dev-view", "--clusterrole=view", "--group=dev-team", "-n", "default")).ShouldSucceed();
        (await Server.KubectlAsync(admin, "create", "configmap", "shared", "-n", "default", "--from-literal=a=b")).ShouldSucceed();
        (await dev.KubectlAsync(kubeconfig, "auth", "can-i", "list", "configmaps", "-n", "default")).ShouldSucceed().StdOut.Trim().ShouldBe("yes");
        (await dev.KubectlAsync(kubeconfig, "get", "configmaps", "-n", "default")).ShouldSucceed().StdOut.ShouldContain("shared");
        (await dev.KubectlAsync(kubeconfig, "auth", "can-i", "create", "configmaps", "-n", "default")).StdOut.Trim().ShouldBe("no");
        (await dev.KubectlAsync(kubeconfig, "create", "configmap", "mine", "-n", "default")).ShouldFail().StdErr.ShouldContain(
            "configmaps is forbidden: User \"dev\" cannot create resource \"configmaps\" in API group \"\" in the namespace \"default\"");
        (await dev.KubectlAsync(kubeconfig, "get", "configmaps", "-n", "kube-system")).ShouldFail().StdErr.ShouldContain(
            "User \"dev\" cannot list resource \"configmaps\" in API group \"\" in the namespace \"kube-system\"");
        (await dev.KubectlAsync(kubeconfig, "get", "secrets", "-n", "default")).ShouldFail().StdErr.ShouldContain(
            "User \"dev\" cannot list resource \"secrets\" in API group \"\" in the namespace \"default\"");
        var rules = (await dev.KubectlAsync(kubeconfig, "auth", "can-i", "--list", "-n", "default")).ShouldSucceed().StdOut;
        rules.ShouldContain("configmaps");
        rules.ShouldNotContain("secrets ");

        // Escalation: allowed to manage RoleBindings, but not to grant what the user does not hold.
        await ApplyAsync(admin, """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata:
              name: binding-manager
              namespace: default
            rules:
              - apiGroups: ["rbac.authorization.k8s.io"]
                resources: ["rolebindings"]
                verbs: ["create", "get", "list"]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata:
              name: dev-binding-manager
              namespace: default
            roleRef:
              apiGroup: rbac.authorization.k8s.io
              kind: Role
              name: binding-manager
            subjects:
              - apiGroup: rbac.authorization.k8s.io
                kind: Group
                name: dev-team
            """);
        (await dev.KubectlAsync(kubeconfig, "create", "rolebinding", "self-admin", "--clusterrole=admin", "--user=dev", "-n", "default")).ShouldFail()
            .StdErr.ShouldContain("is attempting to grant RBAC permissions not currently held");
        (await dev.KubectlAsync(kubeconfig, "create", "rolebinding", "more-view", "--clusterrole=view", "--user=dev", "-n", "default")).ShouldSucceed();

        // Impersonation: the creator may act as dev; dev may not act as anybody.
        (await Server.KubectlAsync(admin, "get", "configmaps", "-n", "default", "--as", "dev", "--as-group", "dev-team")).ShouldSucceed().StdOut.ShouldContain("shared");
        (await Server.KubectlAsync(admin, "auth", "can-i", "create", "configmaps", "-n", "default", "--as", "dev", "--as-group", "dev-team")).StdOut.Trim().ShouldBe("no");
        (await dev.KubectlAsync(kubeconfig, "get", "configmaps", "-n", "default", "--as", "kubernetes-admin")).ShouldFail().StdErr.ShouldContain(
            "users \"kubernetes-admin\" is forbidden: User \"dev\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope");

        // The mapping belongs to one cluster: the same user is a stranger to the other cluster.
        var otherKubeconfig = await dev.KubeconfigAsync("rbac-other");
        (await dev.KubectlAsync(otherKubeconfig, "get", "configmaps")).ShouldFail().StdErr.ShouldContain("error: You must be logged in to the server");
        (await Server.KubectlAsync(other, "get", "rolebindings", "-n", "default")).ShouldSucceed().StdOut.ShouldNotContain("dev-view");
    }

    [CliFact]
    public async Task AccessEntryGroups_MeetRbac_WithoutAnyAccessPolicy()
    {
        var admin = await CreateClusterAsync("entry-groups", "API");
        var dev = await SecondUser.CreateAsync(Server, "dev-groups");
        var kubeconfig = await dev.KubeconfigAsync("entry-groups");
        (await Server.KubectlAsync(admin, "create", "namespace", "dev")).ShouldSucceed();
        (await Server.AwsAsync("eks", "create-access-entry", "--cluster-name", "entry-groups", "--principal-arn", dev.Arn,
            "--kubernetes-groups", "dev-team", "--username", "dev")).ShouldSucceed();

        // Mapped, no policy and no binding yet: authenticated, and RBAC allows nothing.
        (await dev.KubectlAsync(kubeconfig, "auth", "whoami")).ShouldSucceed().StdOut.ShouldContain("[dev-team system:authenticated]");
        (await dev.KubectlAsync(kubeconfig, "create", "configmap", "work", "-n", "dev")).ShouldFail().StdErr.ShouldContain(
            "User \"dev\" cannot create resource \"configmaps\" in API group \"\" in the namespace \"dev\"");

        // The entry's group, bound to `edit` in one namespace, writes there and nowhere else.
        (await Server.KubectlAsync(admin, "create", "rolebinding", "dev-edit", "--clusterrole=edit", "--group=dev-team", "-n", "dev")).ShouldSucceed();
        (await dev.KubectlAsync(kubeconfig, "create", "configmap", "work", "-n", "dev", "--from-literal=k=v")).ShouldSucceed();
        (await dev.KubectlAsync(kubeconfig, "get", "configmap", "work", "-n", "dev", "-o", "jsonpath={.data.k}")).ShouldSucceed().StdOut.ShouldBe("v");
        (await dev.KubectlAsync(kubeconfig, "create", "configmap", "work", "-n", "default")).ShouldFail().StdErr.ShouldContain(
            "User \"dev\" cannot create resource \"configmaps\" in API group \"\" in the namespace \"default\"");
    }
}
