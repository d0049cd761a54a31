using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class ClusterRoleBindingStrategyTests(KubeServerFixture server) : RbacRoleStrategyTestBase(server, "clusterrolebindings", namespaced: false)
{
    [Fact]
    public async Task Create_RoleKindAndNamespacelessServiceAccount_Invalid()
    {
        var message = await CreateInvalidAsync("""{"metadata":{"name":"crb"},"roleRef":{"kind":"Role","name":"x"},"subjects":[{"kind":"ServiceAccount","name":"sa"}]}""");
        message.ShouldBe("ClusterRoleBinding.rbac.authorization.k8s.io \"crb\" is invalid: [roleRef.kind: Unsupported value: \"Role\": supported values: \"ClusterRole\", subjects[0].namespace: Required value]");
    }

    [Fact]
    public async Task Get_BootstrapClusterAdmin_BindsSystemMasters()
    {
        var (code, obj, _) = await Http.GetJsonAsync($"{Collection()}/cluster-admin");
        code.ShouldBe(200);
        obj!["subjects"]![0]!["name"]!.GetValue<string>().ShouldBe("system:masters");
        obj["metadata"]!["labels"]!["kubernetes.io/bootstrapping"]!.GetValue<string>().ShouldBe("rbac-defaults");
        obj["metadata"]!["annotations"]!["rbac.authorization.kubernetes.io/autoupdate"]!.GetValue<string>().ShouldBe("true");
    }

    [Fact]
    public async Task Table_ClusterRoleBinding_RoleColumn()
    {
        var row = await RowAsync("system:public-info-viewer");
        row[1]!.GetValue<string>().ShouldBe("ClusterRole/system:public-info-viewer");
        row[4]!.GetValue<string>().ShouldBe("system:authenticated, system:unauthenticated");
    }
}
