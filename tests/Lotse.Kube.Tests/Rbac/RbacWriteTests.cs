using System.Text.Json.Nodes;
using Lotse.Kube.Rbac;
using Lotse.Kube.Serialization;

namespace Lotse.Kube.Tests.Rbac;

/// <summary>Escalation prevention and aggregation through the generic store's write path.</summary>
public sealed class RbacWriteTests : IAsyncLifetime
{
    private const string PodReaderRole = """{"metadata":{"name":"pod-reader"},"rules":[{"apiGroups":[""],"resources":["pods"],"verbs":["get","list"]}]}""";

    private RbacStoreFixture _rbac = null!;

    public async Task InitializeAsync() => _rbac = await RbacStoreFixture.StartAsync();

    public async Task DisposeAsync() => await _rbac.DisposeAsync();

    [Fact]
    public async Task CreateRole_UserHoldsTheRules_Allowed()
    {
        await BindAsync("alice", "admin", "team");
        var created = await _rbac.CreateAsync("roles", "team", PodReaderRole, RbacStoreFixture.User("alice"));
        created.Name().ShouldBe("pod-reader");
    }

    [Fact]
    public async Task CreateRole_RulesNotHeld_ForbiddenWithUpstreamMessage()
    {
        await BindAsync("alice", "view", "team");
        var status = await _rbac.CreateFailsAsync("roles", "team", """{"metadata":{"name":"pod-writer"},"rules":[{"apiGroups":[""],"resources":["pods"],"verbs":["create","get"]}]}""", RbacStoreFixture.User("alice", "devs"));
        status.Code.ShouldBe(403);
        status.Message.ShouldBe("roles.rbac.authorization.k8s.io \"pod-writer\" is forbidden: user \"alice\" (groups=[\"devs\" \"system:authenticated\"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[\"\"], Resources:[\"pods\"], Verbs:[\"create\"]}");
    }

    [Fact]
    public async Task CreateClusterRole_EscalateVerb_AllowedWithoutHoldingRules()
    {
        await _rbac.CreateAsync("clusterroles", "", """{"metadata":{"name":"role-maker"},"rules":[{"apiGroups":["rbac.authorization.k8s.io"],"resources":["clusterroles"],"verbs":["create","escalate"]}]}""");
        await _rbac.CreateAsync("clusterrolebindings", "", """{"metadata":{"name":"role-maker"},"roleRef":{"kind":"ClusterRole","name":"role-maker"},"subjects":[{"kind":"User","name":"maker"}]}""");
        await _rbac.CreateAsync("clusterroles", "", """{"metadata":{"name":"everything"},"rules":[{"apiGroups":["*"],"resources":["*"],"verbs":["*"]}]}""", RbacStoreFixture.User("maker"));
    }

    [Fact]
    public async Task CreateRoleBinding_ToRoleNotHeld_ForbiddenUnlessBindVerb()
    {
        await BindAsync("bob", "view", "team");
        await _rbac.CreateAsync("roles", "team", PodReaderRole);
        var edit = """{"metadata":{"name":"bob-edit"},"roleRef":{"kind":"ClusterRole","name":"edit"},"subjects":[{"kind":"User","name":"eve"}]}""";
        var status = await _rbac.CreateFailsAsync("rolebindings", "team", edit, RbacStoreFixture.User("bob"));
        status.Code.ShouldBe(403);
        status.Message.ShouldStartWith("rolebindings.rbac.authorization.k8s.io \"bob-edit\" is forbidden: user \"bob\" (groups=[\"system:authenticated\"]) is attempting to grant RBAC permissions not currently held:\n");
        status.Message.ShouldContain("{APIGroups:[\"\"], Resources:[\"secrets\"], Verbs:[\"get\" \"list\" \"watch\" \"create\" \"delete\" \"deletecollection\" \"patch\" \"update\"]}");

        // view covers pod-reader's rules, so binding it needs no bind permission.
        await _rbac.CreateAsync("rolebindings", "team", """{"metadata":{"name":"readers"},"roleRef":{"kind":"Role","name":"pod-reader"},"subjects":[{"kind":"User","name":"eve"}]}""", RbacStoreFixture.User("bob"));

        await _rbac.CreateAsync("roles", "team", """{"metadata":{"name":"binder"},"rules":[{"apiGroups":["rbac.authorization.k8s.io"],"resources":["clusterroles"],"resourceNames":["edit"],"verbs":["bind"]}]}""");
        await _rbac.CreateAsync("rolebindings", "team", """{"metadata":{"name":"bob-binder"},"roleRef":{"kind":"Role","name":"binder"},"subjects":[{"kind":"User","name":"bob"}]}""");
        await _rbac.CreateAsync("rolebindings", "team", edit, RbacStoreFixture.User("bob"));
    }

    [Fact]
    public async Task CreateRoleBinding_MissingRoleWithoutBind_NotFound()
    {
        await BindAsync("bob", "view", "team");
        var status = await _rbac.CreateFailsAsync("rolebindings", "team", """{"metadata":{"name":"x"},"roleRef":{"kind":"Role","name":"nope"},"subjects":[{"kind":"User","name":"eve"}]}""", RbacStoreFixture.User("bob"));
        status.Code.ShouldBe(404);
        status.Message.ShouldBe("roles.rbac.authorization.k8s.io \"nope\" not found");
    }

    [Fact]
    public async Task ClusterRole_LabelledAggregateToView_JoinsViewEditAdminAndLeavesOnDelete()
    {
        await _rbac.CreateAsync("clusterroles", "", """{"metadata":{"name":"widgets-view","labels":{"rbac.authorization.k8s.io/aggregate-to-view":"true"}},"rules":[{"apiGroups":["example.com"],"resources":["widgets"],"verbs":["get"]}]}""");
        foreach (var role in new[] { "view", "edit", "admin" })
        {
            (await RulesAsync(role)).ShouldContain(r => r.ApiGroups.Contains("example.com"), role);
        }

        var carol = RbacStoreFixture.User("carol");
        await BindAsync("carol", "admin", "team");
        (await _rbac.AllowedAsync(carol, "get", "widgets", "team", group: "example.com")).ShouldBeTrue();

        await _rbac.DeleteAsync("clusterroles", "", "widgets-view");
        foreach (var role in new[] { "view", "edit", "admin" })
        {
            (await RulesAsync(role)).ShouldNotContain(r => r.ApiGroups.Contains("example.com"), role);
        }

        (await _rbac.AllowedAsync(carol, "get", "widgets", "team", group: "example.com")).ShouldBeFalse();
    }

    [Fact]
    public async Task ClusterRole_NewAggregatedRole_FilledOnCreateAndUserRulesReplaced()
    {
        await _rbac.CreateAsync("clusterroles", "", """{"metadata":{"name":"monitoring-1","labels":{"team/monitoring":"yes"}},"rules":[{"nonResourceURLs":["/metrics"],"verbs":["get"]}]}""");
        var created = await _rbac.CreateAsync("clusterroles", "", """{"metadata":{"name":"monitoring"},"aggregationRule":{"clusterRoleSelectors":[{"matchExpressions":[{"key":"team/monitoring","operator":"Exists"}]}]},"rules":[{"apiGroups":[""],"resources":["secrets"],"verbs":["get"]}]}""");
        created.GetArray("rules")!.ToJsonString().ShouldBe("""[{"nonResourceURLs":["/metrics"],"verbs":["get"]}]""");
    }

    [Fact]
    public async Task CreateClusterRole_AggregationRuleWithoutFullAuthority_Forbidden()
    {
        await _rbac.CreateAsync("clusterrolebindings", "", """{"metadata":{"name":"agg-maker"},"roleRef":{"kind":"ClusterRole","name":"edit"},"subjects":[{"kind":"User","name":"agg"}]}""");
        await _rbac.CreateAsync("clusterroles", "", """{"metadata":{"name":"agg-rights"},"rules":[{"apiGroups":["rbac.authorization.k8s.io"],"resources":["clusterroles"],"verbs":["create"]}]}""");
        await _rbac.CreateAsync("clusterrolebindings", "", """{"metadata":{"name":"agg-rights"},"roleRef":{"kind":"ClusterRole","name":"agg-rights"},"subjects":[{"kind":"User","name":"agg"}]}""");
        var status = await _rbac.CreateFailsAsync("clusterroles", "", """{"metadata":{"name":"gatherer"},"aggregationRule":{"clusterRoleSelectors":[{"matchLabels":{"a":"b"}}]}}""", RbacStoreFixture.User("agg"));
        status.Code.ShouldBe(403);
        status.Message.ShouldBe("clusterroles.rbac.authorization.k8s.io \"gatherer\" is forbidden: must have cluster-admin privileges to use the aggregationRule");
    }

    [Fact]
    public async Task CreateRole_RequestAuthorizerAllowsEscalate_NoRulesNeeded()
    {
        var objects = new Lotse.Kube.Registry.KubeObjectStore(_rbac.Store, TimeProvider.System) { Authorizer = new EscalateAllowed() };
        var created = await objects.CreateAsync(_rbac.Scope("roles", "default"), JsonNode.Parse(PodReaderRole)!.AsObject(), false, CancellationToken.None, RbacStoreFixture.User("webhook-admin"));
        created.Name().ShouldBe("pod-reader");
    }

    private async Task BindAsync(string user, string clusterRole, string ns)
    {
        try
        {
            await _rbac.CreateAsync("namespaces", "", $$$"""{"metadata":{"name":"{{{ns}}}"}}""");
        }
        catch (Lotse.Kube.Errors.KubeStatusException e) when (e.Status.Code == 409)
        {
        }

        await _rbac.CreateAsync("rolebindings", ns, $$"""{"metadata":{"name":"{{user}}-{{clusterRole}}"},"roleRef":{"kind":"ClusterRole","name":"{{clusterRole}}"},"subjects":[{"kind":"User","name":"{{user}}"}]}""");
    }

    private async Task<RbacPolicyRule[]> RulesAsync(string clusterRole) => RbacPolicyRule.ListFromJson(await _rbac.GetAsync("clusterroles", "", clusterRole));

    /// <summary>Stands in for another authorizer of the chain (EKS access policies) that grants the escalate verb.</summary>
    private sealed class EscalateAllowed : Lotse.Kube.Auth.IKubeAuthorizer
    {
        public ValueTask<Lotse.Kube.Auth.KubeAuthorizationDecision> AuthorizeAsync(KubeCluster cluster, KubeUser user, Lotse.Kube.Requests.KubeRequestInfo request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(request.Verb == "escalate" ? Lotse.Kube.Auth.KubeAuthorizationDecision.Allow : Lotse.Kube.Auth.KubeAuthorizationDecision.Deny());
    }
}
