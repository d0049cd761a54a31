using System.Text.Json.Nodes;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Api;

/// <summary>The watch wire format seen with raw HTTP: one JSON event per line, selectors, tables, timeouts, 410.</summary>
[Collection(KubeServerCollection.Name)]
public sealed class WatchHttpTests(KubeServerFixture server)
{
    private const string TableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";

    private async Task<List<JsonNode>> ReadEventsAsync(HttpClient http, string url, int count, Func<Task>? afterStart = null, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        ((int)response.StatusCode).ShouldBe(200);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
        if (afterStart is not null)
        {
            await afterStart();
        }

        var events = new List<JsonNode>();
        while (events.Count < count)
        {
            var line = await reader.ReadLineAsync(cts.Token);
            if (line is null)
            {
                break;
            }

            events.Add(JsonNode.Parse(line)!);
        }

        return events;
    }

    [Fact]
    public async Task Watch_TimeoutWithoutEvents_EmptyStreamEnds()
    {
        using var http = server.CreateHttpClient();
        var ns = await server.CreateNamespaceAsync("w");
        var started = DateTime.UtcNow;
        var response = await http.GetAsync($"api/v1/namespaces/{ns}/configmaps?watch=true&timeoutSeconds=1");
        ((int)response.StatusCode).ShouldBe(200);
        (await response.Content.ReadAsStringAsync()).ShouldBeEmpty();
        (DateTime.UtcNow - started).ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Watch_LabelSelector_DeletedWhenObjectStopsMatching()
    {
        using var http = server.CreateHttpClient();
        var ns = await server.CreateNamespaceAsync("w");
        var (_, created, _) = await http.PostJsonAsync($"api/v1/namespaces/{ns}/configmaps", """{"metadata":{"name":"sel","labels":{"watch":"yes"}}}""");
        var rv = created!["metadata"]!["resourceVersion"]!.GetValue<string>();
        var events = await ReadEventsAsync(http, $"api/v1/namespaces/{ns}/configmaps?watch=true&labelSelector=watch%3Dyes&resourceVersion={rv}", 3, async () =>
        {
            await http.SendJsonAsync(HttpMethod.Patch, $"api/v1/namespaces/{ns}/configmaps/sel", """{"data":{"a":"1"}}""", "application/merge-patch+json");
            await http.SendJsonAsync(HttpMethod.Patch, $"api/v1/namespaces/{ns}/configmaps/sel", """{"metadata":{"labels":{"watch":"no"}}}""", "application/merge-patch+json");
            await http.SendJsonAsync(HttpMethod.Patch, $"api/v1/namespaces/{ns}/configmaps/sel", """{"metadata":{"labels":{"watch":"yes"}}}""", "application/merge-patch+json");
        });
        events.Select(e => e["type"]!.GetValue<string>()).ShouldBe(["MODIFIED", "DELETED", "ADDED"]);
        events[1]["object"]!["metadata"]!["labels"]!["watch"]!.GetValue<string>().ShouldBe("yes");
    }

    [Fact]
    public async Task Watch_Table_ColumnDefinitionsOnlyOnFirstEvent()
    {
        using var http = server.CreateHttpClient();
        var ns = await server.CreateNamespaceAsync("w");
        await http.PostJsonAsync($"api/v1/namespaces/{ns}/configmaps", """{"metadata":{"name":"t1"},"data":{"a":"1"}}""");
        var events = await ReadEventsAsync(http, $"api/v1/namespaces/{ns}/configmaps?watch=true", 2,
            () => http.PostJsonAsync($"api/v1/namespaces/{ns}/configmaps", """{"metadata":{"name":"t2"}}"""), TableAccept);
        events[0]["type"]!.GetValue<string>().ShouldBe("ADDED");
        events[0]["object"]!["kind"]!.GetValue<string>().ShouldBe("Table");
        events[0]["object"]!["columnDefinitions"]!.AsArray().Count.ShouldBe(3);
        events[0]["object"]!["rows"]![0]!["cells"]![0]!.GetValue<string>().ShouldBe("t1");
        events[0]["object"]!["rows"]![0]!["object"]!["kind"]!.GetValue<string>().ShouldBe("PartialObjectMetadata");
        events[1]["object"]!["columnDefinitions"]!.AsArray().Count.ShouldBe(0);
        events[1]["object"]!["rows"]![0]!["cells"]![0]!.GetValue<string>().ShouldBe("t2");
    }

    [Fact]
    public async Task Watch_CompactedResourceVersion_ErrorEventExpired()
    {
        using var http = server.CreateHttpClient();
        var ns = await server.CreateNamespaceAsync("w");
        var (_, created, _) = await http.PostJsonAsync($"api/v1/namespaces/{ns}/configmaps", """{"metadata":{"name":"old"}}""");
        var oldRv = long.Parse(created!["metadata"]!["resourceVersion"]!.GetValue<string>());
        await http.SendJsonAsync(HttpMethod.Patch, $"api/v1/namespaces/{ns}/configmaps/old", """{"data":{"a":"1"}}""", "application/merge-patch+json");
        await server.Store.CompactAsync(server.Store.CurrentRevision);
        var events = await ReadEventsAsync(http, $"api/v1/namespaces/{ns}/configmaps?watch=true&resourceVersion={oldRv - 1}", 1);
        events.Count.ShouldBe(1);
        events[0]["type"]!.GetValue<string>().ShouldBe("ERROR");
        events[0]["object"]!["code"]!.GetValue<int>().ShouldBe(410);
        events[0]["object"]!["reason"]!.GetValue<string>().ShouldBe("Expired");
        events[0]["object"]!["message"]!.GetValue<string>().ShouldStartWith($"too old resource version: {oldRv - 1} (");
    }

    [Fact]
    public async Task Watch_FieldSelectorName_OnlyThatObject()
    {
        using var http = server.CreateHttpClient();
        var ns = await server.CreateNamespaceAsync("w");
        await http.PostJsonAsync($"api/v1/namespaces/{ns}/configmaps", """{"metadata":{"name":"other"}}""");
        await http.PostJsonAsync($"api/v1/namespaces/{ns}/configmaps", """{"metadata":{"name":"mine"}}""");
        var events = await ReadEventsAsync(http, $"api/v1/namespaces/{ns}/configmaps?watch=true&fieldSelector=metadata.name%3Dmine", 2,
            async () =>
            {
                await http.SendJsonAsync(HttpMethod.Patch, $"api/v1/namespaces/{ns}/configmaps/other", """{"data":{"x":"1"}}""", "application/merge-patch+json");
                await http.SendJsonAsync(HttpMethod.Delete, $"api/v1/namespaces/{ns}/configmaps/mine");
            });
        events.Select(e => (e["type"]!.GetValue<string>(), e["object"]!["metadata"]!["name"]!.GetValue<string>())).ShouldBe([("ADDED", "mine"), ("DELETED", "mine")]);
    }
}
