using System.Text.Json.Nodes;
using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class PersistentVolumeClaimStrategyTests(KubeServerFixture server) : StrategyTestBase(server, "persistentvolumeclaims")
{
    private const string MergePatch = "application/merge-patch+json";

    private const string Claim = """{"metadata":{"name":"data"},"spec":{"storageClassName":"","accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1024Mi"}}}}""";

    [Fact]
    public async Task Create_DefaultsPendingCanonicalAndTable()
    {
        var ns = await Server.CreateNamespaceAsync("pvc");
        var created = await CreateOkAsync(ns, Claim);
        created["spec"]!["volumeMode"]!.GetValue<string>().ShouldBe("Filesystem");
        created["spec"]!["storageClassName"]!.GetValue<string>().ShouldBe("");
        created["spec"]!["resources"]!["requests"]!["storage"]!.GetValue<string>().ShouldBe("1Gi");
        created["status"]!.ToJsonString().ShouldBe("""{"phase":"Pending"}""");
        (await ColumnsAsync(ns)).ShouldBe(["Name", "Status", "Volume", "Capacity", "Access Modes", "StorageClass", "VolumeAttributesClass", "Age", "VolumeMode"]);
        var row = await RowAsync(ns, "data");
        row.Select(c => c!.GetValue<string>()).Where((_, i) => i != 7).ShouldBe(["data", "Pending", "", "", "", "", "<unset>", "Filesystem"]);
    }

    [Fact]
    public async Task Create_NoClass_GetsNewestDefaultStorageClass()
    {
        var ns = await Server.CreateNamespaceAsync("pvc");
        var className = $"default-{Guid.NewGuid():N}"[..20];
        (await Http.PostJsonAsync("apis/storage.k8s.io/v1/storageclasses", $$$$"""{"metadata":{"name":"{{{{className}}}}","annotations":{"storageclass.kubernetes.io/is-default-class":"true"}},"provisioner":"ebs.csi.aws.com"}""")).Code.ShouldBe(201);
        var (_, classes, _) = await Http.GetJsonAsync("apis/storage.k8s.io/v1/storageclasses");
        var expected = classes!["items"]!.AsArray().OfType<JsonObject>()
            .Where(c => c["metadata"]!["annotations"]?["storageclass.kubernetes.io/is-default-class"]?.GetValue<string>() == "true")
            .OrderByDescending(c => DateTimeOffset.Parse(c["metadata"]!["creationTimestamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture))
            .ThenBy(c => c["metadata"]!["name"]!.GetValue<string>(), StringComparer.Ordinal)
            .First()["metadata"]!["name"]!.GetValue<string>();
        try
        {
            var created = await CreateOkAsync(ns, Claim.Replace("\"storageClassName\":\"\",", "", StringComparison.Ordinal));
            created["spec"]!["storageClassName"]!.GetValue<string>().ShouldBe(expected);
            (await RowAsync(ns, "data"))[5]!.GetValue<string>().ShouldBe(expected);
        }
        finally
        {
            await Http.DeleteAsync($"apis/storage.k8s.io/v1/storageclasses/{className}");
        }
    }

    [Fact]
    public async Task Create_MissingModesAndStorage_Invalid()
    {
        var status = await CreateInvalidAsync("default", """{"metadata":{"name":"empty"},"spec":{"volumeMode":"Raw"}}""");
        status["message"]!.GetValue<string>().ShouldBe("PersistentVolumeClaim \"empty\" is invalid: [spec.accessModes: Required value: at least 1 access mode is required, spec.resources[storage]: Required value, spec.volumeMode: Unsupported value: \"Raw\": supported values: \"Block\", \"Filesystem\"]");
    }

    [Fact]
    public async Task Update_PendingClaim_SpecImmutableShrinkForbidden()
    {
        var ns = await Server.CreateNamespaceAsync("pvc");
        await CreateOkAsync(ns, Claim);
        var (code, status, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/data", """{"spec":{"resources":{"requests":{"storage":"512Mi"}}}}""", MergePatch);
        code.ShouldBe(422, status?.ToJsonString());
        var message = status!["message"]!.GetValue<string>();
        message.ShouldStartWith("PersistentVolumeClaim \"data\" is invalid: [spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n");
        message.ShouldEndWith(", spec.resources.requests.storage: Forbidden: field can not be less than previous value]");

        var (vacCode, vac, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/data", """{"spec":{"volumeAttributesClassName":"fast","volumeName":"pv-1"}}""", MergePatch);
        vacCode.ShouldBe(200, vac?.ToJsonString());
        vac!["spec"]!["volumeName"]!.GetValue<string>().ShouldBe("pv-1");
    }

    [Fact]
    public async Task Update_BoundClaim_StorageMayGrow_TableShowsStatusCapacity()
    {
        var ns = await Server.CreateNamespaceAsync("pvc");
        await CreateOkAsync(ns, Claim.Replace("\"storageClassName\":\"\",", "\"storageClassName\":\"\",\"volumeName\":\"pv-9\",", StringComparison.Ordinal));
        var (statusCode, bound, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/data/status", """{"status":{"phase":"Bound","accessModes":["ReadWriteOnce"],"capacity":{"storage":"1024Mi"}}}""", MergePatch);
        statusCode.ShouldBe(200, bound?.ToJsonString());
        bound!["status"]!["capacity"]!["storage"]!.GetValue<string>().ShouldBe("1Gi");
        var (code, grown, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/data", """{"spec":{"resources":{"requests":{"storage":"2Gi"}}}}""", MergePatch);
        code.ShouldBe(200, grown?.ToJsonString());
        grown!["spec"]!["resources"]!["requests"]!["storage"]!.GetValue<string>().ShouldBe("2Gi");
        var row = await RowAsync(ns, "data");
        row.Take(5).Select(c => c!.GetValue<string>()).ShouldBe(["data", "Bound", "pv-9", "1Gi", "RWO"]);
    }
}
