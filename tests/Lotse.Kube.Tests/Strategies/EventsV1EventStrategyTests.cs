using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class EventsV1EventStrategyTests(KubeServerFixture server) : StrategyTestBase(server, "events", "events.k8s.io/v1")
{
    private static string NewStyle(string ns) => $$$"""
        {"metadata":{"name":"web.1"},"eventTime":"2026-01-02T03:04:05.123456Z","reportingController":"example.com/controller",
         "reportingInstance":"controller-0","action":"Scheduling","reason":"Scheduled","type":"Normal","note":"assigned web to node-a",
         "regarding":{"kind":"Pod","name":"web","namespace":"{{{ns}}}","apiVersion":"v1"}}
        """;

    [Fact]
    public async Task Create_ThroughEventsApi_VisibleThroughCoreWithCoreNames()
    {
        var ns = await Server.CreateNamespaceAsync("evv1");
        var created = await CreateOkAsync(ns, NewStyle(ns));
        created["apiVersion"]!.GetValue<string>().ShouldBe("events.k8s.io/v1");
        created["note"]!.GetValue<string>().ShouldBe("assigned web to node-a");

        var (code, core, _) = await Http.GetJsonAsync($"api/v1/namespaces/{ns}/events/web.1");
        code.ShouldBe(200);
        core!["apiVersion"]!.GetValue<string>().ShouldBe("v1");
        core["message"]!.GetValue<string>().ShouldBe("assigned web to node-a");
        core["involvedObject"]!["name"]!.GetValue<string>().ShouldBe("web");
        core["reportingComponent"]!.GetValue<string>().ShouldBe("example.com/controller");
        core["eventTime"]!.GetValue<string>().ShouldBe("2026-01-02T03:04:05.123456Z");
        core["note"].ShouldBeNull();
        core["metadata"]!["resourceVersion"]!.GetValue<string>().ShouldBe(created["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_ThroughCore_ListedThroughEventsApiWithNewNames_Table()
    {
        var ns = await Server.CreateNamespaceAsync("evv1");
        var (code, _, _) = await Http.PostJsonAsync($"api/v1/namespaces/{ns}/events", $$"""
            {"metadata":{"name":"old.1"},"involvedObject":{"kind":"Pod","name":"db","namespace":"{{ns}}"},"reason":"BackOff","message":"restarting",
             "source":{"component":"kubelet","host":"node-b"},"firstTimestamp":"2026-01-01T00:00:00Z","lastTimestamp":"2026-01-01T00:05:00Z","count":4,"type":"Warning"}
            """);
        code.ShouldBe(201);

        var (listed, list, _) = await Http.GetJsonAsync(Collection(ns));
        listed.ShouldBe(200);
        list!["kind"]!.GetValue<string>().ShouldBe("EventList");
        var item = list["items"]!.AsArray().Single()!;
        item["apiVersion"]!.GetValue<string>().ShouldBe("events.k8s.io/v1");
        item["regarding"]!["name"]!.GetValue<string>().ShouldBe("db");
        item["note"]!.GetValue<string>().ShouldBe("restarting");
        item["deprecatedSource"]!["component"]!.GetValue<string>().ShouldBe("kubelet");
        item["deprecatedCount"]!.GetValue<long>().ShouldBe(4);
        item["deprecatedLastTimestamp"]!.GetValue<string>().ShouldBe("2026-01-01T00:05:00Z");
        item["message"].ShouldBeNull();

        (await ColumnsAsync(ns)).ShouldBe(["Last Seen", "Type", "Reason", "Object", "Subobject", "Source", "Message", "First Seen", "Count", "Name"]);
        var row = await RowAsync(ns, "old.1");
        row[1]!.GetValue<string>().ShouldBe("Warning");
        row[3]!.GetValue<string>().ShouldBe("pod/db");
        row[5]!.GetValue<string>().ShouldBe("kubelet, node-b");
        row[6]!.GetValue<string>().ShouldBe("restarting");
        row[8]!.GetValue<long>().ShouldBe(4);

        var (selected, byReason, _) = await Http.GetJsonAsync($"{Collection(ns)}?fieldSelector=regarding.name%3Ddb");
        selected.ShouldBe(200);
        byReason!["items"]!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task Create_OldStyleThroughEventsApi_Invalid()
    {
        var ns = await Server.CreateNamespaceAsync("evv1");
        var status = await CreateInvalidAsync(ns, """{"metadata":{"name":"bad"},"regarding":{"kind":"Pod","name":"x"},"reason":"R","deprecatedCount":2,"deprecatedSource":{"component":"kubelet"},"series":{"count":1}}""");
        status["message"]!.GetValue<string>().ShouldBe("Event.events.k8s.io \"bad\" is invalid: [involvedObject.namespace: Invalid value: \"\": does not match event.namespace, "
            + "series.count: Invalid value: \"\": should be at least 2, series.lastObservedTime: Required value, eventTime: Required value, "
            + "type: Invalid value: \"\": has invalid value: , count: Invalid value: \"\": needs to be unset, source: Invalid value: \"\": needs to be unset]");

        var missing = await CreateInvalidAsync(ns, """{"metadata":{"name":"new"},"eventTime":"2026-01-02T03:04:05.000000Z","regarding":{"kind":"Pod","name":"x","namespace":"other"},"type":"Normal"}""");
        missing["message"]!.GetValue<string>().ShouldBe("Event.events.k8s.io \"new\" is invalid: [reportingController: Required value, reportingController: Invalid value: \"\": name part must be non-empty, reportingInstance: Required value, action: Required value, reason: Required value]");
    }

    [Fact]
    public async Task Update_NoteImmutable_SeriesUpdateAllowed()
    {
        var ns = await Server.CreateNamespaceAsync("evv1");
        await CreateOkAsync(ns, NewStyle(ns));
        var (code, status, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/web.1", """{"note":"changed"}""", "application/merge-patch+json");
        code.ShouldBe(422);
        status!["message"]!.GetValue<string>().ShouldBe("Event.events.k8s.io \"web.1\" is invalid: message: Invalid value: \"changed\": field is immutable");

        var (moved, regarding, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/web.1", """{"regarding":{"name":"other"},"eventTime":"2026-01-02T03:04:06.000000Z"}""", "application/merge-patch+json");
        moved.ShouldBe(422);
        regarding!["message"]!.GetValue<string>().ShouldBe($"Event.events.k8s.io \"web.1\" is invalid: [involvedObject: Invalid value: core.ObjectReference{{Kind:\"Pod\", Namespace:\"{ns}\", Name:\"other\", UID:\"\", APIVersion:\"v1\", ResourceVersion:\"\", FieldPath:\"\"}}: field is immutable, eventTime: Invalid value: 2026-01-02 03:04:06 +0000 UTC: field is immutable]");

        var (ok, updated, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/web.1", """{"series":{"count":2,"lastObservedTime":"2026-01-02T03:05:00.000000Z"}}""", "application/merge-patch+json");
        ok.ShouldBe(200, updated?.ToJsonString());
        var (_, core, _) = await Http.GetJsonAsync($"api/v1/namespaces/{ns}/events/web.1");
        core!["series"]!["count"]!.GetValue<long>().ShouldBe(2);
    }

    [Fact]
    public async Task Watch_ThroughEventsApi_SeesCoreWriteInNewShape()
    {
        var ns = await Server.CreateNamespaceAsync("evv1");
        var (_, list, _) = await Http.GetJsonAsync(Collection(ns));
        var rv = list!["metadata"]!["resourceVersion"]!.GetValue<string>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await Http.GetAsync($"{Collection(ns)}?watch=true&resourceVersion={rv}", HttpCompletionOption.ResponseHeadersRead, cts.Token);
        ((int)response.StatusCode).ShouldBe(200);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
        var (code, _, _) = await Http.PostJsonAsync($"api/v1/namespaces/{ns}/events", $$"""{"metadata":{"name":"w.1"},"involvedObject":{"kind":"Pod","name":"w","namespace":"{{ns}}"},"reason":"Pulled","message":"image pulled"}""");
        code.ShouldBe(201);

        var line = await reader.ReadLineAsync(cts.Token);
        var ev = System.Text.Json.Nodes.JsonNode.Parse(line!)!;
        ev["type"]!.GetValue<string>().ShouldBe("ADDED");
        ev["object"]!["apiVersion"]!.GetValue<string>().ShouldBe("events.k8s.io/v1");
        ev["object"]!["note"]!.GetValue<string>().ShouldBe("image pulled");
        ev["object"]!["regarding"]!["name"]!.GetValue<string>().ShouldBe("w");
    }
}
