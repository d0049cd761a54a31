using System.Text.Json.Nodes;
using FsCheck.Xunit;
using Lotse.Kube.CustomResources;
using Lotse.Kube.Errors;

namespace Lotse.Kube.Tests.Unit;

public sealed class StructuralSchemaTests
{
    private static StructuralSchema Schema(string json) => new((JsonObject)JsonNode.Parse(json)!);

    private static JsonObject Obj(string json) => (JsonObject)JsonNode.Parse(json)!;

    private static List<string> Errors(StructuralSchema schema, string json)
    {
        var errors = new List<FieldError>();
        schema.Validate(Obj(json), errors);
        return errors.Select(e => e.ToString()).ToList();
    }

    private static readonly StructuralSchema CronTab = Schema("""
        {"type":"object","properties":{
          "spec":{"type":"object","required":["cronSpec"],"properties":{
            "cronSpec":{"type":"string","pattern":"^\\S+( \\S+){4}$","minLength":9,"maxLength":20},
            "image":{"type":"string","default":"busybox"},
            "replicas":{"type":"integer","format":"int32","minimum":1,"maximum":10},
            "ratio":{"type":"number","exclusiveMinimum":true,"minimum":0,"exclusiveMaximum":true,"maximum":1},
            "mode":{"type":"string","enum":["Fast","Slow"]},
            "port":{"x-kubernetes-int-or-string":true},
            "at":{"type":"string","format":"date-time"},
            "note":{"type":"string","nullable":true},
            "tags":{"type":"array","minItems":1,"maxItems":2,"items":{"type":"string"},"x-kubernetes-list-type":"set"},
            "ports":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"],"items":{"type":"object","properties":{"name":{"type":"string"},"port":{"type":"integer","default":80}}}},
            "labels":{"type":"object","additionalProperties":{"type":"string"},"maxProperties":1},
            "extra":{"type":"object","x-kubernetes-preserve-unknown-fields":true},
            "template":{"type":"object","x-kubernetes-embedded-resource":true,"properties":{"spec":{"type":"object","properties":{"x":{"type":"integer"}}}}}
          }},
          "status":{"type":"object","properties":{"replicas":{"type":"integer"}}}
        }}
        """);

    [Fact]
    public void Validate_WrongType_KubeApiServerTypeMessage()
    {
        Errors(CronTab, """{"spec":{"cronSpec":"* * * * *","replicas":"three"}}""")
            .ShouldBe(["spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\""]);
    }

    [Fact]
    public void Validate_RequiredEnumBounds_UpstreamMessages()
    {
        Errors(CronTab, """{"spec":{"replicas":0,"ratio":1,"mode":"Medium"}}""").ShouldBe(
        [
            "spec.cronSpec: Required value",
            "spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1",
            "spec.ratio: Invalid value: 1: spec.ratio in body should be less than 1",
            "spec.mode: Unsupported value: \"Medium\": supported values: \"Fast\", \"Slow\"",
        ]);
    }

    [Fact]
    public void Validate_StringRules_LengthAndPattern()
    {
        Errors(CronTab, """{"spec":{"cronSpec":"* *"}}""").ShouldBe(
        [
            "spec.cronSpec: Invalid value: \"* *\": spec.cronSpec in body should be at least 9 chars long",
            "spec.cronSpec: Invalid value: \"* *\": spec.cronSpec in body should match '^\\S+( \\S+){4}$'",
        ]);
        Errors(CronTab, """{"spec":{"cronSpec":"1 2 3 4 5 6 7 8 9 10 11"}}""").ShouldContain("spec.cronSpec: Too long: may not be more than 20 bytes");
    }

    [Fact]
    public void Validate_ArraysAndMaps_ItemsListTypesAndProperties()
    {
        Errors(CronTab, """{"spec":{"cronSpec":"* * * * *","tags":["a","a","b"],"ports":[{"name":"http"},{"name":"http","port":1}],"labels":{"a":"1","b":2}}}""").ShouldBe(
        [
            "spec.tags: Too many: 3: must have at most 2 items",
            "spec.tags[1]: Duplicate value: \"a\"",
            "spec.ports[1]: Duplicate value: map[string]interface {}{\"name\":\"http\"}",
            "spec.labels: Too many: 2: must have at most 1 items",
            "spec.labels.b: Invalid value: \"integer\": spec.labels.b in body must be of type string: \"integer\"",
        ]);
        Errors(CronTab, """{"spec":{"cronSpec":"* * * * *","tags":[]}}""").ShouldBe(["spec.tags: Invalid value: 0: spec.tags in body should have at least 1 items"]);
    }

    [Fact]
    public void Validate_IntOrStringNullableFormats()
    {
        Errors(CronTab, """{"spec":{"cronSpec":"* * * * *","port":"http","note":null}}""").ShouldBeEmpty();
        Errors(CronTab, """{"spec":{"cronSpec":"* * * * *","port":8080}}""").ShouldBeEmpty();
        Errors(CronTab, """{"spec":{"cronSpec":"* * * * *","port":true,"image":null,"replicas":3000000000,"at":"yesterday"}}""").ShouldBe(
        [
            "spec.port: Invalid value: \"boolean\": spec.port in body must be of type integer,string: \"boolean\"",
            "spec.image: Invalid value: \"null\": spec.image in body must be of type string: \"null\"",
            "spec.replicas: Invalid value: 3000000000: spec.replicas in body must be of type int32: \"3000000000\"",
            "spec.replicas: Invalid value: 3000000000: spec.replicas in body should be less than or equal to 10",
            "spec.at: Invalid value: \"yesterday\": spec.at in body must be of type date-time: \"yesterday\"",
        ]);
    }

    [Fact]
    public void Validate_EmbeddedResource_NeedsApiVersionAndKind()
    {
        Errors(CronTab, """{"spec":{"cronSpec":"* * * * *","template":{"spec":{"x":1}}}}""").ShouldBe(
        [
            "spec.template.apiVersion: Required value: must not be empty",
            "spec.template.kind: Required value: must not be empty",
        ]);
    }

    [Fact]
    public void Prune_UnknownFields_RemovedAndReported()
    {
        var obj = Obj("""
            {"apiVersion":"x/v1","kind":"CronTab","metadata":{"name":"a"},"top":1,
             "spec":{"cronSpec":"* * * * *","colour":"blue","extra":{"anything":{"goes":1}},
               "ports":[{"name":"a","bogus":true}],"labels":{"free":"x"},
               "template":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","junk":1},"spec":{"x":1,"y":2}}}}
            """);
        CronTab.Prune(obj).ShouldBe(["top", "spec.colour", "spec.ports[0].bogus", "spec.template.metadata.junk", "spec.template.spec.y"]);
        obj.ToJsonString().ShouldBe("""{"apiVersion":"x/v1","kind":"CronTab","metadata":{"name":"a"},"spec":{"cronSpec":"* * * * *","extra":{"anything":{"goes":1}},"ports":[{"name":"a"}],"labels":{"free":"x"},"template":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"x":1}}}}""");
    }

    [Fact]
    public void Default_MissingFields_FilledInsideObjectsAndArrayItems()
    {
        var obj = Obj("""{"spec":{"cronSpec":"* * * * *","ports":[{"name":"a"},{"name":"b","port":8080}]}}""");
        CronTab.Default(obj);
        obj["spec"]!["image"]!.GetValue<string>().ShouldBe("busybox");
        obj["spec"]!["ports"]![0]!["port"]!.GetValue<int>().ShouldBe(80);
        obj["spec"]!["ports"]![1]!["port"]!.GetValue<int>().ShouldBe(8080);
        var noSpec = Obj("{}");
        CronTab.Default(noSpec);
        noSpec.ToJsonString().ShouldBe("{}");
    }

    [Fact]
    public void StructuralRules_UntypedFieldAndUniqueItems_Refused()
    {
        var errors = new List<FieldError>();
        StructuralSchemaRules.ValidateRoot(Obj("""{"type":"object","properties":{"a":{"properties":{"b":{"type":"string"}}},"c":{"type":"array","uniqueItems":true,"items":{"type":"string"}},"d":{"x-kubernetes-int-or-string":true}}}"""), "s", errors);
        errors.Select(e => e.ToString()).ShouldBe(
        [
            "s.properties[a].type: Required value: must not be empty for specified object fields",
            "s.properties[c].uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic",
        ]);
    }

    [Fact]
    public void SimpleJsonPath_NamesIndexesAndWildcards()
    {
        var obj = Obj("""{"spec":{"items":[{"n":"a"},{"n":"b"}]}}""");
        SimpleJsonPath.Evaluate(obj, ".spec.items[1].n").Single()!.GetValue<string>().ShouldBe("b");
        SimpleJsonPath.Evaluate(obj, ".spec.items[*].n").Select(n => n!.GetValue<string>()).ShouldBe(["a", "b"]);
        SimpleJsonPath.Evaluate(obj, ".spec.missing").ShouldBeEmpty();
        SimpleJsonPath.IsValid(".spec.items[0].n").ShouldBeTrue();
        SimpleJsonPath.IsValid("spec.items").ShouldBeFalse();
        SimpleJsonPath.AsFieldPath(".spec.replicas").ShouldBe("spec.replicas");
    }

    [Fact]
    public void KubeVersionComparer_GaBeforeBetaBeforeAlpha()
    {
        new[] { "v1alpha1", "foo", "v1beta1", "v2", "v1", "v1beta2" }.OrderBy(v => v, KubeVersionComparer.Instance)
            .ShouldBe(["v2", "v1", "v1beta2", "v1beta1", "v1alpha1", "foo"]);
    }

    /// <summary>Pruning leaves only what the schema names: a second prune finds nothing, and defaulting twice changes nothing.</summary>
    [Property(MaxTest = 200)]
    public void PruneAndDefault_RandomObjects_Idempotent(int seed)
    {
        var random = new Random(seed);
        var obj = RandomJson.Object(random);
        obj["spec"] = RandomJson.Object(random);
        CronTab.Prune(obj);
        CronTab.Prune(obj).ShouldBeEmpty();
        CronTab.Default(obj);
        var once = obj.ToJsonString();
        CronTab.Default(obj);
        obj.ToJsonString().ShouldBe(once);
        CronTab.Prune(obj).ShouldBeEmpty();
    }
}
