using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class ReplicationControllerStrategyTests(KubeServerFixture server) : StrategyTestBase(server, "replicationcontrollers")
{
    private const string Nginx = """
        {"metadata":{"name":"nginx"},"spec":{"template":{"metadata":{"labels":{"app":"nginx"}},"spec":{"containers":[{"name":"nginx","image":"nginx:1.27","ports":[{"containerPort":80}]}]}}}}
        """;

    [Fact]
    public async Task Create_SelectorLabelsReplicasDefaulted_ZeroStatus()
    {
        var ns = await Server.CreateNamespaceAsync("rc");
        var created = await CreateOkAsync(ns, Nginx);
        created["spec"]!["selector"]!.ToJsonString().ShouldBe("""{"app":"nginx"}""");
        created["metadata"]!["labels"]!.ToJsonString().ShouldBe("""{"app":"nginx"}""");
        created["spec"]!["replicas"]!.GetValue<long>().ShouldBe(1);
        created["status"]!.ToJsonString().ShouldBe("""{"replicas":0}""");
        created["metadata"]!["generation"]!.GetValue<long>().ShouldBe(1);
        created["spec"]!["template"]!["spec"]!["containers"]![0]!["ports"]![0]!["protocol"]!.GetValue<string>().ShouldBe("TCP");
    }

    [Fact]
    public async Task Create_SelectorMismatchAndDeadline_Invalid()
    {
        var ns = await Server.CreateNamespaceAsync("rc");
        var status = await CreateInvalidAsync(ns, Nginx.Replace("\"spec\":{\"template\"", "\"spec\":{\"selector\":{\"app\":\"web\"},\"template\"", StringComparison.Ordinal)
            .Replace("\"spec\":{\"containers\"", "\"spec\":{\"activeDeadlineSeconds\":5,\"containers\"", StringComparison.Ordinal));
        status["message"]!.GetValue<string>().ShouldBe("ReplicationController \"nginx\" is invalid: [spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"nginx\"}: `selector` does not match template `labels`, spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicationController is not Supported]");
    }

    [Fact]
    public async Task ScaleStatusAndTable_SelectorPrintedAsLabels()
    {
        var ns = await Server.CreateNamespaceAsync("rc");
        await CreateOkAsync(ns, Nginx);
        var (code, scale, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/nginx/scale", """{"spec":{"replicas":3}}""", "application/merge-patch+json");
        code.ShouldBe(200, scale?.ToJsonString());
        scale!["status"]!["selector"]!.GetValue<string>().ShouldBe("app=nginx");
        scale["spec"]!["replicas"]!.GetValue<long>().ShouldBe(3);
        (await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/nginx/status", """{"status":{"replicas":3,"readyReplicas":2}}""", "application/merge-patch+json")).Code.ShouldBe(200);
        (await ColumnsAsync(ns)).ShouldBe(["Name", "Desired", "Current", "Ready", "Age", "Containers", "Images", "Selector"]);
        var row = await RowAsync(ns, "nginx");
        row.Take(4).Select(c => c!.ToJsonString()).ShouldBe(["\"nginx\"", "3", "3", "2"]);
        row.Skip(5).Select(c => c!.GetValue<string>()).ShouldBe(["nginx", "nginx:1.27", "app=nginx"]);
    }

    [Fact]
    public async Task Update_SelectorMayChange_GenerationBumps()
    {
        var ns = await Server.CreateNamespaceAsync("rc");
        await CreateOkAsync(ns, Nginx);
        var (code, updated, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/nginx", """{"spec":{"selector":{"app":"nginx","tier":"web"},"template":{"metadata":{"labels":{"tier":"web"}}}}}""", "application/merge-patch+json");
        code.ShouldBe(200, updated?.ToJsonString());
        updated!["metadata"]!["generation"]!.GetValue<long>().ShouldBe(2);
        updated["spec"]!["selector"]!["tier"]!.GetValue<string>().ShouldBe("web");
    }

    [Fact]
    public async Task List_FieldSelectorStatusReplicas_OnlyMatchingControllers()
    {
        var ns = await Server.CreateNamespaceAsync("rc");
        await CreateOkAsync(ns, Nginx);
        await CreateOkAsync(ns, Nginx.Replace("\"name\":\"nginx\"}", "\"name\":\"busy\"}", StringComparison.Ordinal));
        (await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/busy/status", """{"status":{"replicas":2}}""", "application/merge-patch+json")).Code.ShouldBe(200);
        var (_, idle, _) = await Http.GetJsonAsync($"{Collection(ns)}?fieldSelector=status.replicas%3D0");
        idle!["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()).ShouldBe(["nginx"]);
        var (_, running, _) = await Http.GetJsonAsync($"{Collection(ns)}?fieldSelector=status.replicas%3D2");
        running!["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()).ShouldBe(["busy"]);
    }
}
