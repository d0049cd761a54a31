using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class RuntimeClassStrategyTests(KubeServerFixture server) : StrategyTestBase(server, "runtimeclasses", "node.k8s.io/v1", clusterScoped: true)
{
    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task Create_RuntimeClass_TableShowsHandler()
    {
        var name = Unique("gvisor");
        await CreateOkAsync("", $$$"""{"metadata":{"name":"{{{name}}}"},"handler":"runsc"}""");
        (await ColumnsAsync("")).ShouldBe(["Name", "Handler", "Age"]);
        var row = await RowAsync("", name);
        row[1]!.GetValue<string>().ShouldBe("runsc");
    }

    [Fact]
    public async Task Create_MissingHandler_InvalidDnsLabel()
    {
        var name = Unique("nohandler");
        var status = await CreateInvalidAsync("", $$$"""{"metadata":{"name":"{{{name}}}"}}""");
        status["message"]!.GetValue<string>().ShouldBe($"RuntimeClass.node.k8s.io \"{name}\" is invalid: handler: Invalid value: \"\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
    }

    [Fact]
    public async Task Update_Handler_Immutable()
    {
        var name = Unique("kata");
        await CreateOkAsync("", $$$"""{"metadata":{"name":"{{{name}}}"},"handler":"kata"}""");
        var (code, status, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection("")}/{name}", """{"handler":"kata2"}""", "application/merge-patch+json");
        code.ShouldBe(422);
        status!["message"]!.GetValue<string>().ShouldBe($"RuntimeClass.node.k8s.io \"{name}\" is invalid: handler: Invalid value: \"kata2\": field is immutable");
    }
}
