using System.Text.Json.Nodes;
using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class DeploymentStrategyTests(KubeServerFixture server) : StrategyTestBase(server, "deployments")
{
    private const string Web = """
        {"metadata":{"name":"web"},"spec":{"selector":{"matchLabels":{"app":"web"}},
         "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx"},{"name":"side","image":"busybox:1.36","ports":[{"containerPort":80}]}]}}}}
        """;

    private static string Apps(string ns) => $"apis/apps/v1/namespaces/{ns}/deployments";

    [Fact]
    public async Task Create_Minimal_DefaultsAppliedGenerationOne()
    {
        var ns = await Server.CreateNamespaceAsync();
        var obj = await CreateAsync(ns, Web);
        obj["metadata"]!["generation"]!.GetValue<long>().ShouldBe(1);
        obj["status"]!.AsObject().Count.ShouldBe(0);
        var spec = obj["spec"]!;
        spec["replicas"]!.GetValue<long>().ShouldBe(1);
        spec["revisionHistoryLimit"]!.GetValue<long>().ShouldBe(10);
        spec["progressDeadlineSeconds"]!.GetValue<long>().ShouldBe(600);
        spec["strategy"]!.ToJsonString().ShouldBe("""{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":"25%"}}""");
        var pod = spec["template"]!["spec"]!;
        pod["restartPolicy"]!.GetValue<string>().ShouldBe("Always");
        pod["dnsPolicy"]!.GetValue<string>().ShouldBe("ClusterFirst");
        pod["terminationGracePeriodSeconds"]!.GetValue<long>().ShouldBe(30);
        pod["schedulerName"]!.GetValue<string>().ShouldBe("default-scheduler");
        pod["securityContext"]!.AsObject().Count.ShouldBe(0);
        var nginx = pod["containers"]![0]!;
        nginx["imagePullPolicy"]!.GetValue<string>().ShouldBe("Always");
        nginx["terminationMessagePath"]!.GetValue<string>().ShouldBe("/dev/termination-log");
        nginx["terminationMessagePolicy"]!.GetValue<string>().ShouldBe("File");
        var side = pod["containers"]![1]!;
        side["imagePullPolicy"]!.GetValue<string>().ShouldBe("IfNotPresent");
        side["ports"]![0]!["protocol"]!.GetValue<string>().ShouldBe("TCP");
    }

    [Fact]
    public async Task Create_RecreateStrategy_NoRollingUpdateDefaults()
    {
        var ns = await Server.CreateNamespaceAsync();
        var obj = await CreateAsync(ns, Web.Replace("\"spec\":{\"selector\"", "\"spec\":{\"strategy\":{\"type\":\"Recreate\"},\"selector\"", StringComparison.Ordinal));
        obj["spec"]!["strategy"]!.ToJsonString().ShouldBe("""{"type":"Recreate"}""");
    }

    [Fact]
    public async Task Create_BadStrategies_UpstreamMessages()
    {
        var ns = await Server.CreateNamespaceAsync();
        var unknown = await InvalidAsync(ns, Web.Replace("\"spec\":{\"selector\"", "\"spec\":{\"strategy\":{\"type\":\"Blue\"},\"selector\"", StringComparison.Ordinal));
        unknown["message"]!.GetValue<string>().ShouldBe("Deployment.apps \"web\" is invalid: spec.strategy.type: Unsupported value: \"Blue\": supported values: \"Recreate\", \"RollingUpdate\"");
        var recreate = await InvalidAsync(ns, Web.Replace("\"spec\":{\"selector\"", "\"spec\":{\"strategy\":{\"type\":\"Recreate\",\"rollingUpdate\":{}},\"selector\"", StringComparison.Ordinal));
        recreate["message"]!.GetValue<string>().ShouldBe("Deployment.apps \"web\" is invalid: spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'");
    }

    [Fact]
    public async Task Create_SelectorDoesNotMatchLabels_InvalidWithUpstreamMessage()
    {
        var status = await InvalidAsync(await Server.CreateNamespaceAsync(), Web.Replace("{\"labels\":{\"app\":\"web\"}}", "{\"labels\":{\"app\":\"other\",\"tier\":\"x\"}}", StringComparison.Ordinal));
        status["message"]!.GetValue<string>().ShouldBe("Deployment.apps \"web\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"other\", \"tier\":\"x\"}: `selector` does not match template `labels`");
    }

    [Fact]
    public async Task Create_NoSelectorNoContainers_AllErrorsReported()
    {
        var status = await InvalidAsync(await Server.CreateNamespaceAsync(), """{"metadata":{"name":"bare"},"spec":{"replicas":-1,"template":{"spec":{"containers":[{"name":"","image":""}]}}}}""");
        status["message"]!.GetValue<string>().ShouldBe("Deployment.apps \"bare\" is invalid: [spec.replicas: Invalid value: -1: must be greater than or equal to 0, spec.selector: Required value, spec.template.spec.containers[0].name: Required value, spec.template.spec.containers[0].image: Required value]");
    }

    [Fact]
    public async Task Create_NoContainers_Required()
    {
        var status = await InvalidAsync(await Server.CreateNamespaceAsync(), """{"metadata":{"name":"empty"},"spec":{"selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"b"}},"spec":{}}}}""");
        status["message"]!.GetValue<string>().ShouldBe("Deployment.apps \"empty\" is invalid: spec.template.spec.containers: Required value");
    }

    [Fact]
    public async Task Update_SelectorChanged_Immutable()
    {
        var ns = await Server.CreateNamespaceAsync();
        await CreateAsync(ns, Web);
        var (code, status, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Apps(ns)}/web", """{"spec":{"selector":{"matchLabels":{"app":"web","v":"2"}},"template":{"metadata":{"labels":{"v":"2"}}}}}""", "application/merge-patch+json");
        code.ShouldBe(422, status?.ToJsonString());
        status!["message"]!.GetValue<string>().ShouldBe("Deployment.apps \"web\" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web\", \"v\":\"2\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable");
    }

    [Fact]
    public async Task Generation_SpecChangeBumps_MetadataAndStatusChangesDoNot()
    {
        var ns = await Server.CreateNamespaceAsync();
        await CreateAsync(ns, Web);
        var labeled = await PatchAsync($"{Apps(ns)}/web", """{"metadata":{"labels":{"team":"a"}}}""");
        labeled["metadata"]!["generation"]!.GetValue<long>().ShouldBe(1);
        var scaled = await PatchAsync($"{Apps(ns)}/web", """{"spec":{"replicas":3}}""");
        scaled["metadata"]!["generation"]!.GetValue<long>().ShouldBe(2);

        var status = await PatchAsync($"{Apps(ns)}/web/status", """{"spec":{"replicas":9},"status":{"readyReplicas":2,"updatedReplicas":3,"availableReplicas":2,"replicas":3}}""");
        status["metadata"]!["generation"]!.GetValue<long>().ShouldBe(2);
        status["spec"]!["replicas"]!.GetValue<long>().ShouldBe(3);
        status["status"]!["readyReplicas"]!.GetValue<long>().ShouldBe(2);

        // The main resource ignores status.
        var ignored = await PatchAsync($"{Apps(ns)}/web", """{"status":{"readyReplicas":0}}""");
        ignored["status"]!["readyReplicas"]!.GetValue<long>().ShouldBe(2);
        var row = await AppsRowAsync(ns, "web");
        row[1]!.GetValue<string>().ShouldBe("2/3");
        row[2]!.GetValue<long>().ShouldBe(3);
        row[3]!.GetValue<long>().ShouldBe(2);
    }

    [Fact]
    public async Task Scale_GetAndPatch_ChangesSpecReplicas()
    {
        var ns = await Server.CreateNamespaceAsync();
        await CreateAsync(ns, Web);
        var (code, scale, _) = await Http.GetJsonAsync($"{Apps(ns)}/web/scale");
        code.ShouldBe(200, scale?.ToJsonString());
        scale!["kind"]!.GetValue<string>().ShouldBe("Scale");
        scale["apiVersion"]!.GetValue<string>().ShouldBe("autoscaling/v1");
        scale["spec"]!["replicas"]!.GetValue<long>().ShouldBe(1);
        scale["status"]!["replicas"]!.GetValue<long>().ShouldBe(0);
        scale["status"]!["selector"]!.GetValue<string>().ShouldBe("app=web");

        var patched = await PatchAsync($"{Apps(ns)}/web/scale", """{"spec":{"replicas":5}}""");
        patched["kind"]!.GetValue<string>().ShouldBe("Scale");
        patched["spec"]!["replicas"]!.GetValue<long>().ShouldBe(5);
        var (_, deployment, _) = await Http.GetJsonAsync($"{Apps(ns)}/web");
        deployment!["spec"]!["replicas"]!.GetValue<long>().ShouldBe(5);
        deployment["metadata"]!["generation"]!.GetValue<long>().ShouldBe(2);

        var (putCode, put, _) = await Http.SendJsonAsync(HttpMethod.Put, $"{Apps(ns)}/web/scale", """{"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"name":"web"},"spec":{"replicas":-2}}""");
        putCode.ShouldBe(422, put?.ToJsonString());
        put!["message"]!.GetValue<string>().ShouldBe("Scale.autoscaling \"web\" is invalid: spec.replicas: Invalid value: -2: must be greater than or equal to 0");

        var (staleCode, _, _) = await Http.SendJsonAsync(HttpMethod.Put, $"{Apps(ns)}/web/scale", """{"metadata":{"name":"web","resourceVersion":"1"},"spec":{"replicas":2}}""");
        staleCode.ShouldBe(409);
    }

    [Fact]
    public async Task Table_Wide_ColumnsAndCells()
    {
        var ns = await Server.CreateNamespaceAsync();
        await CreateAsync(ns, Web);
        var (_, table, _) = await Http.GetJsonAsync(Apps(ns), TableAccept);
        table!["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>())
            .ShouldBe(["Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector"]);
        var row = await AppsRowAsync(ns, "web");
        row[0]!.GetValue<string>().ShouldBe("web");
        row[1]!.GetValue<string>().ShouldBe("0/1");
        row[2]!.GetValue<long>().ShouldBe(0);
        row[3]!.GetValue<long>().ShouldBe(0);
        row[4]!.GetValue<string>().ShouldMatch(@"^\d+s$");
        row[5]!.GetValue<string>().ShouldBe("nginx,side");
        row[6]!.GetValue<string>().ShouldBe("nginx,busybox:1.36");
        row[7]!.GetValue<string>().ShouldBe("app=web");
    }

    [Fact]
    public async Task Discovery_AppsGroup_ListsStatusAndScale()
    {
        var (code, list, _) = await Http.GetJsonAsync("apis/apps/v1");
        code.ShouldBe(200);
        var names = list!["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ToList();
        names.ShouldContain("deployments/status");
        names.ShouldContain("replicasets/scale");
        var scale = list["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "deployments/scale")!;
        scale["group"]!.GetValue<string>().ShouldBe("autoscaling");
        scale["kind"]!.GetValue<string>().ShouldBe("Scale");
        var deployments = list["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "deployments")!;
        deployments["shortNames"]!.AsArray().Select(s => s!.GetValue<string>()).ShouldBe(["deploy"]);
        deployments["categories"]!.AsArray().Select(s => s!.GetValue<string>()).ShouldBe(["all"]);
    }

    private async Task<JsonNode> CreateAsync(string ns, string body)
    {
        var (code, obj, _) = await Http.PostJsonAsync(Apps(ns), body);
        code.ShouldBe(201, obj?.ToJsonString());
        return obj!;
    }

    private async Task<JsonNode> InvalidAsync(string ns, string body)
    {
        var (code, status, _) = await Http.PostJsonAsync(Apps(ns), body);
        code.ShouldBe(422, status?.ToJsonString());
        status!["reason"]!.GetValue<string>().ShouldBe("Invalid");
        return status;
    }

    private async Task<JsonNode> PatchAsync(string path, string patch)
    {
        var (code, obj, _) = await Http.SendJsonAsync(HttpMethod.Patch, path, patch, "application/merge-patch+json");
        code.ShouldBe(200, obj?.ToJsonString());
        return obj!;
    }

    private async Task<JsonArray> AppsRowAsync(string ns, string name)
    {
        var (code, table, _) = await Http.GetJsonAsync($"{Apps(ns)}/{name}", TableAccept);
        code.ShouldBe(200, table?.ToJsonString());
        return table!["rows"]![0]!["cells"]!.AsArray();
    }
}
