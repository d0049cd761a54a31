using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class PriorityLevelConfigurationStrategyTests(KubeServerFixture server)
    : StrategyTestBase(server, "prioritylevelconfigurations", "flowcontrol.apiserver.k8s.io/v1", clusterScoped: true)
{
    [Fact]
    public async Task Bootstrap_MandatoryLevels_Listed()
    {
        (await ColumnsAsync("")).ShouldBe(["Name", "Type", "NominalConcurrencyShares", "Queues", "HandSize", "QueueLengthLimit", "Age"]);
        var exempt = await RowAsync("", "exempt");
        exempt[1]!.GetValue<string>().ShouldBe("Exempt");
        exempt[2]!.GetValue<string>().ShouldBe("<none>");
        var catchAll = await RowAsync("", "catch-all");
        catchAll[1]!.GetValue<string>().ShouldBe("Limited");
        catchAll[2]!.GetValue<long>().ShouldBe(5);
        catchAll[3]!.GetValue<string>().ShouldBe("<none>");
    }

    [Fact]
    public async Task Create_QueuingDefaults_Table()
    {
        var name = $"plc-{Guid.NewGuid():N}"[..16];
        var created = await CreateOkAsync("", """{"metadata":{"name":"NAME"},"spec":{"type":"Limited","limited":{"limitResponse":{"type":"Queue","queuing":{}}}}}""".Replace("NAME", name, StringComparison.Ordinal));
        var limited = created["spec"]!["limited"]!;
        limited["nominalConcurrencyShares"]!.GetValue<long>().ShouldBe(30);
        limited["lendablePercent"]!.GetValue<long>().ShouldBe(0);
        limited["limitResponse"]!["queuing"]!.ToJsonString().ShouldBe("""{"handSize":8,"queues":64,"queueLengthLimit":50}""");
        var row = await RowAsync("", name);
        row[2]!.GetValue<long>().ShouldBe(30);
        row[3]!.GetValue<long>().ShouldBe(64);
        row[4]!.GetValue<long>().ShouldBe(8);
        row[5]!.GetValue<long>().ShouldBe(50);
    }

    [Fact]
    public async Task Create_LimitedWithoutLimitedOrNamedExempt_Invalid()
    {
        var missing = await CreateInvalidAsync("", """{"metadata":{"name":"nolimit"},"spec":{"type":"Limited"}}""");
        missing["message"]!.GetValue<string>().ShouldBe("PriorityLevelConfiguration.flowcontrol.apiserver.k8s.io \"nolimit\" is invalid: spec.limited: Required value: must not be empty when type is Limited");
        var unsupported = await CreateInvalidAsync("", """{"metadata":{"name":"odd"},"spec":{"type":"Sometimes"}}""");
        unsupported["message"]!.GetValue<string>().ShouldBe("PriorityLevelConfiguration.flowcontrol.apiserver.k8s.io \"odd\" is invalid: spec.type: Unsupported value: \"Sometimes\": supported values: \"Exempt\", \"Limited\"");
    }
}
