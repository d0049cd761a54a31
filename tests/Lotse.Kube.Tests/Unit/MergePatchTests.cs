using System.Text.Json.Nodes;
using FsCheck.Xunit;
using Lotse.Kube.Patch;

namespace Lotse.Kube.Tests.Unit;

public sealed class MergePatchTests
{
    [Property(MaxTest = 300)]
    public bool CreateDiffThenApply_AnyTwoObjects_YieldsTarget(int seedA, int seedB)
    {
        var a = RandomJson.Object(new Random(seedA));
        var b = RandomJson.Object(new Random(seedB));
        var patch = MergePatch.CreateDiff(a, b);
        return JsonNode.DeepEquals(MergePatch.Apply(a, patch), b);
    }

    [Property(MaxTest = 200)]
    public bool Apply_SamePatchTwice_Idempotent(int seedA, int seedP)
    {
        var a = RandomJson.Object(new Random(seedA));
        var patch = RandomJson.Object(new Random(seedP), allowNullValues: true);
        var once = MergePatch.Apply(a, patch);
        return JsonNode.DeepEquals(MergePatch.Apply(once, patch), once);
    }

    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"a":null}""", """{}""")]
    [InlineData("""{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""")]
    [InlineData("""{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"c"}""", """{"a":["b"]}""", """{"a":["b"]}""")]
    [InlineData("""{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""")]
    [InlineData("""{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""")]
    [InlineData("""{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""")]
    [InlineData("""{}""", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""")]
    public void Apply_Rfc7386Examples_MatchAppendixA(string target, string patch, string expected)
    {
        var result = MergePatch.Apply(JsonNode.Parse(target), JsonNode.Parse(patch));
        JsonNode.DeepEquals(result, JsonNode.Parse(expected)).ShouldBeTrue(result?.ToJsonString());
    }
}
