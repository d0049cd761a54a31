using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class PodTemplateStrategyTests(KubeServerFixture server) : StrategyTestBase(server, "podtemplates")
{
    [Fact]
    public async Task Create_DefaultedGenerationOne_Table()
    {
        var ns = await Server.CreateNamespaceAsync("pt");
        var created = await CreateOkAsync(ns, """{"metadata":{"name":"batch"},"template":{"metadata":{"labels":{"tier":"batch","app":"jobs"}},"spec":{"restartPolicy":"Never","containers":[{"name":"main","image":"busybox"},{"name":"side","image":"envoy:v1"}]}}}""");
        created["metadata"]!["generation"]!.GetValue<long>().ShouldBe(1);
        var spec = created["template"]!["spec"]!;
        spec["restartPolicy"]!.GetValue<string>().ShouldBe("Never");
        spec["dnsPolicy"]!.GetValue<string>().ShouldBe("ClusterFirst");
        spec["containers"]![0]!["imagePullPolicy"]!.GetValue<string>().ShouldBe("Always");
        spec["containers"]![1]!["imagePullPolicy"]!.GetValue<string>().ShouldBe("IfNotPresent");
        (await ColumnsAsync(ns)).ShouldBe(["Name", "Containers", "Images", "Pod Labels"]);
        (await RowAsync(ns, "batch")).Select(c => c!.GetValue<string>()).ShouldBe(["batch", "main,side", "busybox,envoy:v1", "app=jobs,tier=batch"]);
    }

    [Fact]
    public async Task Create_BadContainers_InvalidUnderTemplateSpec()
    {
        var ns = await Server.CreateNamespaceAsync("pt");
        var status = await CreateInvalidAsync(ns, """{"metadata":{"name":"bad"},"template":{"spec":{"restartPolicy":"Sometimes","containers":[{"name":"Main"}]}}}""");
        status["message"]!.GetValue<string>().ShouldBe("PodTemplate \"bad\" is invalid: [template.spec.containers[0].name: Invalid value: \"Main\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?'), template.spec.containers[0].image: Required value, template.spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"]");
    }

    [Fact]
    public async Task Update_TemplateChange_GenerationBumps_LabelsOnlyNot()
    {
        var ns = await Server.CreateNamespaceAsync("pt");
        await CreateOkAsync(ns, """{"metadata":{"name":"t"},"template":{"spec":{"containers":[{"name":"main","image":"busybox"}]}}}""");
        var (code, relabeled, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/t", """{"metadata":{"labels":{"a":"b"}}}""", "application/merge-patch+json");
        code.ShouldBe(200);
        relabeled!["metadata"]!["generation"]!.GetValue<long>().ShouldBe(1);
        var (code2, changed, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/t", """{"template":{"spec":{"containers":[{"name":"main","image":"busybox:1.36"}]}}}""", "application/strategic-merge-patch+json");
        code2.ShouldBe(200, changed?.ToJsonString());
        changed!["metadata"]!["generation"]!.GetValue<long>().ShouldBe(2);
        changed["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>().ShouldBe("busybox:1.36");
        (await RowAsync(ns, "t"))[3]!.GetValue<string>().ShouldBe("<none>");
    }
}
