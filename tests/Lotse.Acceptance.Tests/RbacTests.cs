namespace Lotse.Acceptance.Tests;

/// <summary>RBAC on a cluster made with the real aws CLI, driven by the real kubectl: the bootstrap policy and the four kinds.</summary>
public sealed class RbacTests(LotseFixture fixture) : IClassFixture<LotseFixture>
{
    private LotseServer Server => fixture.Server;

    [CliFact]
    public async Task NewCluster_BootstrapPolicy_ListedAsOnKubeApiserver()
    {
        var kubeconfig = await CreateClusterAsync("rbac-bootstrap");
        var roles = (await Server.KubectlAsync(kubeconfig, "get", "clusterroles")).ShouldSucceed().StdOut;
        roles.ShouldMatch(@"NAME\s+CREATED AT");
        foreach (var role in new[] { "admin", "cluster-admin", "edit", "view", "system:discovery", "system:controller:namespace-controller" })
        {
            roles.ShouldMatch($@"(?m)^{role}\s+\d{{4}}-\d\d-\d\dT");
        }

        var publicInfo = (await Server.KubectlAsync(kubeconfig, "get", "clusterrolebinding", "system:public-info-viewer", "-o", "wide")).ShouldSucceed().StdOut;
        publicInfo.ShouldMatch(@"system:public-info-viewer\s+ClusterRole/system:public-info-viewer\s+\d+[smhd]\s+system:authenticated, system:unauthenticated");
        (await Server.KubectlAsync(kubeconfig, "get", "clusterrolebinding", "cluster-admin", "-o", "jsonpath={.subjects[0].name}")).ShouldSucceed().StdOut.ShouldBe("system:masters");
        (await Server.KubectlAsync(kubeconfig, "get", "clusterrole", "view", "-o", "jsonpath={.aggregationRule.clusterRoleSelectors[0].matchLabels}")).ShouldSucceed()
            .StdOut.ShouldBe("""{"rbac.authorization.k8s.io/aggregate-to-view":"true"}""");
    }

    [CliFact]
    public async Task Creator_CreatesTheFourKinds_AndAggregationFollows()
    {
        var kubeconfig = await CreateClusterAsync("rbac-create");
        (await Server.KubectlAsync(kubeconfig, "create", "clusterrole", "widget-reader", "--verb=get,list", "--resource=configmaps")).ShouldSucceed()
            .StdOut.Trim().ShouldBe("clusterrole.rbac.authorization.k8s.io/widget-reader created");
        (await Server.KubectlAsync(kubeconfig, "label", "clusterrole", "widget-reader", "rbac.authorization.k8s.io/aggregate-to-view=true")).ShouldSucceed();
        (await Server.KubectlAsync(kubeconfig, "get", "clusterrole", "view", "-o", "jsonpath={.rules[*].resources}")).ShouldSucceed().StdOut.ShouldContain("[\"configmaps\"]");
        (await Server.KubectlAsync(kubeconfig, "create", "clusterrolebinding", "widget-readers", "--clusterrole=widget-reader", "--group=readers")).ShouldSucceed()
            .StdOut.Trim().ShouldBe("clusterrolebinding.rbac.authorization.k8s.io/widget-readers created");
        (await Server.KubectlAsync(kubeconfig, "create", "role", "pod-reader", "--verb=get", "--resource=configmaps")).ShouldSucceed()
            .StdOut.Trim().ShouldBe("role.rbac.authorization.k8s.io/pod-reader created");
        (await Server.KubectlAsync(kubeconfig, "create", "rolebinding", "pod-readers", "--role=pod-reader", "--user=alice")).ShouldSucceed()
            .StdOut.Trim().ShouldBe("rolebinding.rbac.authorization.k8s.io/pod-readers created");

        var changed = (await Server.KubectlAsync(kubeconfig, "patch", "rolebinding", "pod-readers", "--type", "merge", "-p", """{"roleRef":{"name":"other"}}""")).ShouldFail();
        changed.StdErr.ShouldContain("roleRef: Invalid value: rbac.RoleRef{APIGroup:\"rbac.authorization.k8s.io\", Kind:\"Role\", Name:\"other\"}: cannot change roleRef");
    }

    private async Task<string> CreateClusterAsync(string name)
    {
        (await Server.AwsAsync("eks", "create-cluster", "--name", name, "--role-arn", fixture.ClusterRoleArn,
            "--resources-vpc-config", $"subnetIds={fixture.SubnetIdsCsv}")).ShouldSucceed();
        var kubeconfig = Path.Combine(Server.Home, name + ".kubeconfig");
        (await Server.AwsAsync("eks", "update-kubeconfig", "--name", name, "--kubeconfig", kubeconfig)).ShouldSucceed();
        return kubeconfig;
    }
}
