using System.Text.Json.Nodes;
using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

/// <summary>Drives one RBAC kind (rbac.authorization.k8s.io/v1) through the real server: create, update, table output.</summary>
public abstract class RbacRoleStrategyTestBase(KubeServerFixture server, string resource, bool namespaced) : IDisposable
{
    protected const string TableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";

    protected HttpClient Http { get; } = server.CreateHttpClient();

    protected KubeServerFixture Server => server;

    protected string Collection(string ns = "") => namespaced
        ? $"apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/{resource}"
        : $"apis/rbac.authorization.k8s.io/v1/{resource}";

    /// <summary>A name no other test uses (cluster-scoped kinds share one cluster).</summary>
    protected static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    protected async Task<JsonNode> CreateOkAsync(string body, string ns = "")
    {
        var (code, obj, _) = await Http.PostJsonAsync(Collection(ns), body);
        code.ShouldBe(201, obj?.ToJsonString());
        return obj!;
    }

    protected async Task<string> CreateInvalidAsync(string body, string ns = "")
    {
        var (code, status, _) = await Http.PostJsonAsync(Collection(ns), body);
        code.ShouldBe(422, status?.ToJsonString());
        status!["reason"]!.GetValue<string>().ShouldBe("Invalid");
        return status["message"]!.GetValue<string>();
    }

    protected async Task<JsonArray> RowAsync(string name, string ns = "")
    {
        var (code, table, _) = await Http.GetJsonAsync($"{Collection(ns)}/{name}", TableAccept);
        code.ShouldBe(200, table?.ToJsonString());
        return table!["rows"]![0]!["cells"]!.AsArray();
    }

    protected async Task<string[]> ColumnsAsync(string ns = "")
    {
        var (_, table, _) = await Http.GetJsonAsync(Collection(ns), TableAccept);
        return table!["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ToArray();
    }

    public void Dispose() => Http.Dispose();
}
