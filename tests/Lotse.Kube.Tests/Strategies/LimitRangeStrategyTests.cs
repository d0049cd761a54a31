using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class LimitRangeStrategyTests(KubeServerFixture server) : StrategyTestBase(server, "limitranges")
{
    [Fact]
    public async Task Create_Container_DefaultsFromMaxAndMin_Canonical_Table()
    {
        var ns = await Server.CreateNamespaceAsync("lr");
        var created = await CreateOkAsync(ns, """{"metadata":{"name":"limits"},"spec":{"limits":[{"type":"Container","max":{"cpu":"2000m","memory":"1024Mi"},"min":{"cpu":"100m"}},{"type":"PersistentVolumeClaim","max":{"storage":"10Gi"}}]}}""");
        var container = created["spec"]!["limits"]![0]!;
        container["max"]!.ToJsonString().ShouldBe("""{"cpu":"2","memory":"1Gi"}""");
        container["default"]!.ToJsonString().ShouldBe("""{"cpu":"2","memory":"1Gi"}""");
        container["defaultRequest"]!.ToJsonString().ShouldBe("""{"cpu":"2","memory":"1Gi"}""");
        created["spec"]!["limits"]![1]!["default"].ShouldBeNull();
        var bare = await CreateOkAsync(ns, """{"metadata":{"name":"ratio"},"spec":{"limits":[{"type":"Container","maxLimitRequestRatio":{"cpu":"2"}}]}}""");
        bare["spec"]!["limits"]![0]!.ToJsonString().ShouldBe("""{"type":"Container","maxLimitRequestRatio":{"cpu":"2"}}""");
        (await ColumnsAsync(ns)).ShouldBe(["Name", "Created At"]);
        (await RowAsync(ns, "limits")).Select(c => c!.GetValue<string>()).ShouldBe(["limits", created["metadata"]!["creationTimestamp"]!.GetValue<string>()]);
    }

    [Fact]
    public async Task Create_MinAboveMax_InvalidWithQuantityRendering()
    {
        var status = await CreateInvalidAsync("default", """{"metadata":{"name":"order"},"spec":{"limits":[{"type":"Container","min":{"cpu":"2"},"max":{"cpu":"1"}}]}}""");
        status["message"]!.GetValue<string>().ShouldBe("LimitRange \"order\" is invalid: [spec.limits[0].min[cpu]: Invalid value: resource.Quantity{i:resource.int64Amount{value:2, scale:0}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:\"2\", Format:\"DecimalSI\"}: min value 2 is greater than max value 1, spec.limits[0].defaultRequest[cpu]: Invalid value: resource.Quantity{i:resource.int64Amount{value:1, scale:0}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:\"1\", Format:\"DecimalSI\"}: min value 2 is greater than default request value 1, spec.limits[0].default[cpu]: Invalid value: resource.Quantity{i:resource.int64Amount{value:2, scale:0}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:\"2\", Format:\"DecimalSI\"}: min value 2 is greater than default value 1]");
    }

    [Fact]
    public async Task Create_BadTypePodDefaultsPvcWithoutStorage_Invalid()
    {
        var status = await CreateInvalidAsync("default", """{"metadata":{"name":"types"},"spec":{"limits":[{"type":"Volume"},{"type":"Pod","default":{"cpu":"1"},"max":{"storage":"1Gi"}},{"type":"PersistentVolumeClaim"}]}}""");
        status["message"]!.GetValue<string>().ShouldBe("LimitRange \"types\" is invalid: [spec.limits[0].type: Invalid value: \"Volume\": must be a standard limit type or fully qualified, spec.limits[1].max[storage]: Invalid value: \"storage\": must be a standard resource for containers, spec.limits[1].default: Forbidden: may not be specified when `type` is 'Pod', spec.limits[2].limits: Required value: either minimum or maximum storage value is required, but neither was provided]");
    }

    [Fact]
    public async Task Create_BadQuantity_DecodeError()
    {
        var (code, status, _) = await Http.PostJsonAsync(Collection("default"), """{"metadata":{"name":"q"},"spec":{"limits":[{"type":"Container","max":{"cpu":"lots"}}]}}""");
        code.ShouldBe(400);
        status!["message"]!.GetValue<string>().ShouldBe("LimitRange in version \"v1\" cannot be handled as a LimitRange: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    }
}
