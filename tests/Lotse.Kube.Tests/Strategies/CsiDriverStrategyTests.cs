using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class CsiDriverStrategyTests(KubeServerFixture server) : StrategyTestBase(server, "csidrivers", "storage.k8s.io/v1", clusterScoped: true)
{
    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..16] + ".csi.example.com";

    [Fact]
    public async Task Create_Empty_AllDefaults_Table()
    {
        var name = Unique("ebs");
        var created = await CreateOkAsync("", $$$"""{"metadata":{"name":"{{{name}}}"},"spec":{}}""");
        created["spec"]!.ToJsonString().ShouldBe("""{"attachRequired":true,"podInfoOnMount":false,"volumeLifecycleModes":["Persistent"],"storageCapacity":false,"fsGroupPolicy":"ReadWriteOnceWithFSType","requiresRepublish":false,"seLinuxMount":false}""");
        created["metadata"]!["generation"].ShouldBeNull();
        (await ColumnsAsync("")).ShouldBe(["Name", "AttachRequired", "PodInfoOnMount", "StorageCapacity", "TokenRequests", "RequiresRepublish", "Modes", "Age"]);
        var row = await RowAsync("", name);
        row[1]!.GetValue<bool>().ShouldBeTrue();
        row[2]!.GetValue<bool>().ShouldBeFalse();
        row[3]!.GetValue<bool>().ShouldBeFalse();
        row[4]!.GetValue<string>().ShouldBe("<unset>");
        row[5]!.GetValue<bool>().ShouldBeFalse();
        row[6]!.GetValue<string>().ShouldBe("Persistent");
    }

    [Fact]
    public async Task Create_TokenRequestsAndModes_TableListsThem()
    {
        var name = Unique("secrets");
        await CreateOkAsync("", $$$"""{"metadata":{"name":"{{{name}}}"},"spec":{"attachRequired":false,"podInfoOnMount":true,"tokenRequests":[{"audience":"vault"},{"audience":"sts.amazonaws.com","expirationSeconds":3600}],"volumeLifecycleModes":["Persistent","Ephemeral"]}}""");
        var row = await RowAsync("", name);
        row[1]!.GetValue<bool>().ShouldBeFalse();
        row[2]!.GetValue<bool>().ShouldBeTrue();
        row[4]!.GetValue<string>().ShouldBe("vault,sts.amazonaws.com");
        row[6]!.GetValue<string>().ShouldBe("Persistent,Ephemeral");
    }

    [Fact]
    public async Task Create_BadPolicyModeAndTokens_Invalid()
    {
        var name = Unique("bad");
        var status = await CreateInvalidAsync("", $$$"""{"metadata":{"name":"{{{name}}}"},"spec":{"fsGroupPolicy":"Always","tokenRequests":[{"audience":"a","expirationSeconds":60},{"audience":"a"}],"volumeLifecycleModes":["Inline"]}}""");
        status["message"]!.GetValue<string>().ShouldBe($"CSIDriver.storage.k8s.io \"{name}\" is invalid: ["
            + "spec.fsGroupPolicy: Unsupported value: \"Always\": supported values: \"File\", \"None\", \"ReadWriteOnceWithFSType\", "
            + "spec.tokenRequests[0].expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes, "
            + "spec.tokenRequests[1].audience: Duplicate value: \"a\", "
            + "spec.volumeLifecycleModes: Unsupported value: \"Inline\": supported values: \"Persistent\", \"Ephemeral\"]");

        var (code, decode, _) = await Http.PostJsonAsync(Collection(""), $$$"""{"metadata":{"name":"{{{Unique("str")}}}"},"spec":{"attachRequired":"yes"}}""");
        code.ShouldBe(400);
        decode!["message"]!.GetValue<string>().ShouldBe("CSIDriver in version \"v1\" cannot be handled as a CSIDriver: json: cannot unmarshal string into Go struct field CSIDriverSpec.spec.attachRequired of type bool");
    }

    [Fact]
    public async Task Update_AttachRequiredAndModesImmutable_OtherFlagsBumpGeneration()
    {
        var name = Unique("imm");
        await CreateOkAsync("", $$$"""{"metadata":{"name":"{{{name}}}"},"spec":{}}""");
        var (code, status, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection("")}/{name}", """{"spec":{"attachRequired":false,"volumeLifecycleModes":["Ephemeral"]}}""", "application/merge-patch+json");
        code.ShouldBe(422);
        status!["message"]!.GetValue<string>().ShouldBe($"CSIDriver.storage.k8s.io \"{name}\" is invalid: [spec.attachedRequired: Invalid value: false: field is immutable, spec.volumeLifecycleModes: Invalid value: []storage.VolumeLifecycleMode{{\"Ephemeral\"}}: field is immutable]");

        var (ok, updated, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection("")}/{name}", """{"spec":{"podInfoOnMount":true}}""", "application/merge-patch+json");
        ok.ShouldBe(200);
        updated!["metadata"]!["generation"]!.GetValue<long>().ShouldBe(1);
        updated["spec"]!["podInfoOnMount"]!.GetValue<bool>().ShouldBeTrue();
    }
}
