using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class ConfigMapStrategyTests(KubeServerFixture server) : StrategyTestBase(server, "configmaps")
{
    [Fact]
    public async Task Create_InvalidKey_InvalidWithConfigKeyMessage()
    {
        var status = await CreateInvalidAsync("default", """{"metadata":{"name":"bad-key"},"data":{"a b":"1"}}""");
        status["message"]!.GetValue<string>().ShouldBe("ConfigMap \"bad-key\" is invalid: data[a b]: Invalid value: \"a b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
    }

    [Fact]
    public async Task Create_KeyInDataAndBinaryData_Invalid()
    {
        var status = await CreateInvalidAsync("default", """{"metadata":{"name":"dup-key"},"data":{"a":"1"},"binaryData":{"a":"MQ=="}}""");
        status["message"]!.GetValue<string>().ShouldContain("binaryData[a]: Invalid value: \"a\": duplicate of key present in data");
    }

    [Fact]
    public async Task Create_NonStringDataValue_BadRequest()
    {
        var (code, status, _) = await Http.PostJsonAsync(Collection("default"), """{"metadata":{"name":"num"},"data":{"a":1}}""");
        code.ShouldBe(400);
        status!["message"]!.GetValue<string>().ShouldBe("ConfigMap in version \"v1\" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ConfigMap.data of type string");
    }

    [Fact]
    public async Task Table_DataAndBinaryData_CountedTogether()
    {
        var ns = await Server.CreateNamespaceAsync();
        await CreateOkAsync(ns, """{"metadata":{"name":"cm"},"data":{"a":"1","b":"2"},"binaryData":{"c":"MQ=="}}""");
        (await ColumnsAsync(ns)).ShouldBe(["Name", "Data", "Age"]);
        var row = await RowAsync(ns, "cm");
        row[0]!.GetValue<string>().ShouldBe("cm");
        row[1]!.GetValue<long>().ShouldBe(3);
        row[2]!.GetValue<string>().ShouldMatch(@"^\d+s$");
    }

    [Fact]
    public async Task Patch_LastLabelAndAnnotationRemoved_FieldsOmittedNotEmpty()
    {
        var ns = await Server.CreateNamespaceAsync();
        await CreateOkAsync(ns, """{"metadata":{"name":"cm","labels":{"a":"1"},"annotations":{"b":"2"},"finalizers":[]}}""");
        var (code, patched, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/cm", """{"metadata":{"labels":{"a":null},"annotations":{"b":null}}}""", "application/merge-patch+json");
        code.ShouldBe(200, patched?.ToJsonString());
        var metadata = patched!["metadata"]!.AsObject();
        metadata.ContainsKey("labels").ShouldBeFalse(metadata.ToJsonString());
        metadata.ContainsKey("annotations").ShouldBeFalse(metadata.ToJsonString());
        metadata.ContainsKey("finalizers").ShouldBeFalse(metadata.ToJsonString());
        var (_, read, _) = await Http.GetJsonAsync($"{Collection(ns)}/cm");
        read!["metadata"]!.AsObject().ContainsKey("labels").ShouldBeFalse();
    }
}
