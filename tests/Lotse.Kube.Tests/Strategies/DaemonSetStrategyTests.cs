using System.Text.Json.Nodes;
using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class DaemonSetStrategyTests(KubeServerFixture server) : StrategyTestBase(server, "daemonsets", "apps/v1")
{
    private const string Agent = """
        {"metadata":{"name":"agent"},"spec":{"selector":{"matchLabels":{"app":"agent"}},
         "template":{"metadata":{"labels":{"app":"agent"}},"spec":{"nodeSelector":{"kubernetes.io/os":"linux","disk":"ssd"},"containers":[{"name":"fluent","image":"fluent/fluent-bit:3.0"}]}}}}
        """;

    [Fact]
    public async Task Create_Minimal_UpstreamDefaultsAndTemplateGeneration()
    {
        var obj = await CreateOkAsync(await Server.CreateNamespaceAsync(), Agent);
        obj["metadata"]!["generation"]!.GetValue<long>().ShouldBe(1);
        obj["metadata"]!["annotations"]!["deprecated.daemonset.template.generation"]!.GetValue<string>().ShouldBe("1");
        obj["status"]!.ToJsonString().ShouldBe("""{"currentNumberScheduled":0,"numberMisscheduled":0,"desiredNumberScheduled":0,"numberReady":0}""");
        obj["spec"]!["updateStrategy"]!.ToJsonString().ShouldBe("""{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":1,"maxSurge":0}}""");
        obj["spec"]!["revisionHistoryLimit"]!.GetValue<long>().ShouldBe(10);
        obj["spec"]!["template"]!["spec"]!["dnsPolicy"]!.GetValue<string>().ShouldBe("ClusterFirst");
    }

    [Fact]
    public async Task Create_BadRollingUpdates_UpstreamMessages()
    {
        var ns = await Server.CreateNamespaceAsync();
        string With(string strategy) => Agent.Replace("\"spec\":{\"selector\"", $"\"spec\":{{\"updateStrategy\":{strategy},\"selector\"", StringComparison.Ordinal);
        var both = await CreateInvalidAsync(ns, With("""{"rollingUpdate":{"maxUnavailable":"10%","maxSurge":1}}"""));
        both["message"]!.GetValue<string>().ShouldBe("DaemonSet.apps \"agent\" is invalid: spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:0, IntVal:1, StrVal:\"\"}: may not be set when maxUnavailable is non-zero");
        var none = await CreateInvalidAsync(ns, With("""{"rollingUpdate":{"maxUnavailable":0}}"""));
        none["message"]!.GetValue<string>().ShouldBe("DaemonSet.apps \"agent\" is invalid: spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0");
        var percent = await CreateInvalidAsync(ns, With("""{"rollingUpdate":{"maxUnavailable":"120%"}}"""));
        percent["message"]!.GetValue<string>().ShouldBe("DaemonSet.apps \"agent\" is invalid: spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"120%\"}: must not be greater than 100%");
        var type = await CreateInvalidAsync(ns, With("""{"type":"Blue"}"""));
        type["message"]!.GetValue<string>().ShouldBe("DaemonSet.apps \"agent\" is invalid: spec.updateStrategy: Unsupported value: apps.DaemonSetUpdateStrategy{Type:\"Blue\", RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}: supported values: \"RollingUpdate\", \"OnDelete\"");
        var onDelete = await CreateOkAsync(ns, With("""{"type":"OnDelete"}"""));
        onDelete["spec"]!["updateStrategy"]!.ToJsonString().ShouldBe("""{"type":"OnDelete"}""");
    }

    [Fact]
    public async Task Create_EmptySelectorAndRestartNever_DaemonSetMessages()
    {
        var body = Agent.Replace("\"selector\":{\"matchLabels\":{\"app\":\"agent\"}}", "\"selector\":{}", StringComparison.Ordinal)
            .Replace("\"spec\":{\"nodeSelector\"", "\"spec\":{\"restartPolicy\":\"Never\",\"nodeSelector\"", StringComparison.Ordinal);
        var status = await CreateInvalidAsync(await Server.CreateNamespaceAsync(), body);
        status["message"]!.GetValue<string>().ShouldBe(
            "DaemonSet.apps \"agent\" is invalid: [spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for daemonset, " +
            "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"]");
    }

    [Fact]
    public async Task Update_TemplateChangeBumpsTemplateGeneration_SelectorImmutable()
    {
        var ns = await Server.CreateNamespaceAsync();
        await CreateOkAsync(ns, Agent);
        var labeled = await PatchAsync($"{Collection(ns)}/agent", """{"metadata":{"labels":{"team":"obs"}}}""");
        labeled["metadata"]!["generation"]!.GetValue<long>().ShouldBe(1);
        labeled["metadata"]!["annotations"]!["deprecated.daemonset.template.generation"]!.GetValue<string>().ShouldBe("1");
        var image = await PatchAsync($"{Collection(ns)}/agent", """{"spec":{"template":{"spec":{"containers":[{"name":"fluent","image":"fluent/fluent-bit:3.1"}]}}}}""");
        image["metadata"]!["generation"]!.GetValue<long>().ShouldBe(2);
        image["metadata"]!["annotations"]!["deprecated.daemonset.template.generation"]!.GetValue<string>().ShouldBe("2");

        var (code, status, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/agent", """{"spec":{"selector":{"matchLabels":{"app":"agent","v":"2"}},"template":{"metadata":{"labels":{"v":"2"}}}}}""", "application/merge-patch+json");
        code.ShouldBe(422, status?.ToJsonString());
        status!["message"]!.GetValue<string>().ShouldBe("DaemonSet.apps \"agent\" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"agent\", \"v\":\"2\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable");
    }

    [Fact]
    public async Task Table_StatusCountsAndWideColumns()
    {
        var ns = await Server.CreateNamespaceAsync();
        await CreateOkAsync(ns, Agent);
        await PatchAsync($"{Collection(ns)}/agent/status", """{"status":{"desiredNumberScheduled":3,"currentNumberScheduled":3,"numberReady":2,"updatedNumberScheduled":3,"numberAvailable":2}}""");
        (await ColumnsAsync(ns)).ShouldBe(["Name", "Desired", "Current", "Ready", "Up-to-date", "Available", "Node Selector", "Age", "Containers", "Images", "Selector"]);
        var row = await RowAsync(ns, "agent");
        row[0]!.GetValue<string>().ShouldBe("agent");
        row[1]!.GetValue<long>().ShouldBe(3);
        row[2]!.GetValue<long>().ShouldBe(3);
        row[3]!.GetValue<long>().ShouldBe(2);
        row[4]!.GetValue<long>().ShouldBe(3);
        row[5]!.GetValue<long>().ShouldBe(2);
        row[6]!.GetValue<string>().ShouldBe("disk=ssd,kubernetes.io/os=linux");
        row[7]!.GetValue<string>().ShouldMatch(@"^\d+s$");
        row[8]!.GetValue<string>().ShouldBe("fluent");
        row[9]!.GetValue<string>().ShouldBe("fluent/fluent-bit:3.0");
        row[10]!.GetValue<string>().ShouldBe("app=agent");
    }

    private async Task<JsonNode> PatchAsync(string path, string patch)
    {
        var (code, obj, _) = await Http.SendJsonAsync(HttpMethod.Patch, path, patch, "application/merge-patch+json");
        code.ShouldBe(200, obj?.ToJsonString());
        return obj!;
    }
}
