using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class StorageClassStrategyTests(KubeServerFixture server) : StrategyTestBase(server, "storageclasses", "storage.k8s.io/v1", clusterScoped: true)
{
    private const string MergePatch = "application/merge-patch+json";

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task NewCluster_EksGp2_PresentNotDefault()
    {
        var (code, gp2, _) = await Http.GetJsonAsync($"{Collection("")}/gp2");
        code.ShouldBe(200);
        gp2!["provisioner"]!.GetValue<string>().ShouldBe("kubernetes.io/aws-ebs");
        gp2["parameters"]!["type"]!.GetValue<string>().ShouldBe("gp2");
        gp2["parameters"]!["fsType"]!.GetValue<string>().ShouldBe("ext4");
        gp2["volumeBindingMode"]!.GetValue<string>().ShouldBe("WaitForFirstConsumer");
        gp2["reclaimPolicy"]!.GetValue<string>().ShouldBe("Delete");
        (await ColumnsAsync("")).ShouldBe(["Name", "Provisioner", "ReclaimPolicy", "VolumeBindingMode", "AllowVolumeExpansion", "Age"]);
        var row = await RowAsync("", "gp2");
        row[0]!.GetValue<string>().ShouldBe("gp2");
        row[3]!.GetValue<string>().ShouldBe("WaitForFirstConsumer");
        row[4]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task Create_Defaults_ReclaimDeleteBindingImmediate_DefaultAnnotationInName()
    {
        var name = Unique("gp3");
        var created = await CreateOkAsync("", $$$"""{"metadata":{"name":"{{{name}}}","annotations":{"storageclass.kubernetes.io/is-default-class":"true"}},"provisioner":"ebs.csi.aws.com","allowVolumeExpansion":true}""");
        created["reclaimPolicy"]!.GetValue<string>().ShouldBe("Delete");
        created["volumeBindingMode"]!.GetValue<string>().ShouldBe("Immediate");
        var row = await RowAsync("", name);
        row[0]!.GetValue<string>().ShouldBe($"{name} (default)");
        row[1]!.GetValue<string>().ShouldBe("ebs.csi.aws.com");
        row[2]!.GetValue<string>().ShouldBe("Delete");
        row[3]!.GetValue<string>().ShouldBe("Immediate");
        row[4]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Create_MissingProvisionerBadPolicies_Invalid()
    {
        var name = Unique("bad");
        var status = await CreateInvalidAsync("", $$$"""{"metadata":{"name":"{{{name}}}"},"reclaimPolicy":"Recycle","volumeBindingMode":"Later"}""");
        status["message"]!.GetValue<string>().ShouldBe($"StorageClass.storage.k8s.io \"{name}\" is invalid: [provisioner: Required value, reclaimPolicy: Unsupported value: \"Recycle\": supported values: \"Delete\", \"Retain\", volumeBindingMode: Unsupported value: \"Later\": supported values: \"Immediate\", \"WaitForFirstConsumer\"]");
    }

    [Fact]
    public async Task Update_ProvisionerParametersBindingMode_Immutable()
    {
        var name = Unique("imm");
        await CreateOkAsync("", $$$"""{"metadata":{"name":"{{{name}}}"},"provisioner":"ebs.csi.aws.com","parameters":{"type":"gp3"}}""");
        var (code, status, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection("")}/{name}", """{"provisioner":"efs.csi.aws.com","parameters":{"type":"io2"},"volumeBindingMode":"WaitForFirstConsumer"}""", MergePatch);
        code.ShouldBe(422);
        status!["message"]!.GetValue<string>().ShouldBe($"StorageClass.storage.k8s.io \"{name}\" is invalid: [parameters: Forbidden: updates to parameters are forbidden., provisioner: Forbidden: updates to provisioner are forbidden., volumeBindingMode: Invalid value: \"WaitForFirstConsumer\": field is immutable]");
        var (ok, updated, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection("")}/{name}", """{"allowVolumeExpansion":true}""", MergePatch);
        ok.ShouldBe(200);
        updated!["allowVolumeExpansion"]!.GetValue<bool>().ShouldBeTrue();
    }
}
