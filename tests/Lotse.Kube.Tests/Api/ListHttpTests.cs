using System.Text.Json.Nodes;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Api;

[Collection(KubeServerCollection.Name)]
public sealed class ListHttpTests(KubeServerFixture server)
{
    private static string[] Names(JsonNode list) => list["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()).ToArray();

    private async Task<string> SeedAsync(HttpClient http)
    {
        var ns = await server.CreateNamespaceAsync("l");
        foreach (var (name, labels) in new[] { ("a", "env=prod,tier=web"), ("b", "env=dev,tier=web"), ("c", "env=prod,tier=db"), ("d", "") })
        {
            var labelJson = labels.Length == 0 ? "{}" : "{" + string.Join(",", labels.Split(',').Select(l => $"\"{l.Split('=')[0]}\":\"{l.Split('=')[1]}\"")) + "}";
            (await http.PostJsonAsync($"api/v1/namespaces/{ns}/configmaps", "{\"metadata\":{\"name\":\"" + name + "\",\"labels\":" + labelJson + "}}")).Code.ShouldBe(201);
        }

        return ns;
    }

    [Theory]
    [InlineData("env=prod", new[] { "a", "c" })]
    [InlineData("env!=prod", new[] { "b", "d" })]
    [InlineData("env in (dev,prod),tier=web", new[] { "a", "b" })]
    [InlineData("tier notin (web)", new[] { "c", "d" })]
    [InlineData("!env", new[] { "d" })]
    [InlineData("env", new[] { "a", "b", "c" })]
    public async Task List_LabelSelector_Filters(string selector, string[] expected)
    {
        using var http = server.CreateHttpClient();
        var ns = await SeedAsync(http);
        var (code, list, _) = await http.GetJsonAsync($"api/v1/namespaces/{ns}/configmaps?labelSelector={Uri.EscapeDataString(selector)}");
        code.ShouldBe(200);
        list!["kind"]!.GetValue<string>().ShouldBe("ConfigMapList");
        list["apiVersion"]!.GetValue<string>().ShouldBe("v1");
        Names(list).ShouldBe(expected);
    }

    [Fact]
    public async Task List_LimitWithSelector_PagesFullAndContinues()
    {
        using var http = server.CreateHttpClient();
        var ns = await SeedAsync(http);
        var (_, first, _) = await http.GetJsonAsync($"api/v1/namespaces/{ns}/configmaps?labelSelector=env&limit=2");
        Names(first!).ShouldBe(["a", "b"]);
        var token = first!["metadata"]!["continue"]!.GetValue<string>();
        var (_, second, _) = await http.GetJsonAsync($"api/v1/namespaces/{ns}/configmaps?labelSelector=env&limit=2&continue={token}");
        Names(second!).ShouldBe(["c"]);
        second!["metadata"]!["resourceVersion"]!.GetValue<string>().ShouldBe(first["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task List_ContinueAfterCompaction_ExpiredWithFreshToken()
    {
        using var http = server.CreateHttpClient();
        var ns = await SeedAsync(http);
        var (_, first, _) = await http.GetJsonAsync($"api/v1/namespaces/{ns}/configmaps?limit=1");
        var token = first!["metadata"]!["continue"]!.GetValue<string>();
        await http.PostJsonAsync($"api/v1/namespaces/{ns}/configmaps", """{"metadata":{"name":"later"}}""");
        await server.Store.CompactAsync(server.Store.CurrentRevision);
        var (code, status, _) = await http.GetJsonAsync($"api/v1/namespaces/{ns}/configmaps?limit=1&continue={token}");
        code.ShouldBe(410);
        status!["reason"]!.GetValue<string>().ShouldBe("Expired");
        status["message"]!.GetValue<string>().ShouldStartWith("The provided continue parameter is too old to display a consistent list result.");
        var fresh = status["metadata"]!["continue"]!.GetValue<string>();
        var (code2, rest, _) = await http.GetJsonAsync($"api/v1/namespaces/{ns}/configmaps?continue={fresh}");
        code2.ShouldBe(200);
        Names(rest!).ShouldBe(["b", "c", "d", "later"]);
    }

    [Fact]
    public async Task List_ResourceVersionTooLarge_Timeout504()
    {
        using var http = server.CreateHttpClient();
        var (code, status, _) = await http.GetJsonAsync($"api/v1/namespaces/default/configmaps?resourceVersion={server.Store.CurrentRevision + 1000}&resourceVersionMatch=NotOlderThan");
        code.ShouldBe(504);
        status!["reason"]!.GetValue<string>().ShouldBe("Timeout");
        status["message"]!.GetValue<string>().ShouldStartWith("Timeout: Too large resource version:");
        status["details"]!["causes"]![0]!["reason"]!.GetValue<string>().ShouldBe("ResourceVersionTooLarge");
    }

    [Fact]
    public async Task List_ExactOldResourceVersion_ServesThatSnapshot()
    {
        using var http = server.CreateHttpClient();
        var ns = await SeedAsync(http);
        var (_, snapshot, _) = await http.GetJsonAsync($"api/v1/namespaces/{ns}/configmaps");
        var rv = snapshot!["metadata"]!["resourceVersion"]!.GetValue<string>();
        await http.SendJsonAsync(HttpMethod.Delete, $"api/v1/namespaces/{ns}/configmaps/a");
        var (_, exact, _) = await http.GetJsonAsync($"api/v1/namespaces/{ns}/configmaps?resourceVersion={rv}&resourceVersionMatch=Exact");
        Names(exact!).ShouldBe(["a", "b", "c", "d"]);
        exact!["metadata"]!["resourceVersion"]!.GetValue<string>().ShouldBe(rv);
    }

    [Fact]
    public async Task List_MatchWithoutResourceVersion_Invalid()
    {
        using var http = server.CreateHttpClient();
        var (code, status, _) = await http.GetJsonAsync("api/v1/namespaces/default/configmaps?resourceVersionMatch=Exact");
        code.ShouldBe(422);
        status!["message"]!.GetValue<string>().ShouldBe("ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided");
    }

    [Fact]
    public async Task List_AllNamespaces_IncludesEveryNamespace()
    {
        using var http = server.CreateHttpClient();
        var (_, list, _) = await http.GetJsonAsync("api/v1/serviceaccounts");
        var namespaces = list!["items"]!.AsArray().Select(i => i!["metadata"]!["namespace"]!.GetValue<string>()).ToHashSet();
        new[] { "default", "kube-system", "kube-public", "kube-node-lease" }.ShouldAllBe(n => namespaces.Contains(n));
    }

    [Fact]
    public async Task List_TableIncludeObjectNone_CellsOnly()
    {
        using var http = server.CreateHttpClient();
        var ns = await SeedAsync(http);
        var (_, table, _) = await http.GetJsonAsync($"api/v1/namespaces/{ns}/configmaps?includeObject=None", "application/json;as=Table;v=v1;g=meta.k8s.io");
        table!["rows"]!.AsArray().Count.ShouldBe(4);
        table["rows"]![0]!.AsObject().ContainsKey("object").ShouldBeFalse();
        var (_, withObject, _) = await http.GetJsonAsync($"api/v1/namespaces/{ns}/configmaps?includeObject=Object", "application/json;as=Table;v=v1;g=meta.k8s.io");
        withObject!["rows"]![0]!["object"]!["kind"]!.GetValue<string>().ShouldBe("ConfigMap");
    }

    [Fact]
    public async Task DeleteCollection_LabelSelector_DeletesOnlyMatches()
    {
        using var http = server.CreateHttpClient();
        var ns = await SeedAsync(http);
        var (code, deleted, _) = await http.SendJsonAsync(HttpMethod.Delete, $"api/v1/namespaces/{ns}/configmaps?labelSelector=env%3Dprod");
        code.ShouldBe(200);
        Names(deleted!).ShouldBe(["a", "c"]);
        var (_, remaining, _) = await http.GetJsonAsync($"api/v1/namespaces/{ns}/configmaps");
        Names(remaining!).ShouldBe(["b", "d"]);
    }

    [Fact]
    public async Task Delete_UidPreconditionMismatch_Conflict()
    {
        using var http = server.CreateHttpClient();
        var ns = await SeedAsync(http);
        var (code, status, _) = await http.SendJsonAsync(HttpMethod.Delete, $"api/v1/namespaces/{ns}/configmaps/a", """{"kind":"DeleteOptions","apiVersion":"v1","preconditions":{"uid":"wrong"}}""");
        code.ShouldBe(409);
        status!["message"]!.GetValue<string>().ShouldStartWith("Operation cannot be fulfilled on configmaps \"a\": Precondition failed: UID in precondition: wrong, UID in object meta: ");
    }

    [Fact]
    public async Task Delete_WithFinalizer_MarkedThenGoneWhenFinalizerRemoved()
    {
        using var http = server.CreateHttpClient();
        var ns = await server.CreateNamespaceAsync("l");
        await http.PostJsonAsync($"api/v1/namespaces/{ns}/configmaps", """{"metadata":{"name":"f","finalizers":["example.com/hold"]}}""");
        var (code, marked, _) = await http.SendJsonAsync(HttpMethod.Delete, $"api/v1/namespaces/{ns}/configmaps/f");
        code.ShouldBe(200);
        marked!["metadata"]!["deletionTimestamp"].ShouldNotBeNull();
        (await http.GetJsonAsync($"api/v1/namespaces/{ns}/configmaps/f")).Code.ShouldBe(200);
        var (patchCode, _, _) = await http.SendJsonAsync(HttpMethod.Patch, $"api/v1/namespaces/{ns}/configmaps/f", """{"metadata":{"finalizers":null}}""", "application/merge-patch+json");
        patchCode.ShouldBe(200);
        (await http.GetJsonAsync($"api/v1/namespaces/{ns}/configmaps/f")).Code.ShouldBe(404);
    }

    [Fact]
    public async Task Patch_UnsupportedContentType_UnsupportedMediaType()
    {
        using var http = server.CreateHttpClient();
        var (code, status, _) = await http.SendJsonAsync(HttpMethod.Patch, "api/v1/namespaces/default/configmaps/x", "{}", "application/xml");
        code.ShouldBe(415);
        status!["reason"]!.GetValue<string>().ShouldBe("UnsupportedMediaType");
    }

    [Fact]
    public async Task Patch_ResourceVersionInPatch_IsPrecondition()
    {
        using var http = server.CreateHttpClient();
        var ns = await SeedAsync(http);
        var (code, status, _) = await http.SendJsonAsync(HttpMethod.Patch, $"api/v1/namespaces/{ns}/configmaps/a", """{"metadata":{"resourceVersion":"1"},"data":{"x":"y"}}""", "application/merge-patch+json");
        code.ShouldBe(409);
        status!["reason"]!.GetValue<string>().ShouldBe("Conflict");
    }

    [Fact]
    public async Task Update_Unchanged_KeepsResourceVersion()
    {
        using var http = server.CreateHttpClient();
        var ns = await SeedAsync(http);
        var (_, current, _) = await http.GetJsonAsync($"api/v1/namespaces/{ns}/configmaps/a");
        var (code, same, _) = await http.SendJsonAsync(HttpMethod.Put, $"api/v1/namespaces/{ns}/configmaps/a", current!.ToJsonString());
        code.ShouldBe(200);
        same!["metadata"]!["resourceVersion"]!.GetValue<string>().ShouldBe(current["metadata"]!["resourceVersion"]!.GetValue<string>());
    }
}
