using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class ServiceStrategyTests(KubeServerFixture server) : StrategyTestBase(server, "services")
{
    [Fact]
    public async Task Create_ManyServicesConcurrently_DistinctClusterIpsInRange()
    {
        var ns = await Server.CreateNamespaceAsync();
        var created = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            CreateOkAsync(ns, $$$"""{"metadata":{"name":"s{{{i}}}"},"spec":{"selector":{"app":"a"},"ports":[{"port":80}]}}""")));
        var ips = created.Select(s => s["spec"]!["clusterIP"]!.GetValue<string>()).ToList();
        ips.Distinct().Count().ShouldBe(20);
        ips.ShouldAllBe(ip => ip.StartsWith("10.100.") && ip != "10.100.0.1");
        created[0]["spec"]!["clusterIPs"]![0]!.GetValue<string>().ShouldBe(ips[0]);
        created[0]["spec"]!["type"]!.GetValue<string>().ShouldBe("ClusterIP");
        created[0]["spec"]!["ports"]![0]!["targetPort"]!.GetValue<int>().ShouldBe(80);
        created[0]["spec"]!["ports"]![0]!["protocol"]!.GetValue<string>().ShouldBe("TCP");
    }

    [Fact]
    public async Task Create_Headless_NoAddress()
    {
        var ns = await Server.CreateNamespaceAsync();
        var svc = await CreateOkAsync(ns, """{"metadata":{"name":"h"},"spec":{"clusterIP":"None","ports":[{"port":80}]}}""");
        svc["spec"]!["clusterIP"]!.GetValue<string>().ShouldBe("None");
        (await RowAsync(ns, "h"))[2]!.GetValue<string>().ShouldBe("None");
    }

    [Fact]
    public async Task Create_AllocatedIp_Invalid()
    {
        var status = await CreateInvalidAsync("default", """{"metadata":{"name":"dup-ip"},"spec":{"clusterIP":"10.100.0.1","ports":[{"port":80}]}}""");
        status["message"]!.GetValue<string>().ShouldBe("Service \"dup-ip\" is invalid: spec.clusterIPs: Invalid value: []string{\"10.100.0.1\"}: failed to allocate IP 10.100.0.1: provided IP is already allocated");
    }

    [Fact]
    public async Task Create_IpOutsideRange_Invalid()
    {
        var status = await CreateInvalidAsync("default", """{"metadata":{"name":"far"},"spec":{"clusterIP":"192.168.0.1","ports":[{"port":80}]}}""");
        status["message"]!.GetValue<string>().ShouldEndWith("provided IP is not in the valid range. The range of valid IPs is 10.100.0.0/16");
    }

    [Theory]
    [InlineData("""{"metadata":{"name":"noports"},"spec":{}}""", "Service \"noports\" is invalid: spec.ports: Required value")]
    [InlineData("""{"metadata":{"name":"badport"},"spec":{"ports":[{"port":70000}]}}""", "Service \"badport\" is invalid: [spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive, spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive]")]
    [InlineData("""{"metadata":{"name":"unnamed"},"spec":{"ports":[{"port":80},{"port":81,"name":"b"}]}}""", "Service \"unnamed\" is invalid: spec.ports[0].name: Required value")]
    [InlineData("""{"metadata":{"name":"proto"},"spec":{"ports":[{"port":80,"protocol":"HTTP"}]}}""", "Service \"proto\" is invalid: spec.ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"")]
    [InlineData("""{"metadata":{"name":"1abc"},"spec":{"ports":[{"port":80}]}}""", "Service \"1abc\" is invalid: metadata.name: Invalid value: \"1abc\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')")]
    public async Task Create_BadSpec_InvalidWithUpstreamMessage(string body, string message)
    {
        (await CreateInvalidAsync("default", body))["message"]!.GetValue<string>().ShouldBe(message);
    }

    [Fact]
    public async Task Create_NodePort_AllocatedAndShownInTable()
    {
        var ns = await Server.CreateNamespaceAsync();
        var svc = await CreateOkAsync(ns, """{"metadata":{"name":"np"},"spec":{"type":"NodePort","selector":{"app":"x","tier":"a"},"ports":[{"port":80}]}}""");
        var nodePort = svc["spec"]!["ports"]![0]!["nodePort"]!.GetValue<int>();
        nodePort.ShouldBeInRange(30000, 32767);
        (await ColumnsAsync(ns)).ShouldBe(["Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector"]);
        var row = await RowAsync(ns, "np");
        row[1]!.GetValue<string>().ShouldBe("NodePort");
        row[3]!.GetValue<string>().ShouldBe("<none>");
        row[4]!.GetValue<string>().ShouldBe($"80:{nodePort}/TCP");
        row[6]!.GetValue<string>().ShouldBe("app=x,tier=a");
    }

    [Fact]
    public async Task Update_WithoutClusterIp_KeepsAllocatedIp()
    {
        var ns = await Server.CreateNamespaceAsync();
        var svc = await CreateOkAsync(ns, """{"metadata":{"name":"keep"},"spec":{"ports":[{"port":80}]}}""");
        var (code, updated, _) = await Http.SendJsonAsync(HttpMethod.Put, $"{Collection(ns)}/keep", """{"metadata":{"name":"keep"},"spec":{"ports":[{"port":8080}]}}""");
        code.ShouldBe(200);
        updated!["spec"]!["clusterIP"]!.GetValue<string>().ShouldBe(svc["spec"]!["clusterIP"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_ChangeClusterIp_Invalid()
    {
        var ns = await Server.CreateNamespaceAsync();
        await CreateOkAsync(ns, """{"metadata":{"name":"fixed"},"spec":{"clusterIP":"10.100.200.1","ports":[{"port":80}]}}""");
        var (code, status, _) = await Http.SendJsonAsync(HttpMethod.Put, $"{Collection(ns)}/fixed", """{"metadata":{"name":"fixed"},"spec":{"clusterIP":"10.100.200.2","ports":[{"port":80}]}}""");
        code.ShouldBe(422);
        status!["message"]!.GetValue<string>().ShouldBe("Service \"fixed\" is invalid: spec.clusterIPs[0]: Invalid value: \"10.100.200.2\": may not change once set");
    }

    [Fact]
    public async Task Delete_Service_ReleasesIp()
    {
        var ns = await Server.CreateNamespaceAsync();
        await CreateOkAsync(ns, """{"metadata":{"name":"gone"},"spec":{"clusterIP":"10.100.201.1","ports":[{"port":80}]}}""");
        (await Http.SendJsonAsync(HttpMethod.Delete, $"{Collection(ns)}/gone")).Code.ShouldBe(200);
        await CreateOkAsync(ns, """{"metadata":{"name":"again"},"spec":{"clusterIP":"10.100.201.1","ports":[{"port":80}]}}""");
    }

    [Fact]
    public async Task StrategicPatch_Ports_MergedByPort()
    {
        var ns = await Server.CreateNamespaceAsync();
        await CreateOkAsync(ns, """{"metadata":{"name":"smp"},"spec":{"ports":[{"name":"http","port":80},{"name":"https","port":443}]}}""");
        var (code, svc, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/smp", """{"spec":{"ports":[{"port":443,"targetPort":8443}]}}""", "application/strategic-merge-patch+json");
        code.ShouldBe(200, svc?.ToJsonString());
        var ports = svc!["spec"]!["ports"]!.AsArray();
        ports.Count.ShouldBe(2);
        ports[1]!["targetPort"]!.GetValue<int>().ShouldBe(8443);
        ports[1]!["name"]!.GetValue<string>().ShouldBe("https");
    }

    [Fact]
    public async Task List_FieldSelectorClusterIpAndType_OnlyMatchingServices()
    {
        var ns = await Server.CreateNamespaceAsync();
        await CreateOkAsync(ns, """{"metadata":{"name":"headless"},"spec":{"clusterIP":"None","ports":[{"port":80}]}}""");
        await CreateOkAsync(ns, """{"metadata":{"name":"exposed"},"spec":{"type":"NodePort","ports":[{"port":80}]}}""");
        var (_, notHeadless, _) = await Http.GetJsonAsync($"{Collection(ns)}?fieldSelector=spec.clusterIP!%3DNone");
        notHeadless!["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()).ShouldBe(["exposed"]);
        var (_, nodePorts, _) = await Http.GetJsonAsync($"{Collection(ns)}?fieldSelector=spec.type%3DNodePort");
        nodePorts!["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()).ShouldBe(["exposed"]);
    }
}
