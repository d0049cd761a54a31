using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class EventStrategyTests(KubeServerFixture server) : StrategyTestBase(server, "events")
{
    [Fact]
    public async Task Table_Event_ColumnsAsKubectlGetEvents()
    {
        var ns = await Server.CreateNamespaceAsync();
        var now = DateTime.UtcNow.AddSeconds(-30).ToString("yyyy-MM-ddTHH:mm:ssZ");
        await CreateOkAsync(ns, $$$"""{"metadata":{"generateName":"ev-"},"involvedObject":{"kind":"Pod","name":"p","namespace":"{{{ns}}}"},"reason":"Started","message":"  hello  ","type":"Normal","count":3,"firstTimestamp":"{{{now}}}","lastTimestamp":"{{{now}}}","source":{"component":"kubelet","host":"node-1"}}""");
        (await ColumnsAsync(ns)).ShouldBe(["Last Seen", "Type", "Reason", "Object", "Subobject", "Source", "Message", "First Seen", "Count", "Name"]);
        var (_, table, _) = await Http.GetJsonAsync(Collection(ns), TableAccept);
        var row = table!["rows"]![0]!["cells"]!.AsArray();
        row[0]!.GetValue<string>().ShouldMatch(@"^\d+s$");
        row[1]!.GetValue<string>().ShouldBe("Normal");
        row[2]!.GetValue<string>().ShouldBe("Started");
        row[3]!.GetValue<string>().ShouldBe("pod/p");
        row[5]!.GetValue<string>().ShouldBe("kubelet, node-1");
        row[6]!.GetValue<string>().ShouldBe("hello");
        row[8]!.GetValue<long>().ShouldBe(3);
    }

    [Fact]
    public async Task List_FieldSelectorInvolvedObjectName_Filters()
    {
        var ns = await Server.CreateNamespaceAsync();
        await CreateOkAsync(ns, """{"metadata":{"name":"e1"},"involvedObject":{"kind":"Pod","name":"a"},"reason":"X"}""");
        await CreateOkAsync(ns, """{"metadata":{"name":"e2"},"involvedObject":{"kind":"Pod","name":"b"},"reason":"Y"}""");
        var (_, list, _) = await Http.GetJsonAsync($"{Collection(ns)}?fieldSelector=involvedObject.name%3Db,reason%3DY");
        list!["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()).ShouldBe(["e2"]);
    }

    [Fact]
    public async Task Create_InvolvedObjectInOtherNamespace_Invalid()
    {
        var status = await CreateInvalidAsync("default", """{"metadata":{"name":"e"},"involvedObject":{"kind":"Pod","name":"a","namespace":"elsewhere"}}""");
        status["message"]!.GetValue<string>().ShouldBe("Event \"e\" is invalid: involvedObject.namespace: Invalid value: \"elsewhere\": does not match event.namespace");
    }
}
