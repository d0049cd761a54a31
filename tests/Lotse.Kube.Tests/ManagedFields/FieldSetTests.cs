using System.Text.Json.Nodes;
using FsCheck.Xunit;
using Lotse.Kube.ManagedFields;
using Lotse.Kube.Tests.Unit;

namespace Lotse.Kube.Tests.ManagedFields;

public sealed class FieldSetTests
{
    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly ObjectFields PodLists = new(new Dictionary<string, string>
    {
        ["spec.containers"] = "name",
        ["spec.containers.ports"] = "containerPort",
        ["metadata.finalizers"] = "",
    });

    [Fact]
    public void FieldsV1_MemberWithChildren_MarkedByDot()
    {
        var set = new FieldSet(
        [
            FieldPath.Fields("metadata", "labels", "app"),
            FieldPath.Fields("data"),
            FieldPath.Fields("data", "k"),
        ]);

        set.ToFieldsV1().ToJsonString(Relaxed).ShouldBe("""{"f:data":{".":{},"f:k":{}},"f:metadata":{"f:labels":{"f:app":{}}}}""");
    }

    [Fact]
    public void FromFieldsV1_KeysValuesAndIndices_ReadBack()
    {
        var json = JsonNode.Parse("""{"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:image":{}}}},"f:metadata":{"f:finalizers":{"v:\"x\"":{}}},"f:args":{"i:0":{}}}""");

        var set = FieldSet.FromFieldsV1(json);

        set.Paths.Select(p => p.ToString()).ShouldBe(
            [".args[0]", ".metadata.finalizers[=\"x\"]", ".spec.containers[name=\"web\"]", ".spec.containers[name=\"web\"].image"]);
        set.ToFieldsV1().ToJsonString(Relaxed).ShouldBe("""{"f:args":{"i:0":{}},"f:metadata":{"f:finalizers":{"v:\"x\"":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:image":{}}}}}""");
    }

    [Theory]
    [InlineData("""{"x:a":{}}""")]
    [InlineData("""{"f:a":1}""")]
    [InlineData("""{"k:notjson":{}}""")]
    [InlineData("""[]""")]
    public void FromFieldsV1_NotAFieldSet_Refused(string json) =>
        Should.Throw<FormatException>(() => FieldSet.FromFieldsV1(JsonNode.Parse(json)));

    [Fact]
    public void SetOperations_ExactPaths()
    {
        var a = new FieldSet([FieldPath.Fields("data", "a"), FieldPath.Fields("data", "b")]);
        var b = new FieldSet([FieldPath.Fields("data", "b"), FieldPath.Fields("data", "c")]);

        a.Union(b).Paths.Select(p => p.ToString()).ShouldBe([".data.a", ".data.b", ".data.c"]);
        a.Intersection(b).Paths.Select(p => p.ToString()).ShouldBe([".data.b"]);
        a.Difference(b).Paths.Select(p => p.ToString()).ShouldBe([".data.a"]);
    }

    [Fact]
    public void ToFieldSet_AssociativeAndSetLists_ItemsAreMembers()
    {
        var config = JsonNode.Parse("""
            {"metadata":{"name":"p","finalizers":["a"]},"spec":{"containers":[{"name":"web","image":"nginx","ports":[{"containerPort":80}],"args":["x"]}]}}
            """)!.AsObject();

        var set = PodLists.ToFieldSet(config);

        set.ToFieldsV1().ToJsonString(Relaxed).ShouldBe(
            """{"f:metadata":{"f:finalizers":{"v:\"a\"":{}},"f:name":{}},"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:args":{},"f:image":{},"f:name":{},"f:ports":{"k:{\"containerPort\":80}":{".":{},"f:containerPort":{}}}}}}}""");
    }

    [Fact]
    public void Compare_NewMapAndChangedValue_AddedAndModified()
    {
        var before = JsonNode.Parse("""{"metadata":{"name":"c"},"data":{"a":"1","b":"2"}}""")!.AsObject();
        var after = JsonNode.Parse("""{"metadata":{"name":"c","labels":{"app":"x"}},"data":{"a":"9"}}""")!.AsObject();

        var comparison = PodLists.Compare(before, after);

        comparison.Added.ToString().ShouldBe("""{"f:metadata":{"f:labels":{".":{},"f:app":{}}}}""");
        comparison.Modified.ToString().ShouldBe("""{"f:data":{"f:a":{}}}""");
        comparison.Removed.ToString().ShouldBe("""{"f:data":{"f:b":{}}}""");
    }

    [Fact]
    public void Compare_AssociativeListItems_ByMergeKeyNotPosition()
    {
        var before = JsonNode.Parse("""{"spec":{"containers":[{"name":"a","image":"1"},{"name":"b","image":"1"}]}}""")!.AsObject();
        var after = JsonNode.Parse("""{"spec":{"containers":[{"name":"b","image":"2"},{"name":"a","image":"1"}]}}""")!.AsObject();

        var comparison = PodLists.Compare(before, after);

        comparison.Added.IsEmpty.ShouldBeTrue();
        comparison.Removed.IsEmpty.ShouldBeTrue();
        comparison.Modified.Paths.Single().ToString().ShouldBe(".spec.containers[name=\"b\"].image");
    }

    [Fact]
    public void Merge_AssociativeListMergesItems_AtomicListReplaced()
    {
        var live = JsonNode.Parse("""{"spec":{"containers":[{"name":"a","image":"1","imagePullPolicy":"Always","args":["x","y"]}]}}""")!.AsObject();
        var config = JsonNode.Parse("""{"spec":{"containers":[{"name":"a","image":"2","args":["z"]},{"name":"b","image":"3"}]}}""")!.AsObject();

        var merged = PodLists.Merge(live, config);

        merged.ToJsonString(Relaxed).ShouldBe("""{"spec":{"containers":[{"name":"a","image":"2","imagePullPolicy":"Always","args":["z"]},{"name":"b","image":"3"}]}}""");
    }

    [Property(MaxTest = 200)]
    public void Property_SetAlgebra(int seedA, int seedB)
    {
        var a = PodLists.ToFieldSet(RandomJson.Object(new Random(seedA)));
        var b = PodLists.ToFieldSet(RandomJson.Object(new Random(seedB)));

        var union = a.Union(b);
        var intersection = a.Intersection(b);
        var difference = a.Difference(b);

        a.Paths.ShouldAllBe(p => union.Has(p));
        b.Paths.ShouldAllBe(p => union.Has(p));
        intersection.Paths.ShouldAllBe(p => a.Has(p) && b.Has(p));
        difference.Intersection(b).IsEmpty.ShouldBeTrue();
        difference.Union(intersection).ShouldBe(a);
        union.Count.ShouldBe(a.Count + b.Count - intersection.Count);
    }

    [Property(MaxTest = 200)]
    public void Property_FieldsV1RoundTrip(int seed)
    {
        var before = RandomJson.Object(new Random(seed));
        var after = RandomJson.Object(new Random(seed + 1));
        var comparison = PodLists.Compare(before, after);
        var set = comparison.Added.Union(comparison.Modified).Union(comparison.Removed).Union(PodLists.ToFieldSet(after));

        FieldSet.FromFieldsV1(JsonNode.Parse(set.ToFieldsV1().ToJsonString())).ShouldBe(set);
    }

    [Property(MaxTest = 200)]
    public void Property_CompareOfSameObject_IsEmpty(int seed)
    {
        var obj = RandomJson.Object(new Random(seed));

        PodLists.Compare(obj, (JsonObject)obj.DeepClone()).IsSame.ShouldBeTrue();
    }
}
