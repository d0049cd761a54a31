using System.Text.Json.Nodes;
using Lotse.Kube.Rbac;
using Lotse.Kube.Serialization;

namespace Lotse.Kube.Tests.Rbac;

/// <summary>The default policy every cluster starts with (Kubernetes 1.32's bootstrappolicy).</summary>
public sealed class BootstrapPolicyTests
{
    private static JsonObject Find(string kind, string name, string ns = "") =>
        BootstrapPolicy.Objects.Single(o => o.GetString("kind") == kind && o.Name() == name && o.Namespace() == ns);

    private static RbacPolicyRule[] Rules(string clusterRole) => RbacPolicyRule.ListFromJson(Find("ClusterRole", clusterRole));

    [Fact]
    public void Objects_Counts_MatchUpstream()
    {
        var byKind = BootstrapPolicy.Objects.GroupBy(o => o.GetString("kind")).ToDictionary(g => g.Key!, g => g.Count());
        byKind["ClusterRole"].ShouldBe(31 + 33);
        byKind["ClusterRoleBinding"].ShouldBe(12 + 33);
        byKind["Role"].ShouldBe(7);
        byKind["RoleBinding"].ShouldBe(7);
    }

    [Fact]
    public void Objects_Every_HasBootstrapLabelAndAutoupdateAnnotation()
    {
        foreach (var obj in BootstrapPolicy.Objects)
        {
            obj.Metadata().GetObject("labels").GetString(BootstrapPolicy.BootstrappingLabel).ShouldBe("rbac-defaults", obj.Name());
            obj.Metadata().GetObject("annotations").GetString(BootstrapPolicy.AutoupdateAnnotation).ShouldBe("true", obj.Name());
        }
    }

    [Theory]
    [InlineData("cluster-admin", "cluster-admin", "Group", "system:masters")]
    [InlineData("system:discovery", "system:discovery", "Group", "system:authenticated")]
    [InlineData("system:basic-user", "system:basic-user", "Group", "system:authenticated")]
    [InlineData("system:public-info-viewer", "system:public-info-viewer", "Group", "system:unauthenticated")]
    [InlineData("system:controller:deployment-controller", "system:controller:deployment-controller", "ServiceAccount", "deployment-controller")]
    public void ClusterRoleBindings_Defaults_BindAsUpstream(string binding, string role, string subjectKind, string subjectName)
    {
        var obj = Find("ClusterRoleBinding", binding);
        obj.GetObject("roleRef").GetString("name").ShouldBe(role);
        obj.GetArray("subjects")!.OfType<JsonObject>().ShouldContain(s => s.GetString("kind") == subjectKind && s.GetString("name") == subjectName);
    }

    [Fact]
    public void View_Aggregated_HasTheViewRulesButNoSecrets()
    {
        var view = Rules("view");
        view.ShouldContain(r => r.Resources.Contains("pods/log") && r.Verbs.SequenceEqual(new[] { "get", "list", "watch" }));
        view.ShouldNotContain(r => r.Resources.Contains("secrets"));
        Find("ClusterRole", "view").GetObject("aggregationRule").ShouldNotBeNull();
    }

    [Fact]
    public void EditAndAdmin_Aggregated_IncludeViewAndTheirOwnRules()
    {
        var edit = Rules("edit");
        foreach (var rule in Rules("view"))
        {
            edit.ShouldContain(rule);
        }

        edit.ShouldContain(r => r.Resources.Contains("secrets") && r.Verbs.Contains("create"));
        var admin = Rules("admin");
        foreach (var rule in edit)
        {
            admin.ShouldContain(rule);
        }

        admin.ShouldContain(r => r.ApiGroups.Contains("rbac.authorization.k8s.io") && r.Resources.Contains("rolebindings"));
        edit.ShouldNotContain(r => r.ApiGroups.Contains("rbac.authorization.k8s.io"));
    }

    [Fact]
    public void NamespaceRoles_KubeSystemAndKubePublic_Present()
    {
        Find("Role", "extension-apiserver-authentication-reader", "kube-system").GetArray("rules")!.Count.ShouldBe(1);
        Find("RoleBinding", "system:controller:bootstrap-signer", "kube-public").GetObject("roleRef").GetString("kind").ShouldBe("Role");
    }

    [Fact]
    public void InitialObjects_NewCluster_IncludesPolicyWithFreshUids()
    {
        var cluster = new KubeCluster("C1", "c", "10.100.0.0/16", "1.32");
        var operations = KubeClusterBootstrapper.InitialObjects(cluster, new KubeApiAddress("127.0.0.1", 443), DateTimeOffset.Parse("2026-01-02T03:04:05Z", System.Globalization.CultureInfo.InvariantCulture));
        var rbac = operations.Where(o => o.Key.StartsWith("/clusters/C1/registry/rbac.authorization.k8s.io/", StringComparison.Ordinal)).ToList();
        rbac.Count.ShouldBe(BootstrapPolicy.Objects.Count);
        var admin = JsonNode.Parse(rbac.Single(o => o.Key.EndsWith("/clusterrolebindings/cluster-admin", StringComparison.Ordinal)).Value.Span)!.AsObject();
        admin.Metadata().GetString("creationTimestamp").ShouldBe("2026-01-02T03:04:05Z");
        Guid.TryParse(admin.Metadata().GetString("uid"), out _).ShouldBeTrue();
        rbac.Select(o => JsonNode.Parse(o.Value.Span)!["metadata"]!["uid"]!.GetValue<string>()).Distinct().Count().ShouldBe(rbac.Count);
    }
}
