using System.Text.Json.Nodes;
using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

/// <summary>
/// Drives one kind through the real server: create, update, table output. <paramref name="groupVersion"/> is "v1" for
/// core kinds or "&lt;group&gt;/&lt;version&gt;"; a <paramref name="clusterScoped"/> kind ignores the namespace arguments.
/// </summary>
public abstract class StrategyTestBase(KubeServerFixture server, string resource, string groupVersion = "v1", bool clusterScoped = false) : IDisposable
{
    protected const string TableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";

    protected HttpClient Http { get; } = server.CreateHttpClient();

    protected KubeServerFixture Server => server;

    protected string Collection(string ns)
    {
        var root = groupVersion == "v1" ? "api/v1" : $"apis/{groupVersion}";
        return clusterScoped ? $"{root}/{resource}" : $"{root}/namespaces/{ns}/{resource}";
    }

    protected async Task<JsonNode> CreateOkAsync(string ns, string body)
    {
        var (code, obj, _) = await Http.PostJsonAsync(Collection(ns), body);
        code.ShouldBe(201, obj?.ToJsonString());
        return obj!;
    }

    protected async Task<JsonNode> CreateInvalidAsync(string ns, string body)
    {
        var (code, status, _) = await Http.PostJsonAsync(Collection(ns), body);
        code.ShouldBe(422, status?.ToJsonString());
        status!["reason"]!.GetValue<string>().ShouldBe("Invalid");
        return status;
    }

    /// <summary>The table row of one object, as kubectl would receive it.</summary>
    protected async Task<JsonArray> RowAsync(string ns, string name)
    {
        var (code, table, _) = await Http.GetJsonAsync($"{Collection(ns)}/{name}", TableAccept);
        code.ShouldBe(200);
        table!["kind"]!.GetValue<string>().ShouldBe("Table");
        return table["rows"]![0]!["cells"]!.AsArray();
    }

    protected async Task<string[]> ColumnsAsync(string ns)
    {
        var (_, table, _) = await Http.GetJsonAsync(Collection(ns), TableAccept);
        return table!["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ToArray();
    }

    public void Dispose() => Http.Dispose();
}
