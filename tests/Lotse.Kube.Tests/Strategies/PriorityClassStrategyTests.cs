using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class PriorityClassStrategyTests(KubeServerFixture server) : StrategyTestBase(server, "priorityclasses", "scheduling.k8s.io/v1", clusterScoped: true)
{
    private const string MergePatch = "application/merge-patch+json";

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task NewCluster_SystemClasses_PresentAsKubeApiServerCreatesThem()
    {
        var (code, node, _) = await Http.GetJsonAsync($"{Collection("")}/system-node-critical");
        code.ShouldBe(200);
        node!["value"]!.GetValue<long>().ShouldBe(2000001000);
        node["preemptionPolicy"]!.GetValue<string>().ShouldBe("PreemptLowerPriority");
        node["description"]!.GetValue<string>().ShouldBe("Used for system critical pods that must not be moved from their current node.");
        var row = await RowAsync("", "system-cluster-critical");
        row[1]!.GetValue<long>().ShouldBe(2000000000);
        row[2]!.GetValue<bool>().ShouldBeFalse();
        row[4]!.GetValue<string>().ShouldBe("PreemptLowerPriority");
        (await ColumnsAsync("")).ShouldBe(["Name", "Value", "Global-Default", "Age", "PreemptionPolicy"]);
    }

    [Fact]
    public async Task Delete_SystemClass_ForbiddenWithUpstreamMessage()
    {
        var (code, status, _) = await Http.SendJsonAsync(HttpMethod.Delete, $"{Collection("")}/system-cluster-critical");
        code.ShouldBe(403);
        status!["message"]!.GetValue<string>().ShouldBe("priorityclasses.scheduling.k8s.io \"system-cluster-critical\" is forbidden: this is a system priority class and cannot be deleted");
        (await Http.GetJsonAsync($"{Collection("")}/system-cluster-critical")).Code.ShouldBe(200);
    }

    [Fact]
    public async Task Create_UserClass_DefaultsPreemptionPolicy()
    {
        var name = Unique("high");
        var created = await CreateOkAsync("", $$$"""{"metadata":{"name":"{{{name}}}"},"value":1000,"description":"x"}""");
        created["preemptionPolicy"]!.GetValue<string>().ShouldBe("PreemptLowerPriority");
        created["metadata"]!["namespace"].ShouldBeNull();
    }

    [Fact]
    public async Task Create_SystemPrefix_ForbiddenName()
    {
        var status = await CreateInvalidAsync("", """{"metadata":{"name":"system-mine"},"value":10}""");
        status["message"]!.GetValue<string>().ShouldBe("PriorityClass.scheduling.k8s.io \"system-mine\" is invalid: metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-mine is not a known system priority class");
    }

    [Fact]
    public async Task Create_ValueAboveUserMaximum_Forbidden()
    {
        var name = Unique("huge");
        var status = await CreateInvalidAsync("", $$$"""{"metadata":{"name":"{{{name}}}"},"value":1000000001}""");
        status["message"]!.GetValue<string>().ShouldBe($"PriorityClass.scheduling.k8s.io \"{name}\" is invalid: value: Forbidden: maximum allowed value of a user defined priority is 1000000000");
    }

    [Fact]
    public async Task Create_StringValue_BadRequestAsGoDecoderSaysIt()
    {
        var (code, status, _) = await Http.PostJsonAsync(Collection(""), """{"metadata":{"name":"str-value"},"value":"100"}""");
        code.ShouldBe(400);
        status!["message"]!.GetValue<string>().ShouldBe("PriorityClass in version \"v1\" cannot be handled as a PriorityClass: json: cannot unmarshal string into Go struct field PriorityClass.value of type int32");
    }

    [Fact]
    public async Task Create_UnknownPreemptionPolicy_NotSupported()
    {
        var name = Unique("pp");
        var status = await CreateInvalidAsync("", $$$"""{"metadata":{"name":"{{{name}}}"},"value":1,"preemptionPolicy":"Sometimes"}""");
        status["message"]!.GetValue<string>().ShouldEndWith("preemptionPolicy: Unsupported value: \"Sometimes\": supported values: \"Never\", \"PreemptLowerPriority\"");
    }

    [Fact]
    public async Task Update_ValueAndPreemptionPolicy_Immutable()
    {
        var name = Unique("imm");
        await CreateOkAsync("", $$$"""{"metadata":{"name":"{{{name}}}"},"value":5}""");
        var (code, status, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection("")}/{name}", """{"value":6,"preemptionPolicy":"Never"}""", MergePatch);
        code.ShouldBe(422);
        status!["message"]!.GetValue<string>().ShouldBe($"PriorityClass.scheduling.k8s.io \"{name}\" is invalid: [value: Forbidden: may not be changed in an update., preemptionPolicy: Invalid value: \"Never\": field is immutable]");
        var (ok, updated, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection("")}/{name}", """{"description":"changed"}""", MergePatch);
        ok.ShouldBe(200);
        updated!["description"]!.GetValue<string>().ShouldBe("changed");
    }

    [Fact]
    public async Task Create_SecondGlobalDefault_ForbiddenByAdmission()
    {
        var first = Unique("def-a");
        var second = Unique("def-b");
        await CreateOkAsync("", $$$"""{"metadata":{"name":"{{{first}}}"},"value":7,"globalDefault":true}""");
        try
        {
            var (code, status, _) = await Http.PostJsonAsync(Collection(""), $$$"""{"metadata":{"name":"{{{second}}}"},"value":8,"globalDefault":true}""");
            code.ShouldBe(403);
            status!["message"]!.GetValue<string>().ShouldBe($"priorityclasses.scheduling.k8s.io \"{second}\" is forbidden: PriorityClass {first} is already marked as default. Only one default can exist");
            var row = await RowAsync("", first);
            row[2]!.GetValue<bool>().ShouldBeTrue();
        }
        finally
        {
            (await Http.SendJsonAsync(HttpMethod.Delete, $"{Collection("")}/{first}")).Code.ShouldBe(200);
        }
    }
}
