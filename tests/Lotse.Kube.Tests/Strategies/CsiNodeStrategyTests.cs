using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class CsiNodeStrategyTests(KubeServerFixture server) : StrategyTestBase(server, "csinodes", "storage.k8s.io/v1", clusterScoped: true)
{
    private static string Unique() => $"ip-{Guid.NewGuid():N}"[..19] + ".ec2.internal";

    [Fact]
    public async Task Create_TwoDrivers_TableCountsThem()
    {
        var name = Unique();
        var created = await CreateOkAsync("", $$$"""{"metadata":{"name":"{{{name}}}"},"spec":{"drivers":[{"name":"ebs.csi.aws.com","nodeID":"i-0abc","topologyKeys":["topology.ebs.csi.aws.com/zone"],"allocatable":{"count":25}},{"name":"efs.csi.aws.com","nodeID":"i-0abc"}]}}""");
        created["spec"]!["drivers"]!.AsArray().Count.ShouldBe(2);
        (await ColumnsAsync("")).ShouldBe(["Name", "Drivers", "Age"]);
        var row = await RowAsync("", name);
        row[0]!.GetValue<string>().ShouldBe(name);
        row[1]!.GetValue<long>().ShouldBe(2);
    }

    [Fact]
    public async Task Create_DuplicateDriverMissingNodeIdBadKey_Invalid()
    {
        var name = Unique();
        var status = await CreateInvalidAsync("", $$$"""{"metadata":{"name":"{{{name}}}"},"spec":{"drivers":[{"name":"a.csi.io","nodeID":"n"},{"name":"a.csi.io","topologyKeys":["bad key"],"allocatable":{"count":-1}}]}}""");
        status["message"]!.GetValue<string>().ShouldBe($"CSINode.storage.k8s.io \"{name}\" is invalid: ["
            + "spec.drivers[1].nodeID: Required value, "
            + "spec.drivers[1].allocatable.count: Invalid value: -1: must be greater than or equal to 0, "
            + "spec.drivers[1].name: Duplicate value: \"a.csi.io\", "
            + "spec.drivers[1]: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')]");
    }

    [Fact]
    public async Task Update_ChangingRegisteredDriver_Immutable_AddingDriverAllowed()
    {
        var name = Unique();
        await CreateOkAsync("", $$$"""{"metadata":{"name":"{{{name}}}"},"spec":{"drivers":[{"name":"ebs.csi.aws.com","nodeID":"i-1"}]}}""");
        var (code, status, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection("")}/{name}", """{"spec":{"drivers":[{"name":"ebs.csi.aws.com","nodeID":"i-2"}]}}""", "application/merge-patch+json");
        code.ShouldBe(422);
        status!["message"]!.GetValue<string>().ShouldBe($"CSINode.storage.k8s.io \"{name}\" is invalid: spec.drivers: Invalid value: storage.CSINodeDriver{{Name:\"ebs.csi.aws.com\", NodeID:\"i-2\", TopologyKeys:[]string(nil), Allocatable:(*storage.VolumeNodeResources)(nil)}}: field is immutable");

        var (ok, _, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection("")}/{name}", """{"spec":{"drivers":[{"name":"ebs.csi.aws.com","nodeID":"i-1"},{"name":"efs.csi.aws.com","nodeID":"i-1"}]}}""", "application/merge-patch+json");
        ok.ShouldBe(200);
        (await RowAsync("", name))[1]!.GetValue<long>().ShouldBe(2);
    }
}
