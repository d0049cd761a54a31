using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class IngressClassStrategyTests(KubeServerFixture server) : StrategyTestBase(server, "ingressclasses", "networking.k8s.io/v1", clusterScoped: true)
{
    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task Create_WithParameters_ScopeDefaultsToCluster_TableShowsReference()
    {
        var name = Unique("alb");
        var created = await CreateOkAsync("", $$$$"""{"metadata":{"name":"{{{{name}}}}"},"spec":{"controller":"ingress.k8s.aws/alb","parameters":{"apiGroup":"elbv2.k8s.aws","kind":"IngressClassParams","name":"alb"}}}""");
        created["spec"]!["parameters"]!["scope"]!.GetValue<string>().ShouldBe("Cluster");
        created["metadata"]!["generation"]!.GetValue<long>().ShouldBe(1);
        (await ColumnsAsync("")).ShouldBe(["Name", "Controller", "Parameters", "Age"]);
        var row = await RowAsync("", name);
        row[1]!.GetValue<string>().ShouldBe("ingress.k8s.aws/alb");
        row[2]!.GetValue<string>().ShouldBe("IngressClassParams.elbv2.k8s.aws/alb");
    }

    [Fact]
    public async Task Create_NoParameters_ShowsNone()
    {
        var name = Unique("nginx");
        await CreateOkAsync("", $$$"""{"metadata":{"name":"{{{name}}}"},"spec":{"controller":"k8s.io/ingress-nginx"}}""");
        (await RowAsync("", name))[2]!.GetValue<string>().ShouldBe("<none>");
    }

    [Fact]
    public async Task Create_MissingControllerAndBadParameters_Invalid()
    {
        var name = Unique("bad");
        var status = await CreateInvalidAsync("", $$$$"""{"metadata":{"name":"{{{{name}}}}"},"spec":{"parameters":{"name":"p","scope":"Namespace"}}}""");
        status["message"]!.GetValue<string>().ShouldBe($"IngressClass.networking.k8s.io \"{name}\" is invalid: [spec.controller: Required value, spec.parameters.kind: Required value: kind is required, spec.parameters.namespace: Required value: `parameters.scope` is set to 'Namespace']");
    }

    [Fact]
    public async Task Create_ControllerWithoutDomain_Invalid()
    {
        var name = Unique("nodomain");
        var status = await CreateInvalidAsync("", $$$"""{"metadata":{"name":"{{{name}}}"},"spec":{"controller":"nginx"}}""");
        status["message"]!.GetValue<string>().ShouldBe($"IngressClass.networking.k8s.io \"{name}\" is invalid: spec.controller: Invalid value: \"nginx\": must be a domain-prefixed path (such as \"acme.io/foo\")");
    }

    [Fact]
    public async Task Update_Controller_Immutable()
    {
        var name = Unique("imm");
        await CreateOkAsync("", $$$"""{"metadata":{"name":"{{{name}}}"},"spec":{"controller":"example.com/a"}}""");
        var (code, status, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection("")}/{name}", """{"spec":{"controller":"example.com/b"}}""", "application/merge-patch+json");
        code.ShouldBe(422);
        status!["message"]!.GetValue<string>().ShouldBe($"IngressClass.networking.k8s.io \"{name}\" is invalid: spec.controller: Invalid value: \"example.com/b\": field is immutable");
    }
}
