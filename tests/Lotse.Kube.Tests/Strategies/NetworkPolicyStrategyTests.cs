using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class NetworkPolicyStrategyTests(KubeServerFixture server) : StrategyTestBase(server, "networkpolicies", "networking.k8s.io/v1")
{
    [Fact]
    public async Task Create_IngressOnly_DefaultsPolicyTypesAndProtocol_Table()
    {
        var ns = await Server.CreateNamespaceAsync("np");
        var created = await CreateOkAsync(ns, """{"metadata":{"name":"web"},"spec":{"podSelector":{"matchLabels":{"app":"web"}},"ingress":[{"ports":[{"port":80},{"port":"http","protocol":"UDP"}],"from":[{"podSelector":{}}]}]}}""");
        created["metadata"]!["generation"]!.GetValue<long>().ShouldBe(1);
        created["spec"]!["policyTypes"]!.ToJsonString().ShouldBe("""["Ingress"]""");
        created["spec"]!["ingress"]![0]!["ports"]!.ToJsonString().ShouldBe("""[{"port":80,"protocol":"TCP"},{"port":"http","protocol":"UDP"}]""");
        (await ColumnsAsync(ns)).ShouldBe(["Name", "Pod-Selector", "Age"]);
        (await RowAsync(ns, "web"))[1]!.GetValue<string>().ShouldBe("app=web");
    }

    [Fact]
    public async Task Create_WithEgress_BothPolicyTypes_EmptySelectorDefaulted()
    {
        var ns = await Server.CreateNamespaceAsync("np");
        var created = await CreateOkAsync(ns, """{"metadata":{"name":"deny"},"spec":{"egress":[{"to":[{"ipBlock":{"cidr":"10.0.0.0/8","except":["10.1.0.0/16"]}}],"ports":[{"port":32000,"endPort":32768}]}]}}""");
        created["spec"]!["podSelector"]!.ToJsonString().ShouldBe("{}");
        created["spec"]!["policyTypes"]!.ToJsonString().ShouldBe("""["Ingress","Egress"]""");
        (await RowAsync(ns, "deny"))[1]!.GetValue<string>().ShouldBe("<none>");

        var explicitTypes = await CreateOkAsync(ns, """{"metadata":{"name":"egress-only"},"spec":{"podSelector":{},"policyTypes":["Egress"]}}""");
        explicitTypes["spec"]!["policyTypes"]!.ToJsonString().ShouldBe("""["Egress"]""");
    }

    [Fact]
    public async Task Create_BadPortsAndPeers_InvalidWithUpstreamMessages()
    {
        var status = await CreateInvalidAsync("default", """
            {"metadata":{"name":"bad"},"spec":{"podSelector":{},
             "ingress":[{"ports":[{"port":443,"endPort":80},{"port":"https","endPort":9000},{"protocol":"ICMP"}],
                         "from":[{},{"ipBlock":{"cidr":"10.0.0.0/8"},"podSelector":{}},{"ipBlock":{"cidr":"10.0.0.0/33"}},{"ipBlock":{"cidr":"10.0.0.0/16","except":["10.0.0.0/8","192.168.0.0/24"]}}]}],
             "policyTypes":["Ingress","Sideways"]}}
            """);
        status["message"]!.GetValue<string>().ShouldBe("NetworkPolicy.networking.k8s.io \"bad\" is invalid: ["
            + "spec.ingress[0].ports[0].endPort: Invalid value: 80: must be greater than or equal to `port`, "
            + "spec.ingress[0].ports[1].endPort: Invalid value: 9000: may not be specified when `port` is non-numeric, "
            + "spec.ingress[0].ports[2].protocol: Unsupported value: \"ICMP\": supported values: \"TCP\", \"UDP\", \"SCTP\", "
            + "spec.ingress[0].from[0]: Required value: must specify a peer, "
            + "spec.ingress[0].from[1]: Forbidden: may not specify both ipBlock and another peer, "
            + "spec.ingress[0].from[2].ipBlock.cidr: Invalid value: \"10.0.0.0/33\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64), "
            + "spec.ingress[0].from[3].ipBlock.except[0]: Invalid value: \"10.0.0.0/8\": must be a strict subset of `cidr`, "
            + "spec.ingress[0].from[3].ipBlock.except[1]: Invalid value: \"192.168.0.0/24\": must be a strict subset of `cidr`, "
            + "spec.policyTypes[1]: Unsupported value: \"Sideways\": supported values: \"Ingress\", \"Egress\"]");
    }

    [Fact]
    public async Task Update_SpecChange_BumpsGeneration_MetadataOnlyDoesNot()
    {
        var ns = await Server.CreateNamespaceAsync("np");
        await CreateOkAsync(ns, """{"metadata":{"name":"p"},"spec":{"podSelector":{}}}""");
        var (code, labelled, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/p", """{"metadata":{"labels":{"a":"b"}}}""", "application/merge-patch+json");
        code.ShouldBe(200);
        labelled!["metadata"]!["generation"]!.GetValue<long>().ShouldBe(1);
        var (_, changed, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/p", """{"spec":{"podSelector":{"matchLabels":{"app":"db"}}}}""", "application/merge-patch+json");
        changed!["metadata"]!["generation"]!.GetValue<long>().ShouldBe(2);
        (await RowAsync(ns, "p"))[1]!.GetValue<string>().ShouldBe("app=db");
    }

    [Fact]
    public async Task Create_EndPortNotANumber_DecodeError()
    {
        var (code, status, _) = await Http.PostJsonAsync(Collection("default"), """{"metadata":{"name":"str"},"spec":{"egress":[{"ports":[{"port":80,"endPort":"90"}]}]}}""");
        code.ShouldBe(400);
        status!["message"]!.GetValue<string>().ShouldBe("NetworkPolicy in version \"v1\" cannot be handled as a NetworkPolicy: json: cannot unmarshal string into Go struct field NetworkPolicy.spec.egress.ports.endPort of type int32");
    }
}
