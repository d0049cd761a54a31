using System.Text.Json.Nodes;
using Lotse.Kube.Discovery;
using Lotse.Kube.Registry;

namespace Lotse.Kube.Tests.Strategies;

/// <summary>Every registered kind must have a strategy test class, a table convertor and a discovery entry.</summary>
public sealed class RegistryCoverageTests
{
    /// <summary>One entry per served group/version/resource (a resource may be served in two versions of its group).</summary>
    public static TheoryData<string> Resources() => new(KubeResourceRegistry.CreateDefault().Resources.Select(Key));

    [Theory]
    [MemberData(nameof(Resources))]
    public void Kind_Registered_HasStrategyTestClass(string resource)
    {
        var strategy = Kind(resource).Strategy.GetType().Name;
        var testClass = typeof(RegistryCoverageTests).Assembly.GetTypes().SingleOrDefault(t => t.Name == strategy + "Tests");
        testClass.ShouldNotBeNull($"add {strategy}Tests for {resource}");
        testClass.GetMethods().Count(m => m.GetCustomAttributes(typeof(FactAttribute), true).Length > 0).ShouldBeGreaterThan(0);
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public void Kind_Registered_TableCellsMatchColumns(string resource)
    {
        var kind = Kind(resource);
        kind.Strategy.Columns.ShouldNotBeEmpty();
        var cells = new List<object>();
        kind.Strategy.WriteCells(new JsonObject { ["metadata"] = new JsonObject { ["name"] = "x", ["creationTimestamp"] = "2020-01-01T00:00:00Z" } }, DateTimeOffset.UtcNow, cells);
        cells.Count.ShouldBe(kind.Strategy.Columns.Count);
        cells.ShouldAllBe(c => c is string || c is long || c is int || c is bool);
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public void Kind_Registered_InAggregatedAndLegacyDiscovery(string resource)
    {
        var registry = KubeResourceRegistry.CreateDefault();
        var kind = registry.Resources.Single(r => Key(r) == resource);
        var docs = new DiscoveryDocuments(registry);
        var aggregated = JsonNode.Parse((kind.Group.Length == 0 ? docs.AggregatedCore : docs.AggregatedGroups).Body)!;
        var group = aggregated["items"]!.AsArray().Single(g => (g!["metadata"]?["name"]?.GetValue<string>() ?? "") == kind.Group)!;
        var version = group["versions"]!.AsArray().Single(v => v!["version"]!.GetValue<string>() == kind.Version)!;
        var entry = version["resources"]!.AsArray().Single(r => r!["resource"]!.GetValue<string>() == kind.Resource)!;
        entry["responseKind"]!["kind"]!.GetValue<string>().ShouldBe(kind.Kind);
        entry["scope"]!.GetValue<string>().ShouldBe(kind.Namespaced ? "Namespaced" : "Cluster");
        entry["singularResource"]!.GetValue<string>().ShouldBe(kind.Singular);
        entry["verbs"]!.AsArray().Select(v => v!.GetValue<string>()).ShouldBe(kind.Verbs);
        var legacy = JsonNode.Parse(docs.Legacy(kind.Group.Length == 0 ? "/api/v1" : $"/apis/{kind.Group}/{kind.Version}")!)!;
        legacy["resources"]!.AsArray().ShouldContain(r => r!["name"]!.GetValue<string>() == kind.Resource && r["kind"]!.GetValue<string>() == kind.Kind);
    }

    private static KubeResource Kind(string key) => KubeResourceRegistry.CreateDefault().Resources.Single(r => Key(r) == key);

    private static string Key(KubeResource r) => $"{r.Group}/{r.Version}/{r.Resource}";
}
