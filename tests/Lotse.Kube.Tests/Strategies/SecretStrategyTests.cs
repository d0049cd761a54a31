using System.Text.Json.Nodes;
using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class SecretStrategyTests(KubeServerFixture server) : StrategyTestBase(server, "secrets")
{
    [Fact]
    public async Task Create_NoType_OpaqueAndStringDataFolded()
    {
        var ns = await Server.CreateNamespaceAsync();
        var secret = await CreateOkAsync(ns, """{"metadata":{"name":"s"},"data":{"a":"YQ=="},"stringData":{"b":"hello"}}""");
        secret["type"]!.GetValue<string>().ShouldBe("Opaque");
        secret["data"]!["b"]!.GetValue<string>().ShouldBe("aGVsbG8=");
        secret.AsObject().ContainsKey("stringData").ShouldBeFalse();
        (await ColumnsAsync(ns)).ShouldBe(["Name", "Type", "Data", "Age"]);
        var row = await RowAsync(ns, "s");
        (row[1]!.GetValue<string>(), row[2]!.GetValue<long>()).ShouldBe(("Opaque", 2L));
    }

    [Fact]
    public async Task Create_TlsWithoutKeys_Invalid()
    {
        var status = await CreateInvalidAsync("default", """{"metadata":{"name":"tls"},"type":"kubernetes.io/tls","data":{}}""");
        status["message"]!.GetValue<string>().ShouldBe("Secret \"tls\" is invalid: [data[tls.key]: Required value, data[tls.crt]: Required value]");
    }

    [Fact]
    public async Task Update_ChangeType_ImmutableInvalid()
    {
        var ns = await Server.CreateNamespaceAsync();
        await CreateOkAsync(ns, """{"metadata":{"name":"t"}}""");
        var (code, status, _) = await Http.SendJsonAsync(HttpMethod.Put, $"{Collection(ns)}/t", """{"metadata":{"name":"t"},"type":"other"}""");
        code.ShouldBe(422);
        status!["message"]!.GetValue<string>().ShouldBe("Secret \"t\" is invalid: type: Invalid value: \"other\": field is immutable");
    }

    [Fact]
    public async Task List_FieldSelectorType_OnlyMatchingType()
    {
        var ns = await Server.CreateNamespaceAsync();
        await CreateOkAsync(ns, """{"metadata":{"name":"o"}}""");
        await CreateOkAsync(ns, """{"metadata":{"name":"b"},"type":"kubernetes.io/basic-auth","data":{"username":"dQ=="}}""");
        var (_, list, _) = await Http.GetJsonAsync($"{Collection(ns)}?fieldSelector=type%3Dkubernetes.io/basic-auth");
        list!["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()).ShouldBe(["b"]);
    }
}
