using System.Text.Json.Nodes;
using Lotse.Kube.Pods;
using Lotse.Kube.Registry.Strategies;
using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class PodStrategyTests(KubeServerFixture server) : StrategyTestBase(server, "pods")
{
    private const string Nginx = """{"metadata":{"name":"web"},"spec":{"containers":[{"name":"nginx","image":"nginx","ports":[{"containerPort":80}]}]}}""";

    [Fact]
    public async Task Create_Minimal_DefaultedAsKubeApiserver()
    {
        var ns = await Server.CreateNamespaceAsync();
        var pod = await CreateOkAsync(ns, Nginx);
        var spec = pod["spec"]!;
        spec["restartPolicy"]!.GetValue<string>().ShouldBe("Always");
        spec["dnsPolicy"]!.GetValue<string>().ShouldBe("ClusterFirst");
        spec["terminationGracePeriodSeconds"]!.GetValue<int>().ShouldBe(30);
        spec["schedulerName"]!.GetValue<string>().ShouldBe("default-scheduler");
        spec["securityContext"]!.AsObject().Count.ShouldBe(0);
        spec["enableServiceLinks"]!.GetValue<bool>().ShouldBeTrue();
        spec["serviceAccountName"]!.GetValue<string>().ShouldBe("default");
        spec["serviceAccount"]!.GetValue<string>().ShouldBe("default");
        spec["priority"]!.GetValue<int>().ShouldBe(0);
        spec["preemptionPolicy"]!.GetValue<string>().ShouldBe("PreemptLowerPriority");
        var tolerations = spec["tolerations"]!.AsArray();
        tolerations.Select(t => t!["key"]!.GetValue<string>()).ShouldBe(["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"]);
        tolerations.ShouldAllBe(t => t!["operator"]!.GetValue<string>() == "Exists" && t["effect"]!.GetValue<string>() == "NoExecute" && t["tolerationSeconds"]!.GetValue<int>() == 300);
        var container = spec["containers"]![0]!;
        container["imagePullPolicy"]!.GetValue<string>().ShouldBe("Always");
        container["terminationMessagePath"]!.GetValue<string>().ShouldBe("/dev/termination-log");
        container["terminationMessagePolicy"]!.GetValue<string>().ShouldBe("File");
        container["resources"]!.AsObject().Count.ShouldBe(0);
        container["ports"]![0]!["protocol"]!.GetValue<string>().ShouldBe("TCP");
        pod["status"]!["phase"]!.GetValue<string>().ShouldBe("Pending");
        pod["status"]!["qosClass"]!.GetValue<string>().ShouldBe("BestEffort");
    }

    [Fact]
    public async Task Create_Default_ServiceAccountTokenVolumeMounted()
    {
        var ns = await Server.CreateNamespaceAsync();
        var pod = await CreateOkAsync(ns, Nginx);
        var volume = pod["spec"]!["volumes"]![0]!;
        var name = volume["name"]!.GetValue<string>();
        name.ShouldMatch("^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$");
        volume["projected"]!["sources"]![0]!["serviceAccountToken"]!["expirationSeconds"]!.GetValue<int>().ShouldBe(3607);
        volume["projected"]!["defaultMode"]!.GetValue<int>().ShouldBe(420);
        var mount = pod["spec"]!["containers"]![0]!["volumeMounts"]![0]!;
        mount["name"]!.GetValue<string>().ShouldBe(name);
        mount["mountPath"]!.GetValue<string>().ShouldBe(PodDefaults.ServiceAccountMountPath);
        mount["readOnly"]!.GetValue<bool>().ShouldBeTrue();

        var optOut = await CreateOkAsync(ns, """{"metadata":{"name":"quiet"},"spec":{"automountServiceAccountToken":false,"containers":[{"name":"a","image":"x"}]}}""");
        optOut["spec"]!["volumes"].ShouldBeNull();
    }

    [Theory]
    [InlineData("nginx", "Always")]
    [InlineData("nginx:latest", "Always")]
    [InlineData("nginx:1.27", "IfNotPresent")]
    [InlineData("localhost:5000/app", "Always")]
    [InlineData("nginx@sha256:abc", "IfNotPresent")]
    public void PullPolicyFor_Image_MatchesUpstream(string image, string expected) => PodDefaults.PullPolicyFor(image).ShouldBe(expected);

    [Theory]
    [InlineData("""{"requests":{"cpu":"100m"}}""", null, "Burstable")]
    [InlineData("""{"limits":{"cpu":"1","memory":"1Gi"}}""", null, "Guaranteed")]
    [InlineData("""{"limits":{"cpu":"1","memory":"1Gi"},"requests":{"cpu":"1000m","memory":"1024Mi"}}""", null, "Guaranteed")]
    [InlineData("""{"limits":{"cpu":"1","memory":"1Gi"},"requests":{"cpu":"500m"}}""", null, "Burstable")]
    [InlineData("""{"limits":{"cpu":"1","memory":"1Gi"}}""", "{}", "Burstable")]
    public async Task Create_Resources_QosClassComputed(string resources, string? secondResources, string qos)
    {
        var ns = await Server.CreateNamespaceAsync();
        var second = secondResources is null ? "" : $$""",{"name":"b","image":"busybox","resources":{{secondResources}}}""";
        var pod = await CreateOkAsync(ns, $$$"""{"metadata":{"name":"q"},"spec":{"containers":[{"name":"a","image":"nginx","resources":{{{resources}}}}{{{second}}}]}}""");
        pod["status"]!["qosClass"]!.GetValue<string>().ShouldBe(qos);
    }

    [Theory]
    [InlineData("""{"metadata":{"name":"none"},"spec":{"containers":[]}}""", "Pod \"none\" is invalid: spec.containers: Required value")]
    [InlineData("""{"metadata":{"name":"noimage"},"spec":{"containers":[{"name":"a"}]}}""", "Pod \"noimage\" is invalid: spec.containers[0].image: Required value")]
    [InlineData("""{"metadata":{"name":"dup"},"spec":{"containers":[{"name":"a","image":"x"},{"name":"a","image":"y"}]}}""", "Pod \"dup\" is invalid: spec.containers[1].name: Duplicate value: \"a\"")]
    [InlineData("""{"metadata":{"name":"badname"},"spec":{"containers":[{"name":"A_b","image":"x"}]}}""", "Pod \"badname\" is invalid: spec.containers[0].name: Invalid value: \"A_b\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')")]
    [InlineData("""{"metadata":{"name":"restart"},"spec":{"restartPolicy":"Sometimes","containers":[{"name":"a","image":"x"}]}}""", "Pod \"restart\" is invalid: spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"")]
    [InlineData("""{"metadata":{"name":"port"},"spec":{"containers":[{"name":"a","image":"x","ports":[{"containerPort":70000,"protocol":"HTTP"}]}]}}""", "Pod \"port\" is invalid: [spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive, spec.containers[0].ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"]")]
    [InlineData("""{"metadata":{"name":"portname"},"spec":{"containers":[{"name":"a","image":"x","ports":[{"containerPort":80,"name":"http"},{"containerPort":81,"name":"http"}]}]}}""", "Pod \"portname\" is invalid: spec.containers[0].ports[1].name: Duplicate value: \"http\"")]
    public async Task Create_BadSpec_InvalidWithUpstreamMessage(string body, string message)
    {
        (await CreateInvalidAsync("default", body))["message"]!.GetValue<string>().ShouldBe(message);
    }

    [Fact]
    public async Task Update_ImageChange_Allowed()
    {
        var ns = await Server.CreateNamespaceAsync();
        await CreateOkAsync(ns, Nginx);
        var (code, pod, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/web", """{"spec":{"containers":[{"name":"nginx","image":"nginx:1.27"}]}}""", "application/strategic-merge-patch+json");
        code.ShouldBe(200, pod?.ToJsonString());
        pod!["spec"]!["containers"]![0]!["image"]!.GetValue<string>().ShouldBe("nginx:1.27");
        pod["spec"]!["containers"]![0]!["ports"]![0]!["containerPort"]!.GetValue<int>().ShouldBe(80);
    }

    [Fact]
    public async Task Update_OtherSpecField_Forbidden()
    {
        var ns = await Server.CreateNamespaceAsync();
        await CreateOkAsync(ns, Nginx);
        var (code, status, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/web", """{"spec":{"restartPolicy":"Never"}}""", "application/merge-patch+json");
        code.ShouldBe(422, status?.ToJsonString());
        status!["message"]!.GetValue<string>().ShouldStartWith($"Pod \"web\" is invalid: spec: Forbidden: {PodStrategy.SpecUpdateMessage}\n");
        status["details"]!["causes"]![0]!["field"]!.GetValue<string>().ShouldBe("spec");
    }

    [Fact]
    public async Task Update_StatusInBody_Ignored()
    {
        var ns = await Server.CreateNamespaceAsync();
        await CreateOkAsync(ns, Nginx);
        var (code, pod, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/web", """{"metadata":{"labels":{"a":"b"}},"status":{"phase":"Running"}}""", "application/merge-patch+json");
        code.ShouldBe(200, pod?.ToJsonString());
        pod!["status"]!["phase"]!.GetValue<string>().ShouldBe("Pending");
        pod["metadata"]!["labels"]!["a"]!.GetValue<string>().ShouldBe("b");
    }

    [Fact]
    public async Task StatusSubresource_Patch_ChangesStatusOnlyAndTable()
    {
        var ns = await Server.CreateNamespaceAsync();
        await CreateOkAsync(ns, Nginx);
        var status = """
            {"spec":{"nodeName":"ignored"},"status":{"phase":"Running","podIP":"10.0.0.5","conditions":[{"type":"Ready","status":"True"}],
             "containerStatuses":[{"name":"nginx","ready":true,"restartCount":2,"image":"nginx","imageID":"","state":{"running":{}}}]}}
            """;
        var (code, pod, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/web/status", status, "application/merge-patch+json");
        code.ShouldBe(200, pod?.ToJsonString());
        pod!["status"]!["phase"]!.GetValue<string>().ShouldBe("Running");
        pod["status"]!["podIPs"]![0]!["ip"]!.GetValue<string>().ShouldBe("10.0.0.5");
        pod["spec"]!["nodeName"].ShouldBeNull();

        var (getCode, got, _) = await Http.GetJsonAsync($"{Collection(ns)}/web/status");
        getCode.ShouldBe(200);
        got!["status"]!["phase"]!.GetValue<string>().ShouldBe("Running");

        var row = await RowAsync(ns, "web");
        row.Select(c => c!.ToString()).Skip(1).Take(3).ShouldBe(["1/1", "Running", "2"]);
        row[5]!.GetValue<string>().ShouldBe("10.0.0.5");
        row[6]!.GetValue<string>().ShouldBe("<none>");
        row[8]!.GetValue<string>().ShouldBe("<none>");

        var (listCode, list, _) = await Http.GetJsonAsync($"{Collection(ns)}?fieldSelector=status.podIP%3D10.0.0.5");
        listCode.ShouldBe(200);
        list!["items"]!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task StatusSubresource_Create_MethodNotAllowed()
    {
        var ns = await Server.CreateNamespaceAsync();
        await CreateOkAsync(ns, Nginx);
        var (code, _, _) = await Http.PostJsonAsync($"{Collection(ns)}/web/status", Nginx);
        code.ShouldBe(405);
    }

    [Fact]
    public async Task Table_PendingPod_ColumnsAndCells()
    {
        var ns = await Server.CreateNamespaceAsync();
        await CreateOkAsync(ns, Nginx);
        (await ColumnsAsync(ns)).ShouldBe(["Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates"]);
        var row = await RowAsync(ns, "web");
        row.Select(c => c!.ToString()).Take(4).ShouldBe(["web", "0/1", "Pending", "0"]);
    }

    [Fact]
    public void TableSummary_WaitingAndInit_ReasonsAsPrinters()
    {
        var now = DateTimeOffset.UtcNow;
        var waiting = JsonNode.Parse("""
            {"metadata":{"name":"p"},"spec":{"containers":[{"name":"a"},{"name":"b"}]},
             "status":{"phase":"Running","containerStatuses":[{"name":"a","ready":true,"state":{"running":{}}},
               {"name":"b","restartCount":3,"state":{"waiting":{"reason":"CrashLoopBackOff"}}}]}}
            """)!.AsObject();
        PodTableSummary.Of(waiting, now).ShouldBe(new PodTableSummary(1, 2, "CrashLoopBackOff", "3"));

        var init = JsonNode.Parse("""
            {"metadata":{"name":"p"},"spec":{"initContainers":[{"name":"i1"},{"name":"i2"}],"containers":[{"name":"a"}]},
             "status":{"phase":"Pending","initContainerStatuses":[{"name":"i1","state":{"terminated":{"exitCode":0}}},{"name":"i2","state":{"running":{}}}]}}
            """)!.AsObject();
        PodTableSummary.Of(init, now).Reason.ShouldBe("Init:1/2");

        var deleting = JsonNode.Parse("""{"metadata":{"name":"p","deletionTimestamp":"2020-01-01T00:00:00Z"},"spec":{"containers":[{"name":"a"}]},"status":{"phase":"Running"}}""")!.AsObject();
        PodTableSummary.Of(deleting, now).Reason.ShouldBe("Terminating");
    }
}
