using System.Text.Json.Nodes;
using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

/// <summary>Custom resources through the real server: each test defines its own CRD (own group) and removes it again.</summary>
[Collection(KubeServerCollection.Name)]
public sealed class CustomResourceStrategyTests(KubeServerFixture server) : IDisposable
{
    private const string TableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";

    private readonly HttpClient _http = server.CreateHttpClient();

    private static string NewGroup() => $"g{Guid.NewGuid():N}"[..10] + ".example.com";

    private static string Definition(string group, string subresources = "", string columns = "", string scope = "Namespaced") =>
        "{\"metadata\":{\"name\":\"gizmos." + group + "\"},\"spec\":{\"group\":\"" + group + "\",\"scope\":\"" + scope
        + "\",\"names\":{\"plural\":\"gizmos\",\"kind\":\"Gizmo\"},\"versions\":["
        + "{\"name\":\"v1\",\"served\":true,\"storage\":true" + subresources + columns
        + ",\"schema\":{\"openAPIV3Schema\":{\"type\":\"object\",\"properties\":{\"spec\":{\"type\":\"object\",\"properties\":{\"size\":{\"type\":\"integer\",\"default\":1},\"colour\":{\"type\":\"string\"}}},\"status\":{\"type\":\"object\",\"properties\":{\"phase\":{\"type\":\"string\"}}}}}}},"
        + "{\"name\":\"v2\",\"served\":true,\"storage\":false,\"schema\":{\"openAPIV3Schema\":{\"type\":\"object\",\"x-kubernetes-preserve-unknown-fields\":true}}}]}}";

    private async Task<string> DefineAsync(string subresources = "", string columns = "")
    {
        var group = NewGroup();
        var (code, crd, _) = await _http.PostJsonAsync("apis/apiextensions.k8s.io/v1/customresourcedefinitions", Definition(group, subresources, columns));
        code.ShouldBe(201, crd?.ToJsonString());
        return group;
    }

    private async Task RemoveAsync(string group) =>
        (await _http.SendJsonAsync(HttpMethod.Delete, $"apis/apiextensions.k8s.io/v1/customresourcedefinitions/gizmos.{group}")).Code.ShouldBe(200);

    private static string Gizmos(string group, string ns, string version = "v1") => $"apis/{group}/{version}/namespaces/{ns}/gizmos";

    [Fact]
    public async Task Create_DefaultsAndGeneration_StatusIgnoredWithSubresource()
    {
        var group = await DefineAsync(",\"subresources\":{\"status\":{}}");
        var ns = await server.CreateNamespaceAsync("cr");
        var (code, created, _) = await _http.PostJsonAsync(Gizmos(group, ns), "{\"metadata\":{\"name\":\"a\"},\"spec\":{\"colour\":\"red\"},\"status\":{\"phase\":\"Done\"}}");
        code.ShouldBe(201, created?.ToJsonString());
        created!["apiVersion"]!.GetValue<string>().ShouldBe($"{group}/v1");
        created["kind"]!.GetValue<string>().ShouldBe("Gizmo");
        created["spec"]!["size"]!.GetValue<long>().ShouldBe(1);
        created["status"].ShouldBeNull();
        created["metadata"]!["generation"]!.GetValue<long>().ShouldBe(1);

        var (_, labelled, _) = await _http.SendJsonAsync(HttpMethod.Patch, $"{Gizmos(group, ns)}/a", "{\"metadata\":{\"labels\":{\"x\":\"y\"}},\"status\":{\"phase\":\"Done\"}}", "application/merge-patch+json");
        labelled!["metadata"]!["generation"]!.GetValue<long>().ShouldBe(1);
        labelled["status"].ShouldBeNull();

        var (_, resized, _) = await _http.SendJsonAsync(HttpMethod.Patch, $"{Gizmos(group, ns)}/a", "{\"spec\":{\"size\":3}}", "application/merge-patch+json");
        resized!["metadata"]!["generation"]!.GetValue<long>().ShouldBe(2);

        var (statusCode, withStatus, _) = await _http.SendJsonAsync(HttpMethod.Patch, $"{Gizmos(group, ns)}/a/status", "{\"spec\":{\"size\":9},\"status\":{\"phase\":\"Done\"}}", "application/merge-patch+json");
        statusCode.ShouldBe(200, withStatus?.ToJsonString());
        withStatus!["status"]!["phase"]!.GetValue<string>().ShouldBe("Done");
        withStatus["spec"]!["size"]!.GetValue<long>().ShouldBe(3);
        withStatus["metadata"]!["generation"]!.GetValue<long>().ShouldBe(2);
        await RemoveAsync(group);
    }

    [Fact]
    public async Task Create_WithoutStatusSubresource_StatusKeptAndGenerationMovesOnStatus()
    {
        var group = await DefineAsync();
        var ns = await server.CreateNamespaceAsync("cr");
        var (_, created, _) = await _http.PostJsonAsync(Gizmos(group, ns), "{\"metadata\":{\"name\":\"a\"},\"status\":{\"phase\":\"New\"}}");
        created!["status"]!["phase"]!.GetValue<string>().ShouldBe("New");
        var (_, updated, _) = await _http.SendJsonAsync(HttpMethod.Patch, $"{Gizmos(group, ns)}/a", "{\"status\":{\"phase\":\"Old\"}}", "application/merge-patch+json");
        updated!["metadata"]!["generation"]!.GetValue<long>().ShouldBe(2);
        (await _http.GetJsonAsync($"{Gizmos(group, ns)}/a/status")).Code.ShouldBe(404);
        await RemoveAsync(group);
    }

    [Fact]
    public async Task Create_SchemaViolation_InvalidWithKindAndGroup()
    {
        var group = await DefineAsync();
        var ns = await server.CreateNamespaceAsync("cr");
        var (code, status, _) = await _http.PostJsonAsync(Gizmos(group, ns), "{\"metadata\":{\"name\":\"bad\"},\"spec\":{\"size\":\"big\"}}");
        code.ShouldBe(422, status?.ToJsonString());
        status!["message"]!.GetValue<string>().ShouldBe($"Gizmo.{group} \"bad\" is invalid: spec.size: Invalid value: \"string\": spec.size in body must be of type integer: \"string\"");
        status["details"]!["causes"]![0]!["reason"]!.GetValue<string>().ShouldBe("FieldValueTypeInvalid");
        await RemoveAsync(group);
    }

    [Fact]
    public async Task Create_UnknownField_StrictRefusedWarnHeaderIgnoreSilent()
    {
        var group = await DefineAsync();
        var ns = await server.CreateNamespaceAsync("cr");
        var body = "{\"metadata\":{\"name\":\"NAME\"},\"spec\":{\"shape\":\"round\"}}";
        var (strictCode, strict, _) = await _http.PostJsonAsync(Gizmos(group, ns) + "?fieldValidation=Strict", body.Replace("NAME", "s", StringComparison.Ordinal));
        strictCode.ShouldBe(400);
        strict!["message"]!.GetValue<string>().ShouldBe("Gizmo in version \"v1\" cannot be handled as a Gizmo: strict decoding error: unknown field \"spec.shape\"");

        var (warnCode, warned, response) = await _http.PostJsonAsync(Gizmos(group, ns) + "?fieldValidation=Warn", body.Replace("NAME", "w", StringComparison.Ordinal));
        warnCode.ShouldBe(201);
        response.Headers.GetValues("Warning").ShouldBe(["299 - \"unknown field \\\"spec.shape\\\"\""]);
        warned!["spec"]!["shape"].ShouldBeNull();

        var (ignoreCode, _, ignored) = await _http.PostJsonAsync(Gizmos(group, ns) + "?fieldValidation=Ignore", body.Replace("NAME", "i", StringComparison.Ordinal));
        ignoreCode.ShouldBe(201);
        ignored.Headers.Contains("Warning").ShouldBeFalse();
        await RemoveAsync(group);
    }

    [Fact]
    public async Task Table_NoPrinterColumns_NameAndAge()
    {
        var group = await DefineAsync();
        var ns = await server.CreateNamespaceAsync("cr");
        await _http.PostJsonAsync(Gizmos(group, ns), "{\"metadata\":{\"name\":\"a\"}}");
        var (_, table, _) = await _http.GetJsonAsync(Gizmos(group, ns), TableAccept);
        table!["columnDefinitions"]!.AsArray().Select(c => $"{c!["name"]}:{c["type"]}").ShouldBe(["Name:string", "Age:date"]);
        var cells = table["rows"]![0]!["cells"]!.AsArray();
        cells[0]!.GetValue<string>().ShouldBe("a");
        cells[1]!.GetValue<string>().ShouldMatch(@"^\d+s$");
        await RemoveAsync(group);
    }

    [Fact]
    public async Task Table_PrinterColumns_TypedCellsNullWhenMissingAndWidePriority()
    {
        var columns = ",\"additionalPrinterColumns\":[{\"name\":\"Size\",\"type\":\"integer\",\"jsonPath\":\".spec.size\"},{\"name\":\"Colour\",\"type\":\"string\",\"jsonPath\":\".spec.colour\",\"priority\":1,\"description\":\"the colour\"}]";
        var group = await DefineAsync(columns: columns);
        var ns = await server.CreateNamespaceAsync("cr");
        await _http.PostJsonAsync(Gizmos(group, ns), "{\"metadata\":{\"name\":\"a\"},\"spec\":{\"size\":4}}");
        var (_, table, _) = await _http.GetJsonAsync($"{Gizmos(group, ns)}/a", TableAccept);
        var definitions = table!["columnDefinitions"]!.AsArray();
        definitions.Select(c => $"{c!["name"]}:{c["type"]}:{c["priority"]}").ShouldBe(["Name:string:0", "Size:integer:0", "Colour:string:1"]);
        definitions[2]!["description"]!.GetValue<string>().ShouldBe("the colour");
        var cells = table["rows"]![0]!["cells"]!.AsArray();
        cells[1]!.GetValue<long>().ShouldBe(4);
        cells[2].ShouldBeNull();
        await RemoveAsync(group);
    }

    [Fact]
    public async Task MultipleVersions_ReadAndWriteThroughEither_StoredInStorageVersion()
    {
        var group = await DefineAsync();
        var ns = await server.CreateNamespaceAsync("cr");
        var (code, created, _) = await _http.PostJsonAsync(Gizmos(group, ns, "v2"), "{\"apiVersion\":\"" + group + "/v2\",\"kind\":\"Gizmo\",\"metadata\":{\"name\":\"a\"},\"spec\":{\"size\":2}}");
        code.ShouldBe(201, created?.ToJsonString());
        created!["apiVersion"]!.GetValue<string>().ShouldBe($"{group}/v2");
        var stored = await server.Store.GetAsync($"{server.Cluster.StoragePrefix}registry/{group}/gizmos/{ns}/a");
        JsonNode.Parse(stored!.Value.Span)!["apiVersion"]!.GetValue<string>().ShouldBe($"{group}/v1");

        (await _http.GetJsonAsync($"{Gizmos(group, ns)}/a")).Body!["apiVersion"]!.GetValue<string>().ShouldBe($"{group}/v1");
        var (_, list, _) = await _http.GetJsonAsync(Gizmos(group, ns, "v2"));
        list!["apiVersion"]!.GetValue<string>().ShouldBe($"{group}/v2");
        list["items"]![0]!["apiVersion"]!.GetValue<string>().ShouldBe($"{group}/v2");
        var (patchCode, patched, _) = await _http.SendJsonAsync(HttpMethod.Patch, $"{Gizmos(group, ns, "v2")}/a", "{\"spec\":{\"size\":5}}", "application/merge-patch+json");
        patchCode.ShouldBe(200, patched?.ToJsonString());
        patched!["apiVersion"]!.GetValue<string>().ShouldBe($"{group}/v2");
        await RemoveAsync(group);
    }

    [Fact]
    public async Task Scale_SpecReplicasPath_ReadAndWritten()
    {
        var group = await DefineAsync(",\"subresources\":{\"scale\":{\"specReplicasPath\":\".spec.size\",\"statusReplicasPath\":\".status.phase\"}}");
        var ns = await server.CreateNamespaceAsync("cr");
        await _http.PostJsonAsync(Gizmos(group, ns), "{\"metadata\":{\"name\":\"a\"},\"spec\":{\"size\":2}}");
        var (_, scale, _) = await _http.GetJsonAsync($"{Gizmos(group, ns)}/a/scale");
        scale!["kind"]!.GetValue<string>().ShouldBe("Scale");
        scale["spec"]!["replicas"]!.GetValue<long>().ShouldBe(2);
        scale["status"]!["replicas"]!.GetValue<long>().ShouldBe(0);
        var (code, scaled, _) = await _http.SendJsonAsync(HttpMethod.Patch, $"{Gizmos(group, ns)}/a/scale", "{\"spec\":{\"replicas\":7}}", "application/merge-patch+json");
        code.ShouldBe(200, scaled?.ToJsonString());
        (await _http.GetJsonAsync($"{Gizmos(group, ns)}/a")).Body!["spec"]!["size"]!.GetValue<long>().ShouldBe(7);
        var (negative, refused, _) = await _http.SendJsonAsync(HttpMethod.Patch, $"{Gizmos(group, ns)}/a/scale", "{\"spec\":{\"replicas\":-1}}", "application/merge-patch+json");
        negative.ShouldBe(422, refused?.ToJsonString());
        await RemoveAsync(group);
    }

    [Fact]
    public async Task DeleteDefinition_CustomResourcesGoneAndRouteNotFound()
    {
        var group = await DefineAsync();
        var ns = await server.CreateNamespaceAsync("cr");
        (await _http.PostJsonAsync(Gizmos(group, ns), "{\"metadata\":{\"name\":\"a\"}}")).Code.ShouldBe(201);
        await RemoveAsync(group);
        (await _http.GetJsonAsync($"{Gizmos(group, ns)}/a")).Code.ShouldBe(404);
        (await server.Store.CountAsync($"{server.Cluster.StoragePrefix}registry/{group}/")).ShouldBe(0);
    }

    [Fact]
    public async Task ServedView_CrdWrittenByAnotherReplica_ServedOnNextRequestAndOnlyInItsCluster()
    {
        // Another Lotse replica (or this one before a restart) wrote the CRD: no commit hook of this process saw it.
        var group = NewGroup();
        var crd = JsonNode.Parse(Definition(group))!.AsObject();
        crd["apiVersion"] = "apiextensions.k8s.io/v1";
        crd["kind"] = "CustomResourceDefinition";
        crd["status"] = new JsonObject { ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Established", ["status"] = "True" }) };
        var key = $"{Lotse.Kube.CustomResources.ServedResourceCache.DefinitionsPrefix(server.Cluster)}gizmos.{group}";
        (await server.Store.CommitAsync([Lotse.Storage.StoreOperation.Create(key, System.Text.Encoding.UTF8.GetBytes(crd.ToJsonString()))])).Succeeded.ShouldBeTrue();

        var ns = await server.CreateNamespaceAsync("cr");
        (await _http.PostJsonAsync(Gizmos(group, ns), "{\"metadata\":{\"name\":\"a\"}}")).Code.ShouldBe(201);
        var (_, resources, _) = await _http.GetJsonAsync($"apis/{group}/v1");
        resources!["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ShouldContain("gizmos");

        var cache = new Lotse.Kube.CustomResources.ServedResourceCache(Lotse.Kube.Registry.KubeResourceRegistry.CreateDefault(), server.Store);
        (await cache.ForClusterAsync(server.Cluster, default)).Registry.Find(group, "v1", "gizmos").ShouldNotBeNull();
        var otherCluster = new KubeCluster(Guid.NewGuid().ToString("N").ToUpperInvariant(), "other", "10.101.0.0/16", "1.32");
        (await cache.ForClusterAsync(otherCluster, default)).Registry.Find(group, "v1", "gizmos").ShouldBeNull();
        await RemoveAsync(group);
        (await cache.ForClusterAsync(server.Cluster, default)).Registry.Find(group, "v1", "gizmos").ShouldBeNull();
    }

    public void Dispose() => _http.Dispose();
}
