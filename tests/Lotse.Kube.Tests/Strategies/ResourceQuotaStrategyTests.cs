using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class ResourceQuotaStrategyTests(KubeServerFixture server) : StrategyTestBase(server, "resourcequotas")
{
    private const string MergePatch = "application/merge-patch+json";

    [Fact]
    public async Task Create_StatusCleared_HardCanonical_StatusSubresourceFillsTable()
    {
        var ns = await Server.CreateNamespaceAsync("rq");
        var created = await CreateOkAsync(ns, """{"metadata":{"name":"compute"},"spec":{"hard":{"requests.cpu":"1000m","limits.memory":"2048Mi","pods":10}},"status":{"hard":{"pods":"1"}}}""");
        created["spec"]!["hard"]!.ToJsonString().ShouldBe("""{"requests.cpu":"1","limits.memory":"2Gi","pods":"10"}""");
        created["status"]!.ToJsonString().ShouldBe("{}");
        (await ColumnsAsync(ns)).ShouldBe(["Name", "Age", "Request", "Limit"]);
        var empty = await RowAsync(ns, "compute");
        empty[2]!.GetValue<string>().ShouldBe("");
        empty[3]!.GetValue<string>().ShouldBe("");

        var (code, updated, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/compute/status", """{"spec":{"hard":{"pods":"99"}},"status":{"hard":{"requests.cpu":"1","limits.memory":"2Gi","pods":"10"},"used":{"requests.cpu":"500m","pods":"3"}}}""", MergePatch);
        code.ShouldBe(200, updated?.ToJsonString());
        updated!["spec"]!["hard"]!["pods"]!.GetValue<string>().ShouldBe("10");
        var row = await RowAsync(ns, "compute");
        row[2]!.GetValue<string>().ShouldBe("pods: 3/10, requests.cpu: 500m/1");
        row[3]!.GetValue<string>().ShouldBe("limits.memory: 0/2Gi");
    }

    [Fact]
    public async Task Create_UnknownResourceNegativeFractionalCount_Invalid()
    {
        var status = await CreateInvalidAsync("default", """{"metadata":{"name":"bad"},"spec":{"hard":{"storage":"1Gi","requests.memory":"-1","pods":"1500m"},"scopes":["BestEffort","NotBestEffort"]}}""");
        status["message"]!.GetValue<string>().ShouldBe("ResourceQuota \"bad\" is invalid: [spec.hard[pods]: Invalid value: resource.Quantity{i:resource.int64Amount{value:1500, scale:-3}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:\"1500m\", Format:\"DecimalSI\"}: must be an integer, spec.hard[requests.memory]: Invalid value: \"-1\": must be greater than or equal to 0, spec.hard[storage]: Invalid value: \"storage\": must be a standard resource for quota, spec.scopes: Invalid value: []core.ResourceQuotaScope{\"BestEffort\", \"NotBestEffort\"}: conflicting scopes]");
    }

    [Fact]
    public async Task Update_Scopes_Immutable_HardMayChange()
    {
        var ns = await Server.CreateNamespaceAsync("rq");
        await CreateOkAsync(ns, """{"metadata":{"name":"scoped"},"spec":{"hard":{"pods":"5"},"scopes":["BestEffort"]}}""");
        var (okCode, ok, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/scoped", """{"spec":{"hard":{"pods":"6"}}}""", MergePatch);
        okCode.ShouldBe(200, ok?.ToJsonString());
        var (code, status, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/scoped", """{"spec":{"scopes":["NotTerminating"]}}""", MergePatch);
        code.ShouldBe(422, status?.ToJsonString());
        status!["message"]!.GetValue<string>().ShouldBe("ResourceQuota \"scoped\" is invalid: spec.scopes: Invalid value: []core.ResourceQuotaScope{\"NotTerminating\"}: field is immutable");
    }
}
