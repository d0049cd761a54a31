using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class NamespaceStrategyTests(KubeServerFixture server) : StrategyTestBase(server, "namespaces")
{
    [Fact]
    public async Task Create_Namespace_ActiveWithFinalizerAndNameLabel()
    {
        var (code, ns, _) = await Http.PostJsonAsync("api/v1/namespaces", """{"metadata":{"name":"created-ns"}}""");
        code.ShouldBe(201);
        ns!["status"]!["phase"]!.GetValue<string>().ShouldBe("Active");
        ns["spec"]!["finalizers"]![0]!.GetValue<string>().ShouldBe("kubernetes");
        ns["metadata"]!["labels"]!["kubernetes.io/metadata.name"]!.GetValue<string>().ShouldBe("created-ns");
        ns["metadata"]!.AsObject().ContainsKey("namespace").ShouldBeFalse();
        var (_, table, _) = await Http.GetJsonAsync("api/v1/namespaces/created-ns", TableAccept);
        table!["rows"]![0]!["cells"]![1]!.GetValue<string>().ShouldBe("Active");
    }

    [Fact]
    public async Task Create_UppercaseName_InvalidLabelMessage()
    {
        var (code, status, _) = await Http.PostJsonAsync("api/v1/namespaces", """{"metadata":{"name":"Bad"}}""");
        code.ShouldBe(422);
        status!["message"]!.GetValue<string>().ShouldBe("Namespace \"Bad\" is invalid: metadata.name: Invalid value: \"Bad\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
    }

    [Fact]
    public async Task Update_Status_IgnoredOnMainResource()
    {
        var name = await Server.CreateNamespaceAsync();
        var (code, ns, _) = await Http.SendJsonAsync(HttpMethod.Put, $"api/v1/namespaces/{name}", $$$"""{"metadata":{"name":"{{{name}}}","labels":{"x":"y"}},"status":{"phase":"Terminating"}}""");
        code.ShouldBe(200);
        ns!["status"]!["phase"]!.GetValue<string>().ShouldBe("Active");
        ns["metadata"]!["labels"]!["x"]!.GetValue<string>().ShouldBe("y");
        ns["metadata"]!["labels"]!["kubernetes.io/metadata.name"]!.GetValue<string>().ShouldBe(name);
    }

    [Fact]
    public async Task Delete_Namespace_ContentGoneAndServiceIpReleased()
    {
        var name = await Server.CreateNamespaceAsync();
        (await Http.PostJsonAsync($"api/v1/namespaces/{name}/configmaps", """{"metadata":{"name":"c"}}""")).Code.ShouldBe(201);
        var (_, svc, _) = await Http.PostJsonAsync($"api/v1/namespaces/{name}/services", """{"metadata":{"name":"s"},"spec":{"ports":[{"port":80}]}}""");
        var ip = svc!["spec"]!["clusterIP"]!.GetValue<string>();
        var (code, deleted, _) = await Http.SendJsonAsync(HttpMethod.Delete, $"api/v1/namespaces/{name}");
        code.ShouldBe(200);
        deleted!["kind"]!.GetValue<string>().ShouldBe("Namespace");
        (await Http.GetJsonAsync($"api/v1/namespaces/{name}")).Code.ShouldBe(404);
        (await Http.GetJsonAsync($"api/v1/namespaces/{name}/configmaps/c")).Code.ShouldBe(404);
        // The address is free again.
        var other = await Server.CreateNamespaceAsync();
        (await Http.PostJsonAsync($"api/v1/namespaces/{other}/services", $$$"""{"metadata":{"name":"s"},"spec":{"clusterIP":"{{{ip}}}","ports":[{"port":80}]}}""")).Code.ShouldBe(201);
    }
}
