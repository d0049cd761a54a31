using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class NodeStrategyTests(KubeServerFixture server) : StrategyTestBase(server, "nodes", clusterScoped: true)
{
    private const string MergePatch = "application/merge-patch+json";

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    private static string Node(string name) => $$$$"""
        {"metadata":{"name":"{{{{name}}}}","labels":{"node-role.kubernetes.io/worker":"","kubernetes.io/role":"edge"}},
         "spec":{"podCIDR":"10.0.1.0/24","providerID":"aws:///eu-west-1a/i-0abc"},
         "status":{"capacity":{"cpu":"2","memory":"4096Mi","pods":"110"},
          "conditions":[{"type":"Ready","status":"True"}],
          "addresses":[{"type":"InternalIP","address":"10.0.1.10"},{"type":"ExternalIP","address":"54.1.2.3"}],
          "nodeInfo":{"kubeletVersion":"v1.32.1-eks-1","osImage":"Amazon Linux 2023","kernelVersion":"6.1.0","containerRuntimeVersion":"containerd://1.7.2"}}}
        """;

    [Fact]
    public async Task Create_KubeletRegistration_StatusKeptDefaultedAndTable()
    {
        var name = Unique("ip");
        var created = await CreateOkAsync("", Node(name));
        created["spec"]!["podCIDRs"]!.ToJsonString().ShouldBe("""["10.0.1.0/24"]""");
        created["status"]!["capacity"]!["memory"]!.GetValue<string>().ShouldBe("4Gi");
        created["status"]!["allocatable"]!.ToJsonString().ShouldBe("""{"cpu":"2","memory":"4Gi","pods":"110"}""");
        created["metadata"]!["generation"].ShouldBeNull();
        (await ColumnsAsync("")).ShouldBe(["Name", "Status", "Roles", "Age", "Version", "Internal-IP", "External-IP", "OS-Image", "Kernel-Version", "Container-Runtime"]);
        var row = await RowAsync("", name);
        row.Select(c => c!.GetValue<string>()).Where((_, i) => i != 3)
            .ShouldBe([name, "Ready", "edge,worker", "v1.32.1-eks-1", "10.0.1.10", "54.1.2.3", "Amazon Linux 2023", "6.1.0", "containerd://1.7.2"]);
    }

    [Fact]
    public async Task Cordon_AndStatusSubresource_TableStatusFollows()
    {
        var name = Unique("ip");
        await CreateOkAsync("", $$$$"""{"metadata":{"name":"{{{{name}}}}"}}""");
        var row = await RowAsync("", name);
        row[1]!.GetValue<string>().ShouldBe("Unknown");
        row[2]!.GetValue<string>().ShouldBe("<none>");
        row[5]!.GetValue<string>().ShouldBe("<none>");
        row[7]!.GetValue<string>().ShouldBe("<unknown>");

        var (code, cordoned, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection("")}/{name}", """{"spec":{"unschedulable":true},"status":{"conditions":[{"type":"Ready","status":"True"}]}}""", MergePatch);
        code.ShouldBe(200, cordoned?.ToJsonString());
        cordoned!["status"]?["conditions"].ShouldBeNull();
        (await RowAsync("", name))[1]!.GetValue<string>().ShouldBe("Unknown,SchedulingDisabled");

        var (statusCode, status, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection("")}/{name}/status", """{"spec":{"unschedulable":false},"status":{"conditions":[{"type":"Ready","status":"False"}]}}""", MergePatch);
        statusCode.ShouldBe(200, status?.ToJsonString());
        status!["spec"]!["unschedulable"]!.GetValue<bool>().ShouldBeTrue();
        (await RowAsync("", name))[1]!.GetValue<string>().ShouldBe("NotReady,SchedulingDisabled");

        var (badCode, bad, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection("")}/{name}/status", """{"status":{"capacity":{"cpu":"-1"},"addresses":[{"type":"Hostname","address":"a"},{"type":"Hostname","address":"a"}]}}""", MergePatch);
        badCode.ShouldBe(422, bad?.ToJsonString());
        bad!["message"]!.GetValue<string>().ShouldBe($"Node \"{name}\" is invalid: [status.capacity.cpu: Invalid value: \"-1\": must be greater than or equal to 0, status.allocatable.cpu: Invalid value: \"-1\": must be greater than or equal to 0, status.addresses[1]: Duplicate value: core.NodeAddress{{Type:\"Hostname\", Address:\"a\"}}]");
    }

    [Fact]
    public async Task Create_BadTaintsAndCidr_Invalid()
    {
        var name = Unique("bad");
        var status = await CreateInvalidAsync("", $$$$"""{"metadata":{"name":"{{{{name}}}}"},"spec":{"podCIDRs":["10.0.0.0"],"taints":[{"key":"gpu","effect":"NoSchedule"},{"key":"gpu","value":"yes","effect":"NoSchedule"},{"key":"x","effect":"Sometimes"},{"key":"y"}]}}""");
        status["message"]!.GetValue<string>().ShouldBe($"Node \"{name}\" is invalid: [metadata.taints[1]: Duplicate value: core.Taint{{Key:\"gpu\", Value:\"yes\", Effect:\"NoSchedule\", TimeAdded:(*v1.Time)(nil)}}: taints must be unique by key and effect pair, metadata.taints[2].effect: Unsupported value: \"Sometimes\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\", metadata.taints[3].effect: Required value, spec.podCIDRs[0]: Invalid value: []string{{\"10.0.0.0\"}}: must be valid CIDR]");
    }

    [Fact]
    public async Task Update_PodCidrAndProviderId_SetOnlyOnce()
    {
        var name = Unique("once");
        await CreateOkAsync("", $$$$"""{"metadata":{"name":"{{{{name}}}}"}}""");
        var (setCode, set, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection("")}/{name}", """{"spec":{"podCIDR":"10.0.2.0/24","providerID":"aws:///a/i-1"}}""", MergePatch);
        setCode.ShouldBe(200, set?.ToJsonString());
        set!["spec"]!["podCIDRs"]!.ToJsonString().ShouldBe("""["10.0.2.0/24"]""");
        var (code, status, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection("")}/{name}", """{"spec":{"podCIDR":null,"podCIDRs":["10.0.3.0/24"],"providerID":"aws:///a/i-2"}}""", MergePatch);
        code.ShouldBe(422, status?.ToJsonString());
        status!["message"]!.GetValue<string>().ShouldBe($"Node \"{name}\" is invalid: [spec.podCIDRs: Forbidden: node updates may not change podCIDR except from \"\" to valid, spec.providerID: Forbidden: node updates may not change providerID except from \"\" to valid]");
    }
}
