using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class CustomResourceDefinitionStrategyTests(KubeServerFixture server)
    : StrategyTestBase(server, "customresourcedefinitions", "apiextensions.k8s.io/v1", clusterScoped: true)
{
    private static string NewGroup() => $"g{Guid.NewGuid():N}"[..10] + ".example.com";

    private const string DefaultVersions = """[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object","properties":{"spec":{"type":"object","properties":{"size":{"type":"integer"}}}}}}}]""";

    private static string Widget(string group, string scope = "Namespaced", string? versions = null) =>
        "{\"metadata\":{\"name\":\"widgets." + group + "\"},\"spec\":{\"group\":\"" + group + "\",\"scope\":\"" + scope
        + "\",\"names\":{\"plural\":\"widgets\",\"kind\":\"Widget\",\"shortNames\":[\"wd\"]},\"versions\":" + (versions ?? DefaultVersions) + "}}";

    [Fact]
    public async Task Create_Valid_DefaultsNamesAndEstablishes()
    {
        var group = NewGroup();
        var created = await CreateOkAsync("", Widget(group));
        created["spec"]!["names"]!["singular"]!.GetValue<string>().ShouldBe("widget");
        created["spec"]!["names"]!["listKind"]!.GetValue<string>().ShouldBe("WidgetList");
        created["spec"]!["conversion"]!["strategy"]!.GetValue<string>().ShouldBe("None");
        created["metadata"]!["generation"]!.GetValue<long>().ShouldBe(1);
        var status = created["status"]!;
        status["acceptedNames"]!["plural"]!.GetValue<string>().ShouldBe("widgets");
        status["storedVersions"]!.AsArray().Select(v => v!.GetValue<string>()).ShouldBe(["v1"]);
        var conditions = status["conditions"]!.AsArray();
        conditions.Select(c => $"{c!["type"]}={c["status"]}/{c["reason"]}").ShouldBe(["NamesAccepted=True/NoConflicts", "Established=True/InitialNamesAccepted"]);

        (await ColumnsAsync("")).ShouldBe(["Name", "Created At"]);
        var row = await RowAsync("", $"widgets.{group}");
        row[0]!.GetValue<string>().ShouldBe($"widgets.{group}");
        row[1]!.GetValue<string>().ShouldBe(created["metadata"]!["creationTimestamp"]!.GetValue<string>());

        var (code, list, _) = await Http.GetJsonAsync($"apis/{group}/v1/widgets");
        code.ShouldBe(200, list?.ToJsonString());
        list!["kind"]!.GetValue<string>().ShouldBe("WidgetList");
        await DeleteAsync(group);
    }

    [Fact]
    public async Task Create_NameNotPluralDotGroup_Invalid()
    {
        var group = NewGroup();
        var status = await CreateInvalidAsync("", Widget(group).Replace($"\"name\":\"widgets.{group}\"", "\"name\":\"gadgets.example.com\"", StringComparison.Ordinal));
        status["message"]!.GetValue<string>().ShouldBe("CustomResourceDefinition.apiextensions.k8s.io \"gadgets.example.com\" is invalid: metadata.name: Invalid value: \"gadgets.example.com\": must be spec.names.plural+\".\"+spec.group");
    }

    [Fact]
    public async Task Create_GroupWithoutDotAndBadScope_Invalid()
    {
        var body = """{"metadata":{"name":"widgets.example"},"spec":{"group":"example","scope":"Global","names":{"plural":"widgets","kind":"Widget"},"versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object"}}}]}}""";
        var status = await CreateInvalidAsync("", body);
        status["message"]!.GetValue<string>().ShouldBe("CustomResourceDefinition.apiextensions.k8s.io \"widgets.example\" is invalid: [spec.group: Invalid value: \"example\": should be a domain with at least one dot, spec.scope: Unsupported value: \"Global\": supported values: \"Cluster\", \"Namespaced\"]");
    }

    [Fact]
    public async Task Create_VersionsWithoutSingleStorage_Invalid()
    {
        var group = NewGroup();
        var versions = """[{"name":"v1","served":true,"storage":false,"schema":{"openAPIV3Schema":{"type":"object"}}}]""";
        var status = await CreateInvalidAsync("", Widget(group, versions: versions));
        status["message"]!.GetValue<string>().ShouldEndWith(": must have exactly one version marked as storage version");
        status["details"]!["causes"]![0]!["field"]!.GetValue<string>().ShouldBe("spec.versions");
    }

    [Fact]
    public async Task Create_SchemaMissingOrNotStructural_Invalid()
    {
        var group = NewGroup();
        var versions = """[{"name":"v1","served":true,"storage":true},{"name":"v2","served":true,"storage":false,"schema":{"openAPIV3Schema":{"type":"object","properties":{"spec":{"properties":{"size":{"type":"integer"}}}}}}}]""";
        var status = await CreateInvalidAsync("", Widget(group, versions: versions));
        status["message"]!.GetValue<string>().ShouldBe($"CustomResourceDefinition.apiextensions.k8s.io \"widgets.{group}\" is invalid: [spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required, spec.versions[1].schema.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields]");
    }

    [Fact]
    public async Task Create_RootNotObjectAndBadPrinterColumn_Invalid()
    {
        var group = NewGroup();
        var versions = """[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"string"}},"additionalPrinterColumns":[{"name":"Size","type":"size","jsonPath":".spec.size"}]}]""";
        var status = await CreateInvalidAsync("", Widget(group, versions: versions));
        status["message"]!.GetValue<string>().ShouldBe($"CustomResourceDefinition.apiextensions.k8s.io \"widgets.{group}\" is invalid: [spec.versions[0].schema.openAPIV3Schema.type: Invalid value: \"string\": must be object at the root, spec.versions[0].additionalPrinterColumns[0].type: Unsupported value: \"size\": supported values: \"boolean\", \"date\", \"integer\", \"number\", \"string\"]");
    }

    [Fact]
    public async Task Create_ProtectedGroupWithoutApproval_Invalid()
    {
        var status = await CreateInvalidAsync("", Widget("things.k8s.io"));
        status["message"]!.GetValue<string>().ShouldBe("CustomResourceDefinition.apiextensions.k8s.io \"widgets.things.k8s.io\" is invalid: metadata.annotations[api-approved.kubernetes.io]: Required value: protected groups must have approval annotation \"api-approved.kubernetes.io\", see https://github.com/kubernetes/enhancements/pull/1111");
    }

    [Fact]
    public async Task Create_UpperCasePlural_Invalid()
    {
        var body = """{"metadata":{"name":"Widgets.example.com"},"spec":{"group":"example.com","scope":"Cluster","names":{"plural":"Widgets","kind":"Widget"},"versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object"}}}]}}""";
        var status = await CreateInvalidAsync("", body);
        status["details"]!["causes"]!.AsArray().Select(c => c!["field"]!.GetValue<string>()).ShouldContain("spec.names.plural");
    }

    [Fact]
    public async Task Create_NameConflictInGroup_NamesNotAcceptedAndNotServed()
    {
        var group = NewGroup();
        await CreateOkAsync("", Widget(group));
        var clash = Widget(group).Replace("widgets", "gadgets", StringComparison.Ordinal).Replace("\"Widget\"", "\"Gadget\"", StringComparison.Ordinal);
        var created = await CreateOkAsync("", clash);
        var conditions = created["status"]!["conditions"]!.AsArray();
        conditions.Select(c => $"{c!["type"]}={c["status"]}/{c["reason"]}").ShouldBe(["NamesAccepted=False/NameConflict", "Established=False/NotAccepted"]);
        conditions[0]!["message"]!.GetValue<string>().ShouldBe("\"wd\" is already in use");
        (await Http.GetJsonAsync($"apis/{group}/v1/gadgets")).Code.ShouldBe(404);
        (await Http.SendJsonAsync(HttpMethod.Delete, $"{Collection("")}/gadgets.{group}")).Code.ShouldBe(200);
        await DeleteAsync(group);
    }

    [Fact]
    public async Task Update_GroupChangeAndScopeChange_Immutable()
    {
        var group = NewGroup();
        await CreateOkAsync("", Widget(group));
        var (code, status, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection("")}/widgets.{group}", """{"spec":{"scope":"Cluster"}}""", "application/merge-patch+json");
        code.ShouldBe(422, status?.ToJsonString());
        status!["message"]!.GetValue<string>().ShouldBe($"CustomResourceDefinition.apiextensions.k8s.io \"widgets.{group}\" is invalid: spec.scope: Invalid value: \"Cluster\": field is immutable");
        await DeleteAsync(group);
    }

    [Fact]
    public async Task Update_NewStorageVersion_StoredVersionsAccumulateAndGenerationBumps()
    {
        var group = NewGroup();
        await CreateOkAsync("", Widget(group));
        var versions = """[{"name":"v1","served":true,"storage":false,"schema":{"openAPIV3Schema":{"type":"object"}}},{"name":"v2","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object"}}}]""";
        var (code, updated, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection("")}/widgets.{group}", "{\"spec\":{\"versions\":" + versions + "}}", "application/merge-patch+json");
        code.ShouldBe(200, updated?.ToJsonString());
        updated!["status"]!["storedVersions"]!.AsArray().Select(v => v!.GetValue<string>()).ShouldBe(["v1", "v2"]);
        updated["metadata"]!["generation"]!.GetValue<long>().ShouldBe(2);
        await DeleteAsync(group);
    }

    [Fact]
    public async Task Create_VersionsNotAnArray_DecodeError()
    {
        var (code, status, _) = await Http.PostJsonAsync(Collection(""), """{"metadata":{"name":"x.example.com"},"spec":{"versions":"v1"}}""");
        code.ShouldBe(400);
        status!["message"]!.GetValue<string>().ShouldBe("CustomResourceDefinition in version \"v1\" cannot be handled as a CustomResourceDefinition: json: cannot unmarshal string into Go struct field CustomResourceDefinitionSpec.spec.versions of type []v1.CustomResourceDefinitionVersion");
    }

    [Fact]
    public async Task Discovery_EstablishedCrd_ListedInAggregatedAndLegacyDiscovery()
    {
        var group = NewGroup();
        await CreateOkAsync("", Widget(group, scope: "Cluster"));
        var (_, aggregated, _) = await Http.GetJsonAsync("apis", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
        var entry = aggregated!["items"]!.AsArray().Single(g => g!["metadata"]!["name"]?.GetValue<string>() == group)!["versions"]![0]!["resources"]![0]!;
        entry["resource"]!.GetValue<string>().ShouldBe("widgets");
        entry["scope"]!.GetValue<string>().ShouldBe("Cluster");
        entry["shortNames"]!.AsArray().Select(s => s!.GetValue<string>()).ShouldBe(["wd"]);
        var (_, groupList, _) = await Http.GetJsonAsync("apis");
        groupList!["groups"]!.AsArray().ShouldContain(g => g!["name"]!.GetValue<string>() == group);
        var (code, resources, _) = await Http.GetJsonAsync($"apis/{group}/v1");
        code.ShouldBe(200);
        resources!["resources"]!.AsArray().ShouldContain(r => r!["name"]!.GetValue<string>() == "widgets" && r["kind"]!.GetValue<string>() == "Widget");
        var (openCode, openApi, _) = await Http.GetJsonAsync("openapi/v3");
        openCode.ShouldBe(200);
        openApi!["paths"]![$"apis/{group}/v1"].ShouldNotBeNull();

        await DeleteAsync(group);
        (await Http.GetJsonAsync($"apis/{group}/v1")).Code.ShouldBe(404);
    }

    private async Task DeleteAsync(string group) =>
        (await Http.SendJsonAsync(HttpMethod.Delete, $"{Collection("")}/widgets.{group}")).Code.ShouldBe(200);
}
