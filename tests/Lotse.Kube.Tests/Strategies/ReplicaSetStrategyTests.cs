using System.Text.Json.Nodes;
using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class ReplicaSetStrategyTests(KubeServerFixture server) : StrategyTestBase(server, "replicasets")
{
    private const string Frontend = """
        {"metadata":{"name":"frontend"},"spec":{"selector":{"matchExpressions":[{"key":"tier","operator":"In","values":["frontend"]}],"matchLabels":{"app":"guestbook"}},
         "template":{"metadata":{"labels":{"app":"guestbook","tier":"frontend"}},"spec":{"containers":[{"name":"php","image":"gcr.io/google_samples/gb-frontend:v3"}]}}}}
        """;

    private static string Apps(string ns) => $"apis/apps/v1/namespaces/{ns}/replicasets";

    [Fact]
    public async Task Create_Minimal_DefaultsAndZeroStatus()
    {
        var ns = await Server.CreateNamespaceAsync();
        var (code, obj, _) = await Http.PostJsonAsync(Apps(ns), Frontend);
        code.ShouldBe(201, obj?.ToJsonString());
        obj!["spec"]!["replicas"]!.GetValue<long>().ShouldBe(1);
        obj["status"]!.ToJsonString().ShouldBe("""{"replicas":0}""");
        obj["metadata"]!["generation"]!.GetValue<long>().ShouldBe(1);
        obj["spec"]!["template"]!["spec"]!["containers"]![0]!["imagePullPolicy"]!.GetValue<string>().ShouldBe("IfNotPresent");
    }

    [Fact]
    public async Task Create_ExpressionNotMatched_Invalid()
    {
        var ns = await Server.CreateNamespaceAsync();
        var (code, status, _) = await Http.PostJsonAsync(Apps(ns), Frontend.Replace("\"tier\":\"frontend\"}}", "\"tier\":\"backend\"}}", StringComparison.Ordinal));
        code.ShouldBe(422, status?.ToJsonString());
        status!["message"]!.GetValue<string>().ShouldBe("ReplicaSet.apps \"frontend\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"guestbook\", \"tier\":\"backend\"}: `selector` does not match template `labels`");
    }

    [Fact]
    public async Task Create_RestartPolicyNever_NotSupported()
    {
        var ns = await Server.CreateNamespaceAsync();
        var (code, status, _) = await Http.PostJsonAsync(Apps(ns), Frontend.Replace("\"spec\":{\"containers\"", "\"spec\":{\"restartPolicy\":\"Never\",\"containers\"", StringComparison.Ordinal));
        code.ShouldBe(422, status?.ToJsonString());
        status!["message"]!.GetValue<string>().ShouldBe("ReplicaSet.apps \"frontend\" is invalid: spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"");
    }

    [Fact]
    public async Task ScaleAndTable_ReplicasFromSpecAndStatus()
    {
        var ns = await Server.CreateNamespaceAsync();
        (await Http.PostJsonAsync(Apps(ns), Frontend)).Code.ShouldBe(201);
        var (code, scale, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Apps(ns)}/frontend/scale", """{"spec":{"replicas":4}}""", "application/strategic-merge-patch+json");
        code.ShouldBe(200, scale?.ToJsonString());
        scale!["status"]!["selector"]!.GetValue<string>().ShouldBe("app=guestbook,tier in (frontend)");
        (await Http.SendJsonAsync(HttpMethod.Patch, $"{Apps(ns)}/frontend/status", """{"status":{"replicas":4,"readyReplicas":1}}""", "application/merge-patch+json")).Code.ShouldBe(200);

        var (_, table, _) = await Http.GetJsonAsync($"{Apps(ns)}/frontend", TableAccept);
        table!["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>())
            .ShouldBe(["Name", "Desired", "Current", "Ready", "Age", "Containers", "Images", "Selector"]);
        var row = table["rows"]![0]!["cells"]!.AsArray();
        row.Take(4).Select(c => c!.ToJsonString()).ShouldBe(["\"frontend\"", "4", "4", "1"]);
        row[5]!.GetValue<string>().ShouldBe("php");
        row[6]!.GetValue<string>().ShouldBe("gcr.io/google_samples/gb-frontend:v3");
        row[7]!.GetValue<string>().ShouldBe("app=guestbook,tier in (frontend)");
    }

    [Fact]
    public async Task Update_SameSpec_GenerationUnchanged()
    {
        var ns = await Server.CreateNamespaceAsync();
        (await Http.PostJsonAsync(Apps(ns), Frontend)).Code.ShouldBe(201);
        var (code, obj, _) = await Http.SendJsonAsync(HttpMethod.Put, $"{Apps(ns)}/frontend", Frontend.Replace("\"name\":\"frontend\"}", "\"name\":\"frontend\",\"labels\":{\"x\":\"y\"}}", StringComparison.Ordinal));
        code.ShouldBe(200, obj?.ToJsonString());
        obj!["metadata"]!["generation"]!.GetValue<long>().ShouldBe(1);
        obj["metadata"]!["labels"]!["x"]!.GetValue<string>().ShouldBe("y");
    }
}
