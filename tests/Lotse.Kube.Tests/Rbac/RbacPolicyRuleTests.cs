using Lotse.Kube.Rbac;

namespace Lotse.Kube.Tests.Rbac;

/// <summary>Rule matching as kube-apiserver's <c>RuleAllows</c>, and the escalation coverage check agreeing with it.</summary>
public sealed class RbacPolicyRuleTests
{
    [Theory]
    [InlineData("get", "", "pods", "", "x", true)]
    [InlineData("list", "", "pods", "", "", false)]
    [InlineData("get", "apps", "pods", "", "x", false)]
    [InlineData("get", "", "pods", "log", "x", false)]
    [InlineData("get", "", "services", "", "x", false)]
    public void AllowsResource_ExactRule_MatchesVerbGroupResource(string verb, string group, string resource, string subresource, string name, bool expected) =>
        RbacPolicyRule.Resource(["get"], [""], ["pods"]).AllowsResource(verb, group, resource, subresource, name).ShouldBe(expected);

    [Fact]
    public void AllowsResource_Wildcards_MatchAnything() =>
        RbacPolicyRule.Resource(["*"], ["*"], ["*"]).AllowsResource("escalate", "rbac.authorization.k8s.io", "clusterroles", "", "admin").ShouldBeTrue();

    [Theory]
    [InlineData("pods/log", "pods", "log", true)]
    [InlineData("pods/log", "pods", "exec", false)]
    [InlineData("pods/log", "pods", "", false)]
    [InlineData("*/scale", "deployments", "scale", true)]
    [InlineData("*/scale", "deployments", "", false)]
    [InlineData("pods", "pods", "log", false)]
    public void AllowsResource_Subresources_NeedTheirOwnRule(string ruleResource, string resource, string subresource, bool expected) =>
        RbacPolicyRule.Resource(["get"], [""], [ruleResource]).AllowsResource("get", "", resource, subresource, "").ShouldBe(expected);

    [Theory]
    [InlineData("cm-a", true)]
    [InlineData("cm-b", false)]
    [InlineData("", false)]
    public void AllowsResource_ResourceNames_LimitToThoseNames(string name, bool expected) =>
        RbacPolicyRule.Resource(["get"], [""], ["configmaps"], ["cm-a"]).AllowsResource("get", "", "configmaps", "", name).ShouldBe(expected);

    [Theory]
    [InlineData("/healthz", true)]
    [InlineData("/healthz/etcd", false)]
    [InlineData("/apis/apps/v1", true)]
    [InlineData("/apis", false)]
    [InlineData("/metrics", false)]
    public void AllowsNonResource_TrailingStar_IsAPrefix(string path, bool expected) =>
        RbacPolicyRule.Urls(["get"], ["/healthz", "/apis/*"]).AllowsNonResource("get", path).ShouldBe(expected);

    [Fact]
    public void CompactString_ResourceRule_AsKubeApiserverPrintsIt() =>
        RbacPolicyRule.Resource(["get", "list"], [""], ["pods"], ["a"]).CompactString()
            .ShouldBe("{APIGroups:[\"\"], Resources:[\"pods\"], ResourceNames:[\"a\"], Verbs:[\"get\" \"list\"]}");

    [Fact]
    public void CompactString_UrlRule_ListsUrlsAndVerbs() =>
        RbacPolicyRule.Urls(["get"], ["/metrics"]).CompactString().ShouldBe("{NonResourceURLs:[\"/metrics\"], Verbs:[\"get\"]}");

    /// <summary>Property: whenever an owner rule covers a rule, every request the covered rule allows, the owner allows too.</summary>
    [Fact]
    public void Covers_RandomRules_ImpliesAllowsForEveryRequest()
    {
        var random = new Random(4711);
        string[] verbs = ["get", "list", "create", "*"];
        string[] groups = ["", "apps", "*"];
        string[] resources = ["pods", "pods/log", "*/log", "deployments", "*"];
        string[] names = ["a", "b"];
        string[] Pick(string[] from, int max) => from.OrderBy(_ => random.Next()).Take(random.Next(1, max + 1)).ToArray();
        var checkedPairs = 0;
        for (var i = 0; i < 3000; i++)
        {
            var owner = RbacPolicyRule.Resource(Pick(verbs, 2), Pick(groups, 2), Pick(resources, 2), random.Next(3) == 0 ? Pick(names, 1) : null);
            var sub = RbacPolicyRule.Resource(Pick(verbs[..3], 1), Pick(groups[..2], 1), Pick(resources[..4], 1), random.Next(2) == 0 ? Pick(names, 1) : null);
            if (!RbacEscalation.Covers(owner, sub))
            {
                continue;
            }

            checkedPairs++;
            foreach (var resource in new[] { ("pods", ""), ("pods", "log"), ("deployments", "") })
            {
                foreach (var name in new[] { "a", "b", "" })
                {
                    if (sub.AllowsResource(sub.Verbs[0], sub.ApiGroups[0], resource.Item1, resource.Item2, name))
                    {
                        owner.AllowsResource(sub.Verbs[0], sub.ApiGroups[0], resource.Item1, resource.Item2, name).ShouldBeTrue($"{owner.CompactString()} covers {sub.CompactString()}");
                    }
                }
            }
        }

        checkedPairs.ShouldBeGreaterThan(100);
    }
}
