using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class PodDisruptionBudgetStrategyTests(KubeServerFixture server) : StrategyTestBase(server, "poddisruptionbudgets", "policy/v1")
{
    private const string MergePatch = "application/merge-patch+json";

    [Fact]
    public async Task Create_MinAvailable_StatusZeroGenerationOne_Table()
    {
        var ns = await Server.CreateNamespaceAsync("pdb");
        var created = await CreateOkAsync(ns, """{"metadata":{"name":"web"},"spec":{"minAvailable":2,"selector":{"matchLabels":{"app":"web"}}},"status":{"disruptionsAllowed":5}}""");
        created["metadata"]!["generation"]!.GetValue<long>().ShouldBe(1);
        created["status"]!["disruptionsAllowed"]!.GetValue<long>().ShouldBe(0);
        created["status"]!["expectedPods"]!.GetValue<long>().ShouldBe(0);
        (await ColumnsAsync(ns)).ShouldBe(["Name", "Min Available", "Max Unavailable", "Allowed Disruptions", "Age"]);
        var row = await RowAsync(ns, "web");
        row[1]!.GetValue<string>().ShouldBe("2");
        row[2]!.GetValue<string>().ShouldBe("N/A");
        row[3]!.GetValue<long>().ShouldBe(0);
    }

    [Fact]
    public async Task Create_BothSet_Invalid()
    {
        var status = await CreateInvalidAsync("default", """{"metadata":{"name":"both"},"spec":{"minAvailable":1,"maxUnavailable":"50%"}}""");
        status["message"]!.GetValue<string>().ShouldStartWith("PodDisruptionBudget.policy \"both\" is invalid: spec: Invalid value: policy.PodDisruptionBudgetSpec{");
        status["message"]!.GetValue<string>().ShouldEndWith(": minAvailable and maxUnavailable cannot be both set");
    }

    [Fact]
    public async Task Create_BadPercentAndNegative_InvalidWithUpstreamMessages()
    {
        var status = await CreateInvalidAsync("default", """{"metadata":{"name":"pct"},"spec":{"maxUnavailable":"half"}}""");
        status["message"]!.GetValue<string>().ShouldBe("PodDisruptionBudget.policy \"pct\" is invalid: spec.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"half\"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')");
        var over = await CreateInvalidAsync("default", """{"metadata":{"name":"over"},"spec":{"minAvailable":"120%"}}""");
        over["message"]!.GetValue<string>().ShouldBe("PodDisruptionBudget.policy \"over\" is invalid: spec.minAvailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"120%\"}: must not be greater than 100%");
        var negative = await CreateInvalidAsync("default", """{"metadata":{"name":"neg"},"spec":{"minAvailable":-1}}""");
        negative["message"]!.GetValue<string>().ShouldBe("PodDisruptionBudget.policy \"neg\" is invalid: spec.minAvailable: Invalid value: -1: must be greater than or equal to 0");
    }

    [Fact]
    public async Task Create_BadSelectorAndEvictionPolicy_Invalid()
    {
        var status = await CreateInvalidAsync("default", """{"metadata":{"name":"sel"},"spec":{"maxUnavailable":1,"selector":{"matchExpressions":[{"key":"app","operator":"In"}]},"unhealthyPodEvictionPolicy":"Sometimes"}}""");
        status["message"]!.GetValue<string>().ShouldBe("PodDisruptionBudget.policy \"sel\" is invalid: [spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn', spec.unhealthyPodEvictionPolicy: Unsupported value: \"Sometimes\": supported values: \"AlwaysAllow\", \"IfHealthyBudget\"]");
    }

    [Fact]
    public async Task Update_SpecBumpsGeneration_StatusOnlyThroughSubresource()
    {
        var ns = await Server.CreateNamespaceAsync("pdb");
        await CreateOkAsync(ns, """{"metadata":{"name":"api"},"spec":{"maxUnavailable":"25%","selector":{"matchLabels":{"app":"api"}}}}""");
        var (code, updated, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/api", """{"spec":{"maxUnavailable":"50%"},"status":{"disruptionsAllowed":3}}""", MergePatch);
        code.ShouldBe(200);
        updated!["metadata"]!["generation"]!.GetValue<long>().ShouldBe(2);
        updated["status"]!["disruptionsAllowed"]!.GetValue<long>().ShouldBe(0);

        var (statusCode, status, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/api/status", """{"spec":{"maxUnavailable":"99%"},"status":{"disruptionsAllowed":3,"expectedPods":4}}""", MergePatch);
        statusCode.ShouldBe(200, status?.ToJsonString());
        status!["status"]!["disruptionsAllowed"]!.GetValue<long>().ShouldBe(3);
        status["spec"]!["maxUnavailable"]!.GetValue<string>().ShouldBe("50%");
        var row = await RowAsync(ns, "api");
        row[2]!.GetValue<string>().ShouldBe("50%");
        row[3]!.GetValue<long>().ShouldBe(3);

        var (badCode, bad, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/api/status", """{"status":{"currentHealthy":-1}}""", MergePatch);
        badCode.ShouldBe(422);
        bad!["message"]!.GetValue<string>().ShouldBe("PodDisruptionBudget.policy \"api\" is invalid: status.currentHealthy: Invalid value: -1: must be greater than or equal to 0");
    }
}
