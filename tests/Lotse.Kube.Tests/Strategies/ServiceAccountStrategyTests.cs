using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class ServiceAccountStrategyTests(KubeServerFixture server) : StrategyTestBase(server, "serviceaccounts")
{
    [Fact]
    public async Task Bootstrap_EverySystemNamespace_HasDefaultServiceAccount()
    {
        foreach (var ns in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
        {
            var (code, sa, _) = await Http.GetJsonAsync($"{Collection(ns)}/default");
            code.ShouldBe(200);
            sa!["metadata"]!["uid"].ShouldNotBeNull();
        }
    }

    [Fact]
    public async Task Table_Secrets_Counted()
    {
        var ns = await Server.CreateNamespaceAsync();
        await CreateOkAsync(ns, """{"metadata":{"name":"robot"},"secrets":[{"name":"a"},{"name":"b"}]}""");
        (await ColumnsAsync(ns)).ShouldBe(["Name", "Secrets", "Age"]);
        (await RowAsync(ns, "robot"))[1]!.GetValue<long>().ShouldBe(2);
    }

    [Fact]
    public async Task StrategicPatch_Secrets_MergedByName()
    {
        var ns = await Server.CreateNamespaceAsync();
        await CreateOkAsync(ns, """{"metadata":{"name":"robot"},"secrets":[{"name":"a"}]}""");
        var (code, sa, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/robot", """{"secrets":[{"name":"b"}]}""", "application/strategic-merge-patch+json");
        code.ShouldBe(200);
        sa!["secrets"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()).ShouldBe(["a", "b"]);
    }
}
