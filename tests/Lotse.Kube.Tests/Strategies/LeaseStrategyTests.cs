using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class LeaseStrategyTests(KubeServerFixture server) : StrategyTestBase(server, "leases", "coordination.k8s.io/v1")
{
    [Fact]
    public async Task Create_Lease_TableShowsHolder()
    {
        var ns = await Server.CreateNamespaceAsync("lease");
        var created = await CreateOkAsync(ns, """{"metadata":{"name":"leader"},"spec":{"holderIdentity":"node-a_1234","leaseDurationSeconds":15,"leaseTransitions":0,"renewTime":"2024-01-01T00:00:00.000000Z"}}""");
        created["spec"]!["holderIdentity"]!.GetValue<string>().ShouldBe("node-a_1234");
        (await ColumnsAsync(ns)).ShouldBe(["Name", "Holder", "Age"]);
        var row = await RowAsync(ns, "leader");
        row[0]!.GetValue<string>().ShouldBe("leader");
        row[1]!.GetValue<string>().ShouldBe("node-a_1234");
        row[2]!.GetValue<string>().ShouldMatch(@"^\d+s$");
    }

    [Fact]
    public async Task Create_ZeroDurationNegativeTransitions_InvalidWithUpstreamMessages()
    {
        var status = await CreateInvalidAsync("default", """{"metadata":{"name":"bad-lease"},"spec":{"leaseDurationSeconds":0,"leaseTransitions":-1}}""");
        status["message"]!.GetValue<string>().ShouldBe("Lease.coordination.k8s.io \"bad-lease\" is invalid: [spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0, spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0]");
    }

    [Fact]
    public async Task Create_PreferredHolderWithoutStrategy_Forbidden()
    {
        var status = await CreateInvalidAsync("default", """{"metadata":{"name":"pref"},"spec":{"preferredHolder":"a"}}""");
        status["message"]!.GetValue<string>().ShouldBe("Lease.coordination.k8s.io \"pref\" is invalid: spec.preferredHolder: Forbidden: may only be specified if `strategy` is defined");
    }

    [Fact]
    public async Task Create_UnknownStrategy_NotSupported()
    {
        var status = await CreateInvalidAsync("default", """{"metadata":{"name":"strat"},"spec":{"strategy":"Newest"}}""");
        status["message"]!.GetValue<string>().ShouldEndWith("spec.strategy: Unsupported value: \"Newest\": supported values: \"OldestEmulationVersion\"");
    }
}
