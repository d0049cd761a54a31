using System.Text.Json.Nodes;
using FsCheck.Xunit;
using Lotse.Kube.Patch;

namespace Lotse.Kube.Tests.Unit;

public sealed class JsonPatchTests
{
    private static JsonNode? Apply(string doc, string patch) =>
        JsonPatch.Apply(JsonNode.Parse(doc), JsonPatch.ParseOperations(JsonNode.Parse(patch)));

    [Theory]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux"}]""", """{"foo":"bar","baz":"qux"}""")]
    [InlineData("""{"foo":["bar","baz"]}""", """[{"op":"add","path":"/foo/1","value":"qux"}]""", """{"foo":["bar","qux","baz"]}""")]
    [InlineData("""{"foo":["bar"]}""", """[{"op":"add","path":"/foo/-","value":"x"}]""", """{"foo":["bar","x"]}""")]
    [InlineData("""{"baz":"qux","foo":"bar"}""", """[{"op":"remove","path":"/baz"}]""", """{"foo":"bar"}""")]
    [InlineData("""{"foo":["bar","qux","baz"]}""", """[{"op":"remove","path":"/foo/1"}]""", """{"foo":["bar","baz"]}""")]
    [InlineData("""{"baz":"qux","foo":"bar"}""", """[{"op":"replace","path":"/baz","value":"boo"}]""", """{"baz":"boo","foo":"bar"}""")]
    [InlineData("""{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}""", """[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]""", """{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}""")]
    [InlineData("""{"foo":["all","grass","cows","eat"]}""", """[{"op":"move","from":"/foo/1","path":"/foo/3"}]""", """{"foo":["all","cows","eat","grass"]}""")]
    [InlineData("""{"a":{"b":1}}""", """[{"op":"copy","from":"/a","path":"/c"}]""", """{"a":{"b":1},"c":{"b":1}}""")]
    [InlineData("""{"baz":"qux","foo":["a",2,"c"]}""", """[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]""", """{"baz":"qux","foo":["a",2,"c"]}""")]
    [InlineData("""{"/":9,"~1":10}""", """[{"op":"test","path":"/~01","value":10},{"op":"replace","path":"/~1","value":1}]""", """{"/":1,"~1":10}""")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/child","value":{"grandchild":{}}}]""", """{"foo":"bar","child":{"grandchild":{}}}""")]
    public void Apply_Rfc6902Examples_ProduceExpectedDocument(string doc, string patch, string expected)
    {
        var result = Apply(doc, patch);
        JsonNode.DeepEquals(result, JsonNode.Parse(expected)).ShouldBeTrue(result?.ToJsonString());
    }

    [Theory]
    [InlineData("""{"baz":"qux"}""", """[{"op":"test","path":"/baz","value":"bar"}]""", "testing value /baz failed: test failed")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz/bat","value":"qux"}]""", "add operation does not apply: doc is missing path: \"/baz/bat\": missing value")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"remove","path":"/nope"}]""", "remove operation does not apply: doc is missing path: \"/nope\": missing value")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"replace","path":"/nope","value":1}]""", "replace operation does not apply: doc is missing path: \"/nope\": missing value")]
    [InlineData("""{"foo":[1]}""", """[{"op":"add","path":"/foo/5","value":1}]""", "add operation does not apply: doc is missing path: \"/foo/5\": invalid index referenced")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"frob","path":"/foo"}]""", "Unexpected kind: frob")]
    public void Apply_Failing_ThrowsWithReason(string doc, string patch, string message)
    {
        Should.Throw<PatchException>(() => Apply(doc, patch)).Message.ShouldBe(message);
    }

    [Fact]
    public void Apply_FailingLaterOperation_LeavesInputUntouched()
    {
        var doc = JsonNode.Parse("""{"a":1}""");
        Should.Throw<PatchException>(() => JsonPatch.Apply(doc, JsonPatch.ParseOperations(JsonNode.Parse("""[{"op":"add","path":"/b","value":2},{"op":"test","path":"/a","value":3}]"""))));
        doc!.ToJsonString().ShouldBe("""{"a":1}""");
    }

    [Fact]
    public void ParseOperations_NotAnArray_FormatException()
    {
        Should.Throw<FormatException>(() => JsonPatch.ParseOperations(JsonNode.Parse("""{"op":"add"}""")));
    }

    [Property(MaxTest = 200)]
    public bool AddThenRemove_AnyObjectAndNewKey_RoundTrips(int seed)
    {
        var doc = RandomJson.Object(new Random(seed));
        doc.Remove("zz");
        var patch = JsonPatch.ParseOperations(JsonNode.Parse("""[{"op":"add","path":"/zz","value":{"x":[1,2]}},{"op":"remove","path":"/zz"}]"""));
        return JsonNode.DeepEquals(JsonPatch.Apply(doc, patch), doc);
    }

    [Property(MaxTest = 200)]
    public bool ReplaceEveryKey_WithTestOfOldValue_Succeeds(int seed)
    {
        var doc = RandomJson.Object(new Random(seed));
        var ops = new JsonArray();
        foreach (var (key, value) in doc)
        {
            var pointer = "/" + key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
            ops.Add(new JsonObject { ["op"] = "test", ["path"] = pointer, ["value"] = value?.DeepClone() });
            ops.Add(new JsonObject { ["op"] = "replace", ["path"] = pointer, ["value"] = "r" });
        }

        var result = JsonPatch.Apply(doc, ops) as JsonObject;
        return result is not null && result.Count == doc.Count && result.All(p => p.Value?.GetValue<string>() == "r");
    }
}
