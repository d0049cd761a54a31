using System.Text;
using System.Text.Json.Nodes;
using Lotse.Kube.Serialization;

namespace Lotse.Kube.Tests.Unit;

public sealed class ObjectBytesTests
{
    [Theory]
    [InlineData("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},"data":{"metadata":"{}"}}""", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"resourceVersion":"42","name":"x"},"data":{"metadata":"{}"}}""")]
    [InlineData("""{"data":{"metadata":{"a":1}},"metadata":{}}""", """{"data":{"metadata":{"a":1}},"metadata":{"resourceVersion":"42"}}""")]
    [InlineData("""{"kind":"X"}""", """{"kind":"X"}""")]
    public void WithResourceVersion_StoredObject_SplicedIntoTopLevelMetadata(string stored, string expected)
    {
        Encoding.UTF8.GetString(ObjectBytes.WithResourceVersion(Encoding.UTF8.GetBytes(stored), 42)).ShouldBe(expected);
    }

    [Fact]
    public void ToStored_ObjectWithResourceVersion_RemovesIt()
    {
        var obj = JsonNode.Parse("""{"metadata":{"name":"x","resourceVersion":"7"}}""")!.AsObject();
        Encoding.UTF8.GetString(ObjectBytes.ToStored(obj)).ShouldBe("""{"metadata":{"name":"x"}}""");
    }

    [Fact]
    public void Parse_StoredBytes_CarriesRevisionAsResourceVersion()
    {
        var obj = ObjectBytes.Parse(Encoding.UTF8.GetBytes("""{"metadata":{"name":"x"}}"""), 9);
        obj["metadata"]!["resourceVersion"]!.GetValue<string>().ShouldBe("9");
    }
}
