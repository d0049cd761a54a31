using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Api;

[Collection(KubeServerCollection.Name)]
public sealed class DiscoveryHttpTests(KubeServerFixture server)
{
    private const string KubectlDiscoveryAccept = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

    [Fact]
    public async Task Api_AggregatedAccept_APIGroupDiscoveryListWithETag()
    {
        using var http = server.CreateHttpClient();
        var (code, body, response) = await http.GetJsonAsync("api?timeout=32s", KubectlDiscoveryAccept);
        code.ShouldBe(200);
        response.Content.Headers.ContentType!.ToString().Replace(" ", "", StringComparison.Ordinal).ShouldBe("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
        body!["kind"]!.GetValue<string>().ShouldBe("APIGroupDiscoveryList");
        body["apiVersion"]!.GetValue<string>().ShouldBe("apidiscovery.k8s.io/v2");
        var version = body["items"]![0]!["versions"]![0]!;
        version["version"]!.GetValue<string>().ShouldBe("v1");
        var cm = version["resources"]!.AsArray().Single(r => r!["resource"]!.GetValue<string>() == "configmaps")!;
        cm["shortNames"]![0]!.GetValue<string>().ShouldBe("cm");
        var etag = response.Headers.ETag!.Tag;

        using var again = new HttpRequestMessage(HttpMethod.Get, "api");
        again.Headers.TryAddWithoutValidation("Accept", KubectlDiscoveryAccept);
        again.Headers.TryAddWithoutValidation("If-None-Match", etag);
        ((int)(await http.SendAsync(again)).StatusCode).ShouldBe(304);
    }

    [Fact]
    public async Task Apis_AggregatedAccept_ListsNamedGroups()
    {
        using var http = server.CreateHttpClient();
        var (code, body, _) = await http.GetJsonAsync("apis", KubectlDiscoveryAccept);
        code.ShouldBe(200);
        body!["kind"]!.GetValue<string>().ShouldBe("APIGroupDiscoveryList");
        body["items"]!.AsArray().Select(g => g!["metadata"]!["name"]!.GetValue<string>()).ShouldContain("rbac.authorization.k8s.io");
    }

    [Fact]
    public async Task Api_PlainJson_LegacyDocuments()
    {
        using var http = server.CreateHttpClient();
        var (_, versions, _) = await http.GetJsonAsync("api");
        versions!["kind"]!.GetValue<string>().ShouldBe("APIVersions");
        versions["versions"]![0]!.GetValue<string>().ShouldBe("v1");

        var (_, resources, _) = await http.GetJsonAsync("api/v1");
        resources!["kind"]!.GetValue<string>().ShouldBe("APIResourceList");
        resources["groupVersion"]!.GetValue<string>().ShouldBe("v1");
        var ns = resources["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "namespaces")!;
        ns["namespaced"]!.GetValue<bool>().ShouldBeFalse();
        ns["kind"]!.GetValue<string>().ShouldBe("Namespace");

        var (_, groups, _) = await http.GetJsonAsync("apis");
        groups!["kind"]!.GetValue<string>().ShouldBe("APIGroupList");
    }

    [Fact]
    public async Task Discovery_UnknownGroup_NotFound()
    {
        using var http = server.CreateHttpClient();
        (await http.GetJsonAsync("apis/nope.example.com")).Code.ShouldBe(404);
        (await http.GetJsonAsync("api/v1/widgets")).Code.ShouldBe(404);
    }
}
