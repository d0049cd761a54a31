using System.Text.Json.Nodes;
using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class ClusterRoleStrategyTests(KubeServerFixture server) : RbacRoleStrategyTestBase(server, "clusterroles", namespaced: false)
{
    [Fact]
    public async Task Create_UrlsMixedWithResources_Invalid()
    {
        var message = await CreateInvalidAsync("""{"metadata":{"name":"mixed"},"rules":[{"verbs":["get"],"resources":["pods"],"nonResourceURLs":["/a","/b"]}]}""");
        message.ShouldBe("ClusterRole.rbac.authorization.k8s.io \"mixed\" is invalid: rules[0].nonResourceURLs: Invalid value: []string{\"/a\", \"/b\"}: rules cannot apply to both regular resources and non-resource URLs");
    }

    [Fact]
    public async Task Create_EmptyAggregationRule_Invalid()
    {
        var message = await CreateInvalidAsync("""{"metadata":{"name":"agg"},"aggregationRule":{}}""");
        message.ShouldBe("ClusterRole.rbac.authorization.k8s.io \"agg\" is invalid: aggregationRule.clusterRoleSelectors: Required value: at least one clusterRoleSelector required if aggregationRule is non-nil");
    }

    [Fact]
    public async Task Update_AggregatedSource_AggregatorFollowsInSameWrite()
    {
        var label = "agg.example.com/" + Unique("x");
        var aggregator = Unique("aggregator");
        var source = Unique("source");
        await CreateOkAsync($$$"""{"metadata":{"name":"{{{aggregator}}}"},"aggregationRule":{"clusterRoleSelectors":[{"matchLabels":{"{{{label}}}":"true"}}]}}""");
        await CreateOkAsync($$$"""{"metadata":{"name":"{{{source}}}","labels":{"{{{label}}}":"true"}},"rules":[{"apiGroups":[""],"resources":["pods"],"verbs":["get"]}]}""");
        (await RulesAsync(aggregator)).ShouldBe("""[{"apiGroups":[""],"resources":["pods"],"verbs":["get"]}]""");

        var (code, _, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection()}/{source}", """{"rules":[{"apiGroups":[""],"resources":["services"],"verbs":["list"]}]}""", "application/merge-patch+json");
        code.ShouldBe(200);
        (await RulesAsync(aggregator)).ShouldBe("""[{"apiGroups":[""],"resources":["services"],"verbs":["list"]}]""");
    }

    [Fact]
    public async Task List_Bootstrap_ContainsDefaultRoles()
    {
        var (code, list, _) = await Http.GetJsonAsync(Collection());
        code.ShouldBe(200);
        var names = list!["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()).ToList();
        names.ShouldContain("cluster-admin");
        names.ShouldContain("system:controller:namespace-controller");
    }

    [Fact]
    public async Task Table_ClusterRole_NameAndCreatedAt()
    {
        (await ColumnsAsync()).ShouldBe(["Name", "Created At"]);
        (await RowAsync("view"))[0]!.GetValue<string>().ShouldBe("view");
    }

    private async Task<string> RulesAsync(string name)
    {
        var (_, obj, _) = await Http.GetJsonAsync($"{Collection()}/{name}");
        return (obj!["rules"] as JsonArray)?.ToJsonString() ?? "null";
    }
}
