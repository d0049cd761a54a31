using System.Text.Json.Nodes;
using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class HorizontalPodAutoscalerStrategyTests(KubeServerFixture server) : StrategyTestBase(server, "horizontalpodautoscalers", "autoscaling/v2")
{
    private const string Web = """
        {"metadata":{"name":"web"},"spec":{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"web"},"maxReplicas":5}}
        """;

    private static string V1(string ns) => $"apis/autoscaling/v1/namespaces/{ns}/horizontalpodautoscalers";

    [Fact]
    public async Task Create_Minimal_DefaultMinReplicasAndCpuMetric()
    {
        var obj = await CreateOkAsync(await Server.CreateNamespaceAsync(), Web);
        obj["apiVersion"]!.GetValue<string>().ShouldBe("autoscaling/v2");
        obj["spec"]!["minReplicas"]!.GetValue<long>().ShouldBe(1);
        obj["spec"]!["metrics"]!.ToJsonString().ShouldBe("""[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":80}}}]""");
        obj["spec"]!.AsObject().ContainsKey("behavior").ShouldBeFalse();
        obj["status"]!.ToJsonString().ShouldBe("""{"desiredReplicas":0}""");
    }

    [Fact]
    public async Task Create_PartialBehavior_FilledWithUpstreamDefaults()
    {
        var body = Web.Replace("\"maxReplicas\":5", "\"maxReplicas\":5,\"behavior\":{\"scaleDown\":{\"stabilizationWindowSeconds\":60}}", StringComparison.Ordinal);
        var obj = await CreateOkAsync(await Server.CreateNamespaceAsync(), body);
        obj["spec"]!["behavior"]!.ToJsonString().ShouldBe(
            """{"scaleUp":{"stabilizationWindowSeconds":0,"selectPolicy":"Max","policies":[{"type":"Pods","value":4,"periodSeconds":15},{"type":"Percent","value":100,"periodSeconds":15}]},"scaleDown":{"stabilizationWindowSeconds":60,"selectPolicy":"Max","policies":[{"type":"Percent","value":100,"periodSeconds":15}]}}""");
    }

    [Fact]
    public async Task Create_BadSpec_UpstreamMessages()
    {
        var ns = await Server.CreateNamespaceAsync();
        var replicas = await CreateInvalidAsync(ns, """{"metadata":{"name":"bad"},"spec":{"scaleTargetRef":{"name":"a/b"},"minReplicas":0,"maxReplicas":0}}""");
        replicas["message"]!.GetValue<string>().ShouldBe(
            "HorizontalPodAutoscaler.autoscaling \"bad\" is invalid: [spec.minReplicas: Invalid value: 0: must be greater than or equal to 1, " +
            "spec.maxReplicas: Invalid value: 0: must be greater than 0, spec.scaleTargetRef.kind: Required value, " +
            "spec.scaleTargetRef.name: Invalid value: \"a/b\": may not contain '/', " +
            "spec.metrics: Forbidden: must specify at least one Object or External metric to support scaling to zero replicas]");
        var order = await CreateInvalidAsync(ns, Web.Replace("\"maxReplicas\":5", "\"minReplicas\":6,\"maxReplicas\":5", StringComparison.Ordinal));
        order["message"]!.GetValue<string>().ShouldBe("HorizontalPodAutoscaler.autoscaling \"web\" is invalid: spec.maxReplicas: Invalid value: 5: must be greater than or equal to `minReplicas`");
    }

    [Fact]
    public async Task Create_BadMetrics_UpstreamMessages()
    {
        var body = Web.Replace("\"maxReplicas\":5", """
            "maxReplicas":5,"metrics":[
              {"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":0}}},
              {"type":"Pods"},
              {"type":"Gpu"},
              {"type":"Pods","resource":{"name":"memory","target":{"type":"AverageValue","averageValue":"1Gi"}},"pods":{"metric":{"name":"x"},"target":{"type":"AverageValue","averageValue":"-1Gi"}}}]
            """, StringComparison.Ordinal);
        var status = await CreateInvalidAsync(await Server.CreateNamespaceAsync(), body);
        status["message"]!.GetValue<string>().ShouldBe(
            "HorizontalPodAutoscaler.autoscaling \"web\" is invalid: [spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0, " +
            "spec.metrics[1].pods: Required value: must populate information for the given metric source, " +
            "spec.metrics[2].type: Unsupported value: \"Gpu\": supported values: \"ContainerResource\", \"External\", \"Object\", \"Pods\", \"Resource\", " +
            "spec.metrics[3].pods.target.averageValue: Invalid value: -1Gi: must be positive, " +
            "spec.metrics[3].resource: Forbidden: must populate the given metric source only]");
    }

    [Fact]
    public async Task Create_WrongJsonTypes_DecodeErrors()
    {
        var ns = await Server.CreateNamespaceAsync();
        var (code, status, _) = await Http.PostJsonAsync(Collection(ns), Web.Replace("\"maxReplicas\":5", "\"maxReplicas\":5,\"metrics\":\"cpu\"", StringComparison.Ordinal));
        code.ShouldBe(400, status?.ToJsonString());
        status!["message"]!.GetValue<string>().ShouldEndWith("json: cannot unmarshal string into Go struct field HorizontalPodAutoscaler.spec.metrics of type []v2.MetricSpec");
        var (maxCode, max, _) = await Http.PostJsonAsync(Collection(ns), Web.Replace("\"maxReplicas\":5", "\"maxReplicas\":\"5\"", StringComparison.Ordinal));
        maxCode.ShouldBe(400, max?.ToJsonString());
        max!["message"]!.GetValue<string>().ShouldEndWith("json: cannot unmarshal string into Go struct field HorizontalPodAutoscaler.spec.maxReplicas of type int32");
    }

    [Fact]
    public async Task Status_OnlyThroughSubresource_ShownInTable()
    {
        var ns = await Server.CreateNamespaceAsync();
        await CreateOkAsync(ns, Web);
        var (code, status, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/web/status",
            """{"spec":{"maxReplicas":9},"status":{"currentReplicas":2,"desiredReplicas":3,"currentMetrics":[{"type":"Resource","resource":{"name":"cpu","current":{"averageUtilization":42,"averageValue":"120m"}}}]}}""",
            "application/merge-patch+json");
        code.ShouldBe(200, status?.ToJsonString());
        status!["spec"]!["maxReplicas"]!.GetValue<long>().ShouldBe(5);
        var (mainCode, main, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/web", """{"status":{"currentReplicas":0}}""", "application/merge-patch+json");
        mainCode.ShouldBe(200, main?.ToJsonString());
        main!["status"]!["currentReplicas"]!.GetValue<long>().ShouldBe(2);

        (await ColumnsAsync(ns)).ShouldBe(["Name", "Reference", "Targets", "MinPods", "MaxPods", "Replicas", "Age"]);
        var row = await RowAsync(ns, "web");
        row[0]!.GetValue<string>().ShouldBe("web");
        row[1]!.GetValue<string>().ShouldBe("Deployment/web");
        row[2]!.GetValue<string>().ShouldBe("cpu: 42%/80%");
        row[3]!.GetValue<string>().ShouldBe("1");
        row[4]!.GetValue<long>().ShouldBe(5);
        row[5]!.GetValue<long>().ShouldBe(2);
        row[6]!.GetValue<string>().ShouldMatch(@"^\d+s$");
    }

    [Fact]
    public async Task Table_ManyMetrics_TwoShownThenMore()
    {
        var body = Web.Replace("\"maxReplicas\":5", """
            "maxReplicas":5,"metrics":[
              {"type":"Resource","resource":{"name":"memory","target":{"type":"AverageValue","averageValue":"512Mi"}}},
              {"type":"Pods","pods":{"metric":{"name":"qps"},"target":{"type":"AverageValue","averageValue":"10"}}},
              {"type":"External","external":{"metric":{"name":"queue"},"target":{"type":"AverageValue","averageValue":"30"}}}]
            """, StringComparison.Ordinal);
        var ns = await Server.CreateNamespaceAsync();
        await CreateOkAsync(ns, body);
        (await RowAsync(ns, "web"))[2]!.GetValue<string>().ShouldBe("memory: <unknown>/512Mi, <unknown>/10 + 1 more...");
    }

    [Fact]
    public async Task V1_CreateAndGet_ConvertedBothWays()
    {
        var ns = await Server.CreateNamespaceAsync();
        var (code, created, _) = await Http.PostJsonAsync(V1(ns), """
            {"apiVersion":"autoscaling/v1","kind":"HorizontalPodAutoscaler","metadata":{"name":"api"},"spec":{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"api"},"minReplicas":2,"maxReplicas":4,"targetCPUUtilizationPercentage":60}}
            """);
        code.ShouldBe(201, created?.ToJsonString());
        created!["apiVersion"]!.GetValue<string>().ShouldBe("autoscaling/v1");
        created["spec"]!.ToJsonString().ShouldBe("""{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"api"},"minReplicas":2,"maxReplicas":4,"targetCPUUtilizationPercentage":60}""");
        created["status"]!.ToJsonString().ShouldBe("""{"currentReplicas":0,"desiredReplicas":0}""");

        var (_, v2, _) = await Http.GetJsonAsync($"{Collection(ns)}/api");
        v2!["apiVersion"]!.GetValue<string>().ShouldBe("autoscaling/v2");
        v2["spec"]!["metrics"]![0]!["resource"]!["target"]!["averageUtilization"]!.GetValue<long>().ShouldBe(60);

        var (getCode, v1, _) = await Http.GetJsonAsync($"{V1(ns)}/api");
        getCode.ShouldBe(200, v1?.ToJsonString());
        v1!["spec"]!["targetCPUUtilizationPercentage"]!.GetValue<long>().ShouldBe(60);

        var (listCode, list, _) = await Http.GetJsonAsync($"{V1(ns)}?labelSelector=");
        listCode.ShouldBe(200, list?.ToJsonString());
        list!["kind"]!.GetValue<string>().ShouldBe("HorizontalPodAutoscalerList");
        list["apiVersion"]!.GetValue<string>().ShouldBe("autoscaling/v1");
        list["items"]!.AsArray().Select(i => i!["spec"]!["targetCPUUtilizationPercentage"]!.GetValue<long>()).ShouldBe([60]);
        var (tableCode, table, _) = await Http.GetJsonAsync(V1(ns), TableAccept);
        tableCode.ShouldBe(200, table?.ToJsonString());
        table!["rows"]![0]!["cells"]![2]!.GetValue<string>().ShouldBe("cpu: <unknown>/60%");

        var (badCode, bad, _) = await Http.PostJsonAsync(V1(ns), """{"metadata":{"name":"bad"},"spec":{"scaleTargetRef":{"kind":"Deployment","name":"x"},"maxReplicas":2,"targetCPUUtilizationPercentage":0}}""");
        badCode.ShouldBe(422, bad?.ToJsonString());
        bad!["message"]!.GetValue<string>().ShouldBe("HorizontalPodAutoscaler.autoscaling \"bad\" is invalid: spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0");

        var (deleteCode, _, _) = await Http.SendJsonAsync(HttpMethod.Delete, $"{V1(ns)}/api", "{}");
        deleteCode.ShouldBe(200);
        (await Http.GetJsonAsync($"{Collection(ns)}/api")).Item1.ShouldBe(404);
    }

    [Fact]
    public async Task Discovery_V2PreferredWithShortNameAndCategory()
    {
        var (_, group, _) = await Http.GetJsonAsync("apis/autoscaling");
        group!["versions"]!.AsArray().Select(v => v!["version"]!.GetValue<string>()).ShouldBe(["v2", "v1"]);
        group["preferredVersion"]!["version"]!.GetValue<string>().ShouldBe("v2");
        var (_, list, _) = await Http.GetJsonAsync("apis/autoscaling/v2");
        var hpa = list!["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "horizontalpodautoscalers")!;
        hpa["shortNames"]!.AsArray().Select(s => s!.GetValue<string>()).ShouldBe(["hpa"]);
        hpa["categories"]!.AsArray().Select(s => s!.GetValue<string>()).ShouldBe(["all"]);
        list["resources"]!.AsArray().ShouldContain(r => r!["name"]!.GetValue<string>() == "horizontalpodautoscalers/status");
    }
}
