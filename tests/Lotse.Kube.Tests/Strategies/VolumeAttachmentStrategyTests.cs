using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class VolumeAttachmentStrategyTests(KubeServerFixture server) : StrategyTestBase(server, "volumeattachments", "storage.k8s.io/v1", clusterScoped: true)
{
    private const string MergePatch = "application/merge-patch+json";

    private static string Unique() => $"csi-{Guid.NewGuid():N}";

    [Fact]
    public async Task Create_StatusReset_Table_StatusSubresourceAttaches()
    {
        var name = Unique();
        var created = await CreateOkAsync("", $$$"""{"metadata":{"name":"{{{name}}}"},"spec":{"attacher":"ebs.csi.aws.com","nodeName":"ip-10-0-1-5.ec2.internal","source":{"persistentVolumeName":"pvc-123"}},"status":{"attached":true}}""");
        created["status"]!.ToJsonString().ShouldBe("""{"attached":false}""");
        (await ColumnsAsync("")).ShouldBe(["Name", "Attacher", "PV", "Node", "Attached", "Age"]);
        var row = await RowAsync("", name);
        row.Take(4).Select(c => c!.GetValue<string>()).ShouldBe([name, "ebs.csi.aws.com", "pvc-123", "ip-10-0-1-5.ec2.internal"]);
        row[4]!.GetValue<bool>().ShouldBeFalse();

        var (code, attached, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection("")}/{name}/status", """{"spec":{"nodeName":"other"},"status":{"attached":true,"attachmentMetadata":{"devicePath":"/dev/xvdba"}}}""", MergePatch);
        code.ShouldBe(200, attached?.ToJsonString());
        attached!["spec"]!["nodeName"]!.GetValue<string>().ShouldBe("ip-10-0-1-5.ec2.internal");
        (await RowAsync("", name))[4]!.GetValue<bool>().ShouldBeTrue();

        var (negative, bad, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection("")}/{name}/status", """{"status":{"attachError":{"message":"boom","errorCode":-3}}}""", MergePatch);
        negative.ShouldBe(422);
        bad!["message"]!.GetValue<string>().ShouldBe($"VolumeAttachment.storage.k8s.io \"{name}\" is invalid: status.attachError.errorCode: Invalid value: -3: must be between 0 and 2147483647, inclusive");
    }

    [Fact]
    public async Task Create_NoSourceNoAttacherBadNode_Invalid()
    {
        var name = Unique();
        var status = await CreateInvalidAsync("", $$$$"""{"metadata":{"name":"{{{{name}}}}"},"spec":{"nodeName":"Node_1","source":{}}}""");
        status["message"]!.GetValue<string>().ShouldBe($"VolumeAttachment.storage.k8s.io \"{name}\" is invalid: ["
            + "spec.attacher: Required value, "
            + "spec.source: Required value: must specify exactly one of inlineVolumeSpec and persistentVolumeName, "
            + "spec.nodeName: Invalid value: \"Node_1\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*'), "
            + "spec.attacher: Invalid value: \"\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')]");

        var both = await CreateInvalidAsync("", $$$$$"""{"metadata":{"name":"{{{{{name}}}}}"},"spec":{"attacher":"a.csi.io","nodeName":"n","source":{"persistentVolumeName":"pv","inlineVolumeSpec":{}}}}""");
        both["message"]!.GetValue<string>().ShouldBe($"VolumeAttachment.storage.k8s.io \"{name}\" is invalid: spec.source: Forbidden: must specify exactly one of inlineVolumeSpec and persistentVolumeName");
    }

    [Fact]
    public async Task Update_Spec_Immutable()
    {
        var name = Unique();
        await CreateOkAsync("", $$$$"""{"metadata":{"name":"{{{{name}}}}"},"spec":{"attacher":"ebs.csi.aws.com","nodeName":"node-a","source":{"persistentVolumeName":"pv-1"}}}""");
        var (code, status, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection("")}/{name}", """{"spec":{"nodeName":"node-b"}}""", MergePatch);
        code.ShouldBe(422);
        status!["message"]!.GetValue<string>().ShouldBe($"VolumeAttachment.storage.k8s.io \"{name}\" is invalid: spec: Invalid value: storage.VolumeAttachmentSpec{{Attacher:\"ebs.csi.aws.com\", Source:storage.VolumeAttachmentSource{{PersistentVolumeName:(*string)(0xc000000000), InlineVolumeSpec:(*core.PersistentVolumeSpec)(nil)}}, NodeName:\"node-b\"}}: field is immutable");

        var (labelled, _, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection("")}/{name}", """{"metadata":{"labels":{"a":"b"}}}""", MergePatch);
        labelled.ShouldBe(200);
    }
}
