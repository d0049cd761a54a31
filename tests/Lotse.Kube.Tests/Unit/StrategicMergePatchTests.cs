using System.Text.Json.Nodes;
using FsCheck.Xunit;
using Lotse.Kube.Patch;

namespace Lotse.Kube.Tests.Unit;

public sealed class StrategicMergePatchTests
{
    private static readonly Dictionary<string, string> ServiceKeys = new(StrategicMergePatch.CommonMergeKeys) { ["spec.ports"] = "port" };

    private static string Apply(string original, string patch) =>
        StrategicMergePatch.Apply(JsonNode.Parse(original)!.AsObject(), JsonNode.Parse(patch)!.AsObject(), ServiceKeys).ToJsonString();

    [Fact]
    public void Apply_ListWithMergeKey_MergesItemsByKey()
    {
        Apply("""{"spec":{"ports":[{"port":80,"name":"http"},{"port":443,"name":"https"}]}}""", """{"spec":{"ports":[{"port":443,"targetPort":8443},{"port":9090}]}}""")
            .ShouldBe("""{"spec":{"ports":[{"port":80,"name":"http"},{"port":443,"name":"https","targetPort":8443},{"port":9090}]}}""");
    }

    [Fact]
    public void Apply_DeleteDirectiveInList_RemovesItem()
    {
        Apply("""{"spec":{"ports":[{"port":80},{"port":443}]}}""", """{"spec":{"ports":[{"port":80,"$patch":"delete"}]}}""")
            .ShouldBe("""{"spec":{"ports":[{"port":443}]}}""");
    }

    [Fact]
    public void Apply_ReplaceDirectiveInList_ReplacesWholeList()
    {
        Apply("""{"spec":{"ports":[{"port":80},{"port":443}]}}""", """{"spec":{"ports":[{"port":8080},{"$patch":"replace"}]}}""")
            .ShouldBe("""{"spec":{"ports":[{"port":8080}]}}""");
    }

    [Fact]
    public void Apply_ListWithoutMergeKey_Replaced()
    {
        Apply("""{"spec":{"externalIPs":["1.1.1.1"]}}""", """{"spec":{"externalIPs":["2.2.2.2"]}}""")
            .ShouldBe("""{"spec":{"externalIPs":["2.2.2.2"]}}""");
    }

    [Fact]
    public void Apply_PrimitiveMergeList_UnionAndDeleteFromPrimitiveList()
    {
        Apply("""{"metadata":{"finalizers":["a","b"]}}""", """{"metadata":{"finalizers":["c"],"$deleteFromPrimitiveList/finalizers":["a"]}}""")
            .ShouldBe("""{"metadata":{"finalizers":["b","c"]}}""");
    }

    [Fact]
    public void Apply_SetElementOrder_ReordersMergedList()
    {
        Apply("""{"spec":{"ports":[{"port":80},{"port":443}]}}""", """{"spec":{"$setElementOrder/ports":[{"port":443},{"port":80}]}}""")
            .ShouldBe("""{"spec":{"ports":[{"port":443},{"port":80}]}}""");
    }

    [Fact]
    public void Apply_MapReplaceDirective_ReplacesMap()
    {
        Apply("""{"data":{"a":"1","b":"2"}}""", """{"data":{"c":"3","$patch":"replace"}}""").ShouldBe("""{"data":{"c":"3"}}""");
    }

    [Fact]
    public void Apply_RetainKeys_DropsOtherKeys()
    {
        Apply("""{"spec":{"a":1,"b":2,"c":3}}""", """{"spec":{"$retainKeys":["a","d"],"d":4}}""").ShouldBe("""{"spec":{"a":1,"d":4}}""");
    }

    [Fact]
    public void Apply_NullValue_DeletesLikeMergePatch()
    {
        Apply("""{"data":{"a":"1","b":"2"}}""", """{"data":{"a":null}}""").ShouldBe("""{"data":{"b":"2"}}""");
    }

    [Fact]
    public void Apply_MissingMergeKey_Throws()
    {
        Should.Throw<PatchException>(() => Apply("""{"spec":{"ports":[{"port":80}]}}""", """{"spec":{"ports":[{"name":"x"}]}}"""))
            .Message.ShouldContain("does not contain declared merge key: port");
    }

    [Property(MaxTest = 300)]
    public bool Apply_NoMergeKeyListsOrDirectives_SameAsMergePatch(int seedA, int seedP)
    {
        var original = RandomJson.Object(new Random(seedA));
        var patch = RandomJson.Object(new Random(seedP), allowNullValues: true);
        var strategic = StrategicMergePatch.Apply(original, patch, ServiceKeys);
        return JsonNode.DeepEquals(strategic, MergePatch.Apply(original, patch));
    }
}
