using System.Text.Json.Nodes;
using Lotse.Kube.Rbac;

namespace Lotse.Kube.Tests.Rbac;

/// <summary>ClusterRole aggregation (the aggregation controller's union), settled in memory.</summary>
public sealed class RbacAggregationTests
{
    [Fact]
    public void Settle_Chain_ViewFlowsIntoEditIntoAdmin()
    {
        var roles = new Dictionary<string, JsonObject>
        {
            ["admin"] = Aggregator("admin", "to-admin"),
            ["edit"] = Aggregator("edit", "to-edit", "to-admin"),
            ["view"] = Aggregator("view", "to-view", "to-edit"),
            ["pods"] = Role("pods", ["to-view"], "pods"),
        };
        RbacAggregation.Settle(roles).ShouldBe(["admin", "edit", "view"], ignoreOrder: true);
        foreach (var name in new[] { "admin", "edit", "view" })
        {
            roles[name]["rules"]!.ToJsonString().ShouldBe("""[{"verbs":["get"],"apiGroups":[""],"resources":["pods"]}]""");
        }
    }

    [Fact]
    public void Matches_Expressions_InNotInExistsDoesNotExist()
    {
        var role = Role("r", ["x"], "pods");
        RbacAggregation.Matches(Selector("""{"matchExpressions":[{"key":"x","operator":"Exists"}]}"""), role).ShouldBeTrue();
        RbacAggregation.Matches(Selector("""{"matchExpressions":[{"key":"x","operator":"In","values":["false"]}]}"""), role).ShouldBeFalse();
        RbacAggregation.Matches(Selector("""{"matchExpressions":[{"key":"y","operator":"NotIn","values":["true"]}]}"""), role).ShouldBeTrue();
        RbacAggregation.Matches(Selector("""{"matchExpressions":[{"key":"x","operator":"DoesNotExist"}]}"""), role).ShouldBeFalse();
        RbacAggregation.Matches(Selector("{}"), role).ShouldBeTrue();
    }

    /// <summary>Property: whatever the labels, an aggregator ends with exactly the distinct union of the selected roles' own rules, and settling again changes nothing.</summary>
    [Fact]
    public void Settle_RandomRoles_UnionOfSelectedRulesAndStable()
    {
        var random = new Random(2024);
        string[] labels = ["a", "b", "c"];
        string[] resources = ["pods", "services", "secrets", "configmaps"];
        for (var round = 0; round < 200; round++)
        {
            var roles = new Dictionary<string, JsonObject>();
            var plain = new List<JsonObject>();
            for (var i = 0; i < random.Next(1, 8); i++)
            {
                var role = Role($"r{i}", labels.Where(_ => random.Next(2) == 0).ToArray(), resources[random.Next(resources.Length)]);
                plain.Add(role);
                roles[role["metadata"]!["name"]!.GetValue<string>()] = role;
            }

            roles["agg"] = Aggregator("agg", "a");
            RbacAggregation.Settle(roles);
            var expected = plain.Where(r => r["metadata"]!["labels"]!["a"] is not null).OrderBy(r => r["metadata"]!["name"]!.GetValue<string>(), StringComparer.Ordinal)
                .SelectMany(r => r["rules"]!.AsArray()).Select(r => r!.ToJsonString()).Distinct().ToList();
            roles["agg"]["rules"]!.AsArray().Select(r => r!.ToJsonString()).ShouldBe(expected);
            RbacAggregation.Settle(roles).ShouldBeEmpty();
        }
    }

    private static JsonObject Selector(string json) => JsonNode.Parse(json)!.AsObject();

    private static JsonObject Role(string name, string[] labels, string resource)
    {
        var labelObject = new JsonObject();
        foreach (var label in labels)
        {
            labelObject[label] = "true";
        }

        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labelObject },
            ["rules"] = new JsonArray(RbacPolicyRule.Resource(["get"], [""], [resource]).ToJson()),
        };
    }

    private static JsonObject Aggregator(string name, string selects, string? label = null)
    {
        var role = Role(name, label is null ? [] : [label], "unused");
        role["aggregationRule"] = new JsonObject { ["clusterRoleSelectors"] = new JsonArray(new JsonObject { ["matchLabels"] = new JsonObject { [selects] = "true" } }) };
        role["rules"] = new JsonArray();
        return role;
    }
}
