using System.Text.Json.Nodes;
using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class EndpointSliceStrategyTests(KubeServerFixture server) : StrategyTestBase(server, "endpointslices", "discovery.k8s.io/v1")
{
    [Fact]
    public async Task Create_IPv4_PortDefaults_GenerationOne_Table()
    {
        var ns = await Server.CreateNamespaceAsync("eps");
        var created = await CreateOkAsync(ns, """
            {"metadata":{"name":"web-abc12","labels":{"kubernetes.io/service-name":"web"}},"addressType":"IPv4",
             "endpoints":[{"addresses":["10.0.0.1","10.0.0.2"],"conditions":{"ready":true}},{"addresses":["10.0.0.3"]},{"addresses":["10.0.0.4"],"nodeName":"ip-10-0-0-4.ec2.internal"}],
             "ports":[{"port":80},{"name":"https","port":443,"protocol":"TCP"}]}
            """);
        created["metadata"]!["generation"]!.GetValue<long>().ShouldBe(1);
        created["ports"]!.ToJsonString().ShouldBe("""[{"port":80,"name":"","protocol":"TCP"},{"name":"https","port":443,"protocol":"TCP"}]""");
        (await ColumnsAsync(ns)).ShouldBe(["Name", "AddressType", "Ports", "Endpoints", "Age"]);
        var row = await RowAsync(ns, "web-abc12");
        row.Take(4).Select(c => c!.GetValue<string>()).ShouldBe(["web-abc12", "IPv4", "80,443", "10.0.0.1,10.0.0.2,10.0.0.3 + 1 more..."]);

        await CreateOkAsync(ns, """{"metadata":{"name":"empty"},"addressType":"FQDN"}""");
        (await RowAsync(ns, "empty")).Skip(1).Take(3).Select(c => c!.GetValue<string>()).ShouldBe(["FQDN", "<unset>", "<unset>"]);
    }

    [Fact]
    public async Task Create_AddressesNotOfType_DuplicatePorts_Invalid()
    {
        var status = await CreateInvalidAsync("default", """
            {"metadata":{"name":"bad"},"addressType":"IPv4",
             "endpoints":[{"addresses":["fe80::1","127.0.0.1"]},{"addresses":[]}],
             "ports":[{"name":"http","port":80},{"name":"http","port":8080,"protocol":"ICMP"}]}
            """);
        status["message"]!.GetValue<string>().ShouldBe("EndpointSlice.discovery.k8s.io \"bad\" is invalid: ["
            + "endpoints[0].addresses[0]: Invalid value: \"fe80::1\": must be a valid IPv4 address, "
            + "endpoints[0].addresses[0]: Invalid value: \"fe80::1\": may not be in the link-local range (169.254.0.0/16, fe80::/10), "
            + "endpoints[0].addresses[1]: Invalid value: \"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128), "
            + "endpoints[1].addresses: Required value: must contain at least 1 address, "
            + "ports[1].name: Duplicate value: \"http\", "
            + "ports[1].protocol: Unsupported value: \"ICMP\": supported values: \"SCTP\", \"TCP\", \"UDP\"]");

        var missing = await CreateInvalidAsync("default", """{"metadata":{"name":"none"},"endpoints":[{"addresses":["x"]}]}""");
        missing["message"]!.GetValue<string>().ShouldBe("EndpointSlice.discovery.k8s.io \"none\" is invalid: addressType: Required value");

        var fqdn = await CreateInvalidAsync("default", """{"metadata":{"name":"fqdn"},"addressType":"FQDN","endpoints":[{"addresses":["localhost","db.example.com."]}]}""");
        fqdn["message"]!.GetValue<string>().ShouldBe("EndpointSlice.discovery.k8s.io \"fqdn\" is invalid: endpoints[0].addresses[0]: Invalid value: \"localhost\": should be a domain with at least two segments separated by dots");
    }

    [Fact]
    public async Task Create_TooManyEndpoints_Invalid()
    {
        var endpoints = new JsonArray(Enumerable.Range(0, 1001).Select(i => (JsonNode)new JsonObject { ["addresses"] = new JsonArray($"10.1.{i / 250}.{(i % 250) + 1}") }).ToArray());
        var body = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "big" }, ["addressType"] = "IPv4", ["endpoints"] = endpoints };
        var status = await CreateInvalidAsync("default", body.ToJsonString());
        status["message"]!.GetValue<string>().ShouldBe("EndpointSlice.discovery.k8s.io \"big\" is invalid: endpoints: Too many: 1001: must have at most 1000 items");
    }

    [Fact]
    public async Task Update_AddressTypeImmutable_EndpointChangeBumpsGeneration()
    {
        var ns = await Server.CreateNamespaceAsync("eps");
        await CreateOkAsync(ns, """{"metadata":{"name":"s"},"addressType":"IPv4","endpoints":[{"addresses":["10.0.0.1"]}]}""");
        var (code, status, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/s", """{"addressType":"IPv6","endpoints":null}""", "application/merge-patch+json");
        code.ShouldBe(422);
        status!["message"]!.GetValue<string>().ShouldBe("EndpointSlice.discovery.k8s.io \"s\" is invalid: addressType: Invalid value: \"IPv6\": field is immutable");

        var (ok, updated, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/s", """{"endpoints":[{"addresses":["10.0.0.2"]}]}""", "application/merge-patch+json");
        ok.ShouldBe(200);
        updated!["metadata"]!["generation"]!.GetValue<long>().ShouldBe(2);
    }
}
