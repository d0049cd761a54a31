using System.Text.Json.Nodes;
using Lotse.Kube.Registry.Strategies;
using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class EndpointsStrategyTests(KubeServerFixture server) : StrategyTestBase(server, "endpoints")
{
    [Fact]
    public async Task Bootstrap_KubernetesEndpoints_PointAtApiServer()
    {
        (await ColumnsAsync("default")).ShouldBe(["Name", "Endpoints", "Age"]);
        (await RowAsync("default", "kubernetes"))[1]!.GetValue<string>().ShouldBe("127.0.0.1:443");
    }

    [Fact]
    public async Task Create_InvalidIp_Invalid()
    {
        var status = await CreateInvalidAsync("default", """{"metadata":{"name":"ep"},"subsets":[{"addresses":[{"ip":"nope"}],"ports":[{"port":80}]}]}""");
        status["message"]!.GetValue<string>().ShouldBe("Endpoints \"ep\" is invalid: subsets[0].addresses[0].ip: Invalid value: \"nope\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
    }

    [Theory]
    [InlineData("""{"subsets":[]}""", "<none>")]
    [InlineData("""{"subsets":[{"addresses":[{"ip":"10.0.0.1"}]}]}""", "10.0.0.1")]
    [InlineData("""{"subsets":[{"addresses":[{"ip":"10.0.0.1"},{"ip":"10.0.0.2"}],"ports":[{"port":80},{"port":443}]}]}""", "10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...")]
    [InlineData("""{"subsets":[{"addresses":[{"ip":"fd00::1"}],"ports":[{"port":80}]}]}""", "[fd00::1]:80")]
    public void FormatEndpoints_Subsets_AsKubectlPrints(string json, string expected)
    {
        EndpointsStrategy.FormatEndpoints(JsonNode.Parse(json)!.AsObject()).ShouldBe(expected);
    }
}
