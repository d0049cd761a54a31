using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class PersistentVolumeStrategyTests(KubeServerFixture server) : StrategyTestBase(server, "persistentvolumes", clusterScoped: true)
{
    private const string MergePatch = "application/merge-patch+json";

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task Create_HostPath_DefaultsPendingAndTable()
    {
        var name = Unique("pv");
        var created = await CreateOkAsync("", $$$$"""{"metadata":{"name":"{{{{name}}}}"},"spec":{"capacity":{"storage":"10240Mi"},"accessModes":["ReadWriteMany","ReadWriteOnce"],"storageClassName":"manual","hostPath":{"path":"/data"}},"status":{"phase":"Bound"}}""");
        created["spec"]!["persistentVolumeReclaimPolicy"]!.GetValue<string>().ShouldBe("Retain");
        created["spec"]!["volumeMode"]!.GetValue<string>().ShouldBe("Filesystem");
        created["spec"]!["capacity"]!["storage"]!.GetValue<string>().ShouldBe("10Gi");
        created["status"]!["phase"]!.GetValue<string>().ShouldBe("Pending");
        created["status"]!["lastPhaseTransitionTime"]!.GetValue<string>().ShouldBe(created["metadata"]!["creationTimestamp"]!.GetValue<string>());
        (await ColumnsAsync("")).ShouldBe(["Name", "Capacity", "Access Modes", "Reclaim Policy", "Status", "Claim", "StorageClass", "VolumeAttributesClass", "Reason", "Age", "VolumeMode"]);
        var row = await RowAsync("", name);
        row.Select(c => c!.GetValue<string>()).Where((_, i) => i != 9).ShouldBe([name, "10Gi", "RWO,RWX", "Retain", "Pending", "", "manual", "<unset>", "", "Filesystem"]);
    }

    [Fact]
    public async Task Create_NoSourceNoModesNoCapacity_Invalid()
    {
        var name = Unique("bad");
        var status = await CreateInvalidAsync("", $$$$"""{"metadata":{"name":"{{{{name}}}}"},"spec":{"persistentVolumeReclaimPolicy":"Keep"}}""");
        status["message"]!.GetValue<string>().ShouldBe($"PersistentVolume \"{name}\" is invalid: [spec.accessModes: Required value, spec.capacity: Required value, spec.capacity: Unsupported value: core.ResourceList(nil): supported values: \"storage\", spec.persistentVolumeReclaimPolicy: Unsupported value: \"Keep\": supported values: \"Delete\", \"Recycle\", \"Retain\", spec: Required value: must specify a volume type]");
    }

    [Fact]
    public async Task Create_TwoSourcesZeroCapacityOncePodMixed_Invalid()
    {
        var name = Unique("two");
        var status = await CreateInvalidAsync("", $$$$"""{"metadata":{"name":"{{{{name}}}}"},"spec":{"capacity":{"storage":"0"},"accessModes":["ReadWriteOncePod","ReadOnlyMany"],"hostPath":{"path":"/a"},"nfs":{"server":"nfs.local"}}}""");
        status["message"]!.GetValue<string>().ShouldBe($"PersistentVolume \"{name}\" is invalid: [spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes, spec.capacity[storage]: Invalid value: \"0\": must be greater than zero, spec.nfs: Forbidden: may not specify more than 1 volume type]");
    }

    [Fact]
    public async Task Create_BadQuantity_DecodeError()
    {
        var (code, status, _) = await Http.PostJsonAsync(Collection(""), """{"metadata":{"name":"q"},"spec":{"capacity":{"storage":"ten gigs"},"accessModes":["ReadWriteOnce"],"hostPath":{"path":"/a"}}}""");
        code.ShouldBe(400);
        status!["message"]!.GetValue<string>().ShouldBe("PersistentVolume in version \"v1\" cannot be handled as a PersistentVolume: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    }

    [Fact]
    public async Task StatusSubresource_PhaseChange_StampsTransitionAndKeepsSpec()
    {
        var name = Unique("st");
        await CreateOkAsync("", $$$$"""{"metadata":{"name":"{{{{name}}}}"},"spec":{"capacity":{"storage":"1Gi"},"accessModes":["ReadWriteOnce"],"csi":{"driver":"ebs.csi.aws.com","volumeHandle":"vol-1"}}}""");
        var (code, updated, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection("")}/{name}/status", """{"spec":{"persistentVolumeReclaimPolicy":"Delete"},"status":{"phase":"Available","lastPhaseTransitionTime":"2001-01-01T00:00:00Z"}}""", MergePatch);
        code.ShouldBe(200, updated?.ToJsonString());
        updated!["status"]!["phase"]!.GetValue<string>().ShouldBe("Available");
        updated["status"]!["lastPhaseTransitionTime"]!.GetValue<string>().ShouldNotBe("2001-01-01T00:00:00Z");
        updated["spec"]!["persistentVolumeReclaimPolicy"]!.GetValue<string>().ShouldBe("Retain");

        var (mainCode, main, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection("")}/{name}", """{"spec":{"claimRef":{"namespace":"default","name":"data"}},"status":{"phase":"Failed"}}""", MergePatch);
        mainCode.ShouldBe(200, main?.ToJsonString());
        main!["status"]!["phase"]!.GetValue<string>().ShouldBe("Available");
        (await RowAsync("", name))[5]!.GetValue<string>().ShouldBe("default/data");
    }

    [Fact]
    public async Task Update_SourceAndVolumeMode_Immutable()
    {
        var name = Unique("imm");
        await CreateOkAsync("", $$$$"""{"metadata":{"name":"{{{{name}}}}"},"spec":{"capacity":{"storage":"1Gi"},"accessModes":["ReadWriteOnce"],"nfs":{"server":"a","path":"/x"}}}""");
        var (code, status, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection("")}/{name}", """{"spec":{"nfs":{"path":"/y"},"volumeMode":"Block","capacity":{"storage":"2Gi"}}}""", MergePatch);
        code.ShouldBe(422, status?.ToJsonString());
        var message = status!["message"]!.GetValue<string>();
        message.ShouldStartWith($"PersistentVolume \"{name}\" is invalid: [spec.persistentvolumesource: Forbidden: spec.persistentvolumesource is immutable after creation\n");
        message.ShouldEndWith(", volumeMode: Invalid value: \"Block\": field is immutable]");
    }
}
