using System.Text;
using Lotse.Kube.Rbac;
using Lotse.Storage;

namespace Lotse.Kube.Tests.Rbac;

/// <summary>The RBAC authorizer on a real store: bootstrap bindings, role bindings, read-your-writes, the watch, rule listing.</summary>
public sealed class RbacAuthorizerTests : IAsyncLifetime
{
    private RbacStoreFixture _rbac = null!;

    public async Task InitializeAsync() => _rbac = await RbacStoreFixture.StartAsync();

    public async Task DisposeAsync() => await _rbac.DisposeAsync();

    [Fact]
    public async Task Authorize_Masters_AllowedEverything()
    {
        var admin = new KubeUser("kubernetes-admin", "", ["system:masters"], new Dictionary<string, IReadOnlyList<string>>());
        (await _rbac.AllowedAsync(admin, "delete", "clusterroles", group: "rbac.authorization.k8s.io", name: "cluster-admin")).ShouldBeTrue();
        (await _rbac.PathAllowedAsync(admin, "/metrics")).ShouldBeTrue();
    }

    [Fact]
    public async Task Authorize_AuthenticatedWithoutBindings_OnlyDiscoveryAndSelfReviews()
    {
        var alice = RbacStoreFixture.User("alice");
        (await _rbac.PathAllowedAsync(alice, "/api")).ShouldBeTrue();
        (await _rbac.PathAllowedAsync(alice, "/apis/apps/v1")).ShouldBeTrue();
        (await _rbac.PathAllowedAsync(alice, "/openapi/v3")).ShouldBeTrue();
        (await _rbac.PathAllowedAsync(alice, "/metrics")).ShouldBeFalse();
        (await _rbac.PathAllowedAsync(alice, "/api", "post")).ShouldBeFalse();
        (await _rbac.AllowedAsync(alice, "create", "selfsubjectaccessreviews", group: "authorization.k8s.io")).ShouldBeTrue();
        (await _rbac.AllowedAsync(alice, "list", "configmaps", "default")).ShouldBeFalse();
    }

    [Fact]
    public async Task Authorize_Anonymous_OnlyPublicInfo()
    {
        (await _rbac.PathAllowedAsync(KubeUser.Anonymous, "/version")).ShouldBeTrue();
        (await _rbac.PathAllowedAsync(KubeUser.Anonymous, "/healthz")).ShouldBeTrue();
        (await _rbac.PathAllowedAsync(KubeUser.Anonymous, "/api")).ShouldBeFalse();
    }

    [Fact]
    public async Task Authorize_RoleBindingToView_ReadOnlyInThatNamespaceOnNextRequest()
    {
        var bob = RbacStoreFixture.User("bob");
        await _rbac.CreateAsync("rolebindings", "default", """{"metadata":{"name":"bob-view"},"roleRef":{"kind":"ClusterRole","name":"view"},"subjects":[{"kind":"User","name":"bob"}]}""");

        (await _rbac.AllowedAsync(bob, "list", "configmaps", "default")).ShouldBeTrue();
        (await _rbac.AllowedAsync(bob, "get", "pods", "default", subresource: "log")).ShouldBeTrue();
        (await _rbac.AllowedAsync(bob, "create", "configmaps", "default")).ShouldBeFalse();
        (await _rbac.AllowedAsync(bob, "get", "secrets", "default")).ShouldBeFalse();
        (await _rbac.AllowedAsync(bob, "list", "configmaps", "kube-system")).ShouldBeFalse();
        (await _rbac.AllowedAsync(bob, "list", "configmaps")).ShouldBeFalse();

        await _rbac.DeleteAsync("rolebindings", "default", "bob-view");
        (await _rbac.AllowedAsync(bob, "list", "configmaps", "default")).ShouldBeFalse();
    }

    [Fact]
    public async Task Authorize_GroupClusterRoleBinding_AppliesEverywhere()
    {
        await _rbac.CreateAsync("clusterrolebindings", "", """{"metadata":{"name":"ops-edit"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"edit"},"subjects":[{"kind":"Group","name":"ops"}]}""");
        (await _rbac.AllowedAsync(RbacStoreFixture.User("carol", "ops"), "create", "deployments", "kube-system", group: "apps")).ShouldBeTrue();
        (await _rbac.AllowedAsync(RbacStoreFixture.User("carol"), "create", "deployments", "kube-system", group: "apps")).ShouldBeFalse();
    }

    [Fact]
    public async Task Authorize_ServiceAccountSubjectWithoutNamespace_MeansTheBindingsNamespace()
    {
        await _rbac.CreateAsync("roles", "default", """{"metadata":{"name":"cm-reader"},"rules":[{"apiGroups":[""],"resources":["configmaps"],"resourceNames":["settings"],"verbs":["get"]}]}""");
        await _rbac.CreateAsync("rolebindings", "default", """{"metadata":{"name":"robot"},"roleRef":{"kind":"Role","name":"cm-reader"},"subjects":[{"kind":"ServiceAccount","name":"robot"}]}""");
        var robot = new KubeUser("system:serviceaccount:default:robot", "", ["system:serviceaccounts", "system:serviceaccounts:default", "system:authenticated"], new Dictionary<string, IReadOnlyList<string>>());
        (await _rbac.AllowedAsync(robot, "get", "configmaps", "default", name: "settings")).ShouldBeTrue();
        (await _rbac.AllowedAsync(robot, "get", "configmaps", "default", name: "other")).ShouldBeFalse();
        (await _rbac.AllowedAsync(robot, "list", "configmaps", "default")).ShouldBeFalse();
    }

    [Fact]
    public async Task Authorize_WriteStraightToStore_SeenThroughTheWatch()
    {
        var dave = RbacStoreFixture.User("dave");
        (await _rbac.AllowedAsync(dave, "list", "services", "default")).ShouldBeFalse();
        var json = """{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"dave"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"view"},"subjects":[{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"dave"}]}""";
        var key = $"{_rbac.Cluster.StoragePrefix}registry/rbac.authorization.k8s.io/clusterrolebindings/dave";
        (await _rbac.Store.CommitAsync([StoreOperation.Create(key, Encoding.UTF8.GetBytes(json))])).Succeeded.ShouldBeTrue();
        await EventuallyAsync(() => _rbac.AllowedAsync(dave, "list", "services", "default"));
    }

    [Fact]
    public async Task RulesFor_BoundRoles_ClusterWideFirstAndMissingRoleReported()
    {
        var erin = RbacStoreFixture.User("erin");
        await _rbac.CreateAsync("rolebindings", "default", """{"metadata":{"name":"erin-gone"},"roleRef":{"kind":"ClusterRole","name":"does-not-exist"},"subjects":[{"kind":"User","name":"erin"}]}""");
        await _rbac.CreateAsync("roles", "default", """{"metadata":{"name":"erin-pods"},"rules":[{"apiGroups":[""],"resources":["pods"],"verbs":["get"]}]}""");
        await _rbac.CreateAsync("rolebindings", "default", """{"metadata":{"name":"erin-pods"},"roleRef":{"kind":"Role","name":"erin-pods"},"subjects":[{"kind":"User","name":"erin"}]}""");

        var rules = await _rbac.Authorizer.RulesForAsync(_rbac.Cluster, erin, "default", CancellationToken.None);
        rules.ResourceRules[0].Resources.ShouldBe(["selfsubjectaccessreviews", "selfsubjectrulesreviews"]);
        rules.ResourceRules.ShouldContain(r => r.Resources.SequenceEqual(new[] { "pods" }) && r.Verbs.SequenceEqual(new[] { "get" }));
        rules.NonResourceRules.ShouldContain(r => r.NonResourceUrls.Contains("/api/*"));
        rules.Incomplete.ShouldBeTrue();
        rules.EvaluationError.ShouldBe("clusterrole.rbac.authorization.k8s.io \"does-not-exist\" not found");
    }

    [Fact]
    public async Task Authorize_BindingToMissingRole_DeniedWithRbacReason()
    {
        await _rbac.CreateAsync("clusterrolebindings", "", """{"metadata":{"name":"gina-gone"},"roleRef":{"kind":"ClusterRole","name":"gone"},"subjects":[{"kind":"User","name":"gina"}]}""");
        var request = new Lotse.Kube.Requests.KubeRequestInfo { IsResourceRequest = true, Path = "", Verb = "list", Resource = "pods", Namespace = "default" };
        var decision = await _rbac.Authorizer.AuthorizeAsync(_rbac.Cluster, RbacStoreFixture.User("gina"), request, CancellationToken.None);
        decision.Allowed.ShouldBeFalse();
        decision.Reason.ShouldBe("RBAC: clusterrole.rbac.authorization.k8s.io \"gone\" not found");
        (await _rbac.Authorizer.AuthorizeAsync(_rbac.Cluster, RbacStoreFixture.User("hank"), request, CancellationToken.None)).Reason.ShouldBeEmpty();
    }

    [Fact]
    public async Task Cache_ClusterDeleted_DropsItsPolicy()
    {
        var cache = RbacPolicyCache.For(_rbac.Store);
        (await _rbac.AllowedAsync(RbacStoreFixture.User("frank"), "list", "pods", "default")).ShouldBeFalse();
        cache.LoadedClusters.ShouldBe(1);
        await _rbac.Store.DeletePrefixAsync(_rbac.Cluster.StoragePrefix);
        await EventuallyAsync(() => Task.FromResult(cache.LoadedClusters == 0));
    }

    /// <summary>Polls a condition the store's watch makes true shortly (no timing is asserted; 10 s is only a safety net).</summary>
    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 1000; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(10);
        }

        (await condition()).ShouldBeTrue();
    }
}
