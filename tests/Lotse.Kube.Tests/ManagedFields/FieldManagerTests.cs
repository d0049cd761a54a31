using System.Text.Json.Nodes;
using Lotse.Kube.Errors;
using Lotse.Kube.ManagedFields;

namespace Lotse.Kube.Tests.ManagedFields;

public sealed class FieldManagerTests
{
    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static readonly IReadOnlyDictionary<string, string> ConfigMapLists = Patch.StrategicMergePatch.CommonMergeKeys;

    private static FieldManager Manager(string name, string subresource = "", bool statusIsSubresource = false) =>
        new(name, subresource, "v1", ConfigMapLists, statusIsSubresource);

    private static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    private static JsonArray Entries(JsonObject obj) => obj["metadata"]!["managedFields"]!.AsArray();

    [Fact]
    public void TrackUpdate_Create_RecordsEverythingButServerFields()
    {
        var created = Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"d","uid":"u","creationTimestamp":"x","labels":{"app":"a"}},"data":{"k":"v"}}""");

        Manager("kubectl-create").TrackUpdate(null, created, Now);

        Entries(created).ToJsonString(Relaxed).ShouldBe(
            """[{"apiVersion":"v1","fieldsType":"FieldsV1","fieldsV1":{"f:data":{".":{},"f:k":{}},"f:metadata":{"f:labels":{".":{},"f:app":{}}}},"manager":"kubectl-create","operation":"Update","time":"2026-01-02T03:04:05Z"}]""");
    }

    [Fact]
    public void TrackUpdate_ChangedFieldMovesToNewManager_EmptyEntryRemoved()
    {
        var live = Obj("""{"metadata":{"name":"c"},"data":{"k":"v"}}""");
        Manager("creator").TrackUpdate(null, live, Now);
        var updated = (JsonObject)live.DeepClone();
        updated["data"]!["k"] = "changed";

        Manager("editor").TrackUpdate(live, updated, Now.AddMinutes(1));

        var entries = Entries(updated);
        entries.Select(e => e!["manager"]!.GetValue<string>()).ShouldBe(["creator", "editor"]);
        entries[0]!["fieldsV1"]!.ToJsonString(Relaxed).ShouldBe("""{"f:data":{}}""");
        entries[1]!["fieldsV1"]!.ToJsonString(Relaxed).ShouldBe("""{"f:data":{"f:k":{}}}""");
        entries[1]!["time"]!.GetValue<string>().ShouldBe("2026-01-02T03:05:05Z");
    }

    [Fact]
    public void TrackUpdate_NothingChanged_KeepsEntriesAndTimes()
    {
        var live = Obj("""{"metadata":{"name":"c"},"data":{"k":"v"}}""");
        Manager("creator").TrackUpdate(null, live, Now);
        var updated = (JsonObject)live.DeepClone();
        updated["metadata"]!.AsObject().Remove("managedFields");

        Manager("other").TrackUpdate(live, updated, Now.AddHours(1));

        Entries(updated).ToJsonString(Relaxed).ShouldBe(Entries(live).ToJsonString(Relaxed));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[{}]")]
    public void TrackUpdate_ResetList_ClearsOtherManagers(string reset)
    {
        var live = Obj("""{"metadata":{"name":"c"},"data":{"k":"v"}}""");
        Manager("creator").TrackUpdate(null, live, Now);
        var updated = (JsonObject)live.DeepClone();
        updated["metadata"]!["managedFields"] = JsonNode.Parse(reset);

        Manager("resetter").TrackUpdate(live, updated, Now);

        updated["metadata"]!.AsObject().ContainsKey("managedFields").ShouldBeFalse();
    }

    [Fact]
    public void TrackUpdate_StatusSubresource_RecordsSubresourceAndOnlyStatus()
    {
        var live = Obj("""{"metadata":{"name":"d"},"spec":{"replicas":1},"status":{}}""");
        var updated = Obj("""{"metadata":{"name":"d"},"spec":{"replicas":1},"status":{"replicas":1}}""");

        Manager("controller", "status").TrackUpdate(live, updated, Now);

        var entry = Entries(updated).Single()!;
        entry["subresource"]!.GetValue<string>().ShouldBe("status");
        entry["fieldsV1"]!.ToJsonString(Relaxed).ShouldBe("""{"f:status":{"f:replicas":{}}}""");
    }

    [Fact]
    public void Apply_Create_OwnsAppliedLeavesOnly()
    {
        var config = Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","labels":{"app":"a"}},"data":{"k":"v"}}""");

        var created = Manager("kubectl").Apply(null, config, force: false, Now);

        created["data"]!.ToJsonString(Relaxed).ShouldBe("""{"k":"v"}""");
        Entries(created).ToJsonString(Relaxed).ShouldBe(
            """[{"apiVersion":"v1","fieldsType":"FieldsV1","fieldsV1":{"f:data":{"f:k":{}},"f:metadata":{"f:labels":{"f:app":{}}}},"manager":"kubectl","operation":"Apply","time":"2026-01-02T03:04:05Z"}]""");
    }

    [Fact]
    public void Apply_DroppedKey_PrunedUnlessOwnedElsewhere()
    {
        var applier = Manager("kubectl");
        var live = applier.Apply(null, Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1","b":"2"}}"""), false, Now);

        var next = applier.Apply(live, Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1"}}"""), false, Now);

        next["data"]!.ToJsonString(Relaxed).ShouldBe("""{"a":"1"}""");
        Entries(next).Single()!["fieldsV1"]!.ToJsonString(Relaxed).ShouldBe("""{"f:data":{"f:a":{}}}""");

        var empty = applier.Apply(next, Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"}}"""), false, Now);
        empty.ContainsKey("data").ShouldBeFalse();
    }

    [Fact]
    public void Apply_ValueOwnedByOtherManager_Conflict()
    {
        var live = Manager("kubectl").Apply(null, Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1"}}"""), false, Now);
        var edited = (JsonObject)live.DeepClone();
        edited["data"]!["a"] = "edited";
        Manager("kubectl-edit").TrackUpdate(live, edited, Now);

        var error = Should.Throw<KubeStatusException>(() =>
            Manager("kubectl").Apply(edited, Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"2"}}"""), false, Now));

        error.Status.Code.ShouldBe(409);
        error.Status.Reason.ShouldBe("Conflict");
        error.Status.Message.ShouldBe("Apply failed with 1 conflict: conflict with \"kubectl-edit\" using v1: .data.a");
        error.Status.Causes.ShouldBe([new KubeStatusCause("FieldManagerConflict", "conflict with \"kubectl-edit\" using v1", ".data.a")]);
    }

    [Fact]
    public void Apply_SameValueAsOtherManager_SharedWithoutConflict()
    {
        var live = Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1"}}""");
        Manager("kubectl-create").TrackUpdate(null, live, Now);

        var applied = Manager("kubectl").Apply(live, Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1"}}"""), false, Now);

        Entries(applied).Select(e => e!["manager"]!.GetValue<string>()).ShouldBe(["kubectl", "kubectl-create"]);
    }

    [Fact]
    public void Apply_Force_MovesOwnership()
    {
        var live = Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1","b":"1"}}""");
        Manager("kubectl-create").TrackUpdate(null, live, Now);

        var applied = Manager("kubectl").Apply(live, Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"2"}}"""), force: true, Now);

        applied["data"]!.ToJsonString(Relaxed).ShouldBe("""{"a":"2","b":"1"}""");
        var entries = Entries(applied);
        entries[0]!["fieldsV1"]!.ToJsonString(Relaxed).ShouldBe("""{"f:data":{"f:a":{}}}""");
        entries[1]!["fieldsV1"]!.ToJsonString(Relaxed).ShouldBe("""{"f:data":{".":{},"f:b":{}}}""");
    }

    [Fact]
    public void Apply_TwoConflicts_GroupedByManager()
    {
        var live = Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1","b":"1"}}""");
        Manager("kubectl-create").TrackUpdate(null, live, Now);

        var error = Should.Throw<KubeStatusException>(() =>
            Manager("m").Apply(live, Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"2","b":"2"}}"""), false, Now));

        error.Status.Message.ShouldBe("Apply failed with 2 conflicts: conflicts with \"kubectl-create\" using v1:\n- .data.a\n- .data.b");
    }

    [Fact]
    public void Apply_AfterClientSideApply_KubectlTakesLastAppliedFields()
    {
        var lastApplied = """{"apiVersion":"v1","data":{"a":"1"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"c"}}""";
        var live = Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","annotations":{}},"data":{"a":"1"}}""");
        live["metadata"]!["annotations"]![FieldManager.LastAppliedAnnotation] = lastApplied;
        Manager("kubectl-client-side-apply").TrackUpdate(null, live, Now);

        var applied = Manager("kubectl").Apply(live, Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"2"}}"""), false, Now);

        applied["data"]!["a"]!.GetValue<string>().ShouldBe("2");
        applied["metadata"]!["annotations"]![FieldManager.LastAppliedAnnotation]!.GetValue<string>()
            .ShouldBe("{\"apiVersion\":\"v1\",\"data\":{\"a\":\"2\"},\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"}}\n");
    }

    [Fact]
    public void Apply_MainResourceOfKindWithStatusSubresource_StatusNotOwned()
    {
        var applied = Manager("m", statusIsSubresource: true).Apply(null, Obj("""{"metadata":{"name":"d"},"spec":{"replicas":2},"status":{"replicas":9}}"""), false, Now);

        Entries(applied).Single()!["fieldsV1"]!.ToJsonString(Relaxed).ShouldBe("""{"f:spec":{"f:replicas":{}}}""");
    }
}
