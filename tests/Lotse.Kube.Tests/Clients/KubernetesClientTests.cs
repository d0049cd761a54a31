using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Clients;

/// <summary>The official C# KubernetesClient against the path-prefixed HTTPS server.</summary>
[Collection(KubeServerCollection.Name)]
public sealed class KubernetesClientTests(KubeServerFixture server)
{
    [Fact]
    public async Task ConfigMapCrud_TypedClient_RoundTrips()
    {
        using var client = server.CreateKubernetesClient();
        var ns = await server.CreateNamespaceAsync("cs");
        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "crud", Labels = new Dictionary<string, string> { ["app"] = "x" } }, Data = new Dictionary<string, string> { ["k"] = "v" } }, ns);
        created.Metadata.Uid.ShouldNotBeNullOrEmpty();
        created.Metadata.CreationTimestamp.ShouldNotBeNull();
        created.Metadata.NamespaceProperty.ShouldBe(ns);

        var read = await client.CoreV1.ReadNamespacedConfigMapAsync("crud", ns);
        read.Data["k"].ShouldBe("v");
        read.Metadata.ResourceVersion.ShouldBe(created.Metadata.ResourceVersion);

        read.Data["k"] = "v2";
        var replaced = await client.CoreV1.ReplaceNamespacedConfigMapAsync(read, "crud", ns);
        replaced.Data["k"].ShouldBe("v2");
        replaced.Metadata.ResourceVersion.ShouldNotBe(created.Metadata.ResourceVersion);

        await client.CoreV1.DeleteNamespacedConfigMapAsync("crud", ns);
        var missing = await Should.ThrowAsync<HttpOperationException>(() => client.CoreV1.ReadNamespacedConfigMapAsync("crud", ns));
        missing.Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        missing.Response.Content.ShouldContain("configmaps \\\"crud\\\" not found");
    }

    [Fact]
    public async Task Create_Twice_ConflictAlreadyExists()
    {
        using var client = server.CreateKubernetesClient();
        var ns = await server.CreateNamespaceAsync("cs");
        var cm = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "twice" } };
        await client.CoreV1.CreateNamespacedConfigMapAsync(cm, ns);
        var e = await Should.ThrowAsync<HttpOperationException>(() => client.CoreV1.CreateNamespacedConfigMapAsync(cm, ns));
        e.Response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        KubernetesJson.Deserialize<V1Status>(e.Response.Content).Reason.ShouldBe("AlreadyExists");
    }

    [Fact]
    public async Task Replace_StaleResourceVersion_Conflict()
    {
        using var client = server.CreateKubernetesClient();
        var ns = await server.CreateNamespaceAsync("cs");
        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cas" } }, ns);
        await client.CoreV1.ReplaceNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cas", ResourceVersion = created.Metadata.ResourceVersion }, Data = new Dictionary<string, string> { ["a"] = "1" } }, "cas", ns);
        var e = await Should.ThrowAsync<HttpOperationException>(() => client.CoreV1.ReplaceNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cas", ResourceVersion = created.Metadata.ResourceVersion } }, "cas", ns));
        e.Response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        KubernetesJson.Deserialize<V1Status>(e.Response.Content).Message.ShouldContain("the object has been modified");
    }

    [Fact]
    public async Task List_LimitAndContinue_PagesThroughEverythingAtOneRevision()
    {
        using var client = server.CreateKubernetesClient();
        var ns = await server.CreateNamespaceAsync("cs");
        for (var i = 0; i < 5; i++)
        {
            await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = $"p{i}" } }, ns);
        }

        var names = new List<string>();
        string? token = null;
        string? listRv = null;
        var pages = 0;
        do
        {
            var page = await client.CoreV1.ListNamespacedConfigMapAsync(ns, limit: 2, continueParameter: token);
            page.Items.Count.ShouldBeLessThanOrEqualTo(2);
            listRv ??= page.Metadata.ResourceVersion;
            page.Metadata.ResourceVersion.ShouldBe(listRv);
            names.AddRange(page.Items.Select(i => i.Metadata.Name));
            token = page.Metadata.ContinueProperty;
            pages++;
            if (pages == 1)
            {
                // A write between pages must not show up: continued pages are served at the first page's revision.
                await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "p9-late" } }, ns);
            }
        }
        while (!string.IsNullOrEmpty(token));

        names.ShouldBe(["p0", "p1", "p2", "p3", "p4"]);
        pages.ShouldBe(3);
    }

    [Fact]
    public async Task Watch_FromResourceVersion_SeesOnlyLaterEventsInOrder()
    {
        using var client = server.CreateKubernetesClient();
        var ns = await server.CreateNamespaceAsync("cs");
        var before = await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "before" } }, ns);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var events = new List<(WatchEventType, string, string)>();
        var watching = Task.Run(async () =>
        {
            await foreach (var (type, cm) in client.CoreV1.WatchListNamespacedConfigMapAsync(ns, resourceVersion: before.Metadata.ResourceVersion, cancellationToken: cts.Token))
            {
                events.Add((type, cm.Metadata.Name, cm.Metadata.ResourceVersion));
                if (events.Count == 3)
                {
                    break;
                }
            }
        });

        await Task.Delay(200);
        var added = await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "after" } }, ns);
        var patched = await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"x":"y"}}""", V1Patch.PatchType.MergePatch), "after", ns);
        await client.CoreV1.DeleteNamespacedConfigMapAsync("after", ns);
        await watching.WaitAsync(cts.Token);

        events.Select(e => (e.Item1, e.Item2)).ShouldBe([(WatchEventType.Added, "after"), (WatchEventType.Modified, "after"), (WatchEventType.Deleted, "after")]);
        events[0].Item3.ShouldBe(added.Metadata.ResourceVersion);
        events[1].Item3.ShouldBe(patched.Metadata.ResourceVersion);
        long.Parse(events[2].Item3).ShouldBeGreaterThan(long.Parse(patched.Metadata.ResourceVersion));

        // Resuming from the MODIFIED event's resourceVersion replays only what came after it.
        using var resume = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var (type, cm) in client.CoreV1.WatchListNamespacedConfigMapAsync(ns, resourceVersion: events[1].Item3, cancellationToken: resume.Token))
        {
            type.ShouldBe(WatchEventType.Deleted);
            cm.Metadata.Name.ShouldBe("after");
            break;
        }
    }

    [Fact]
    public async Task Watch_WithoutResourceVersion_StartsWithSyntheticAdded()
    {
        using var client = server.CreateKubernetesClient();
        var ns = await server.CreateNamespaceAsync("cs");
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "existing" } }, ns);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var (type, cm) in client.CoreV1.WatchListNamespacedConfigMapAsync(ns, cancellationToken: cts.Token))
        {
            type.ShouldBe(WatchEventType.Added);
            cm.Metadata.Name.ShouldBe("existing");
            break;
        }
    }

    [Fact]
    public async Task Watch_TimeoutSeconds_StreamEndsAfterEvents()
    {
        // (The C# client throws EndOfStreamException on a watch that ends with no event at all, against any server;
        // the empty-stream case is covered with raw HTTP in WatchHttpTests.)
        using var client = server.CreateKubernetesClient();
        var ns = await server.CreateNamespaceAsync("cs");
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "one" } }, ns);
        var started = DateTime.UtcNow;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var count = 0;
        await foreach (var _ in client.CoreV1.WatchListNamespacedConfigMapAsync(ns, timeoutSeconds: 1, cancellationToken: cts.Token))
        {
            count++;
        }

        count.ShouldBe(1);
        (DateTime.UtcNow - started).ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Patch_JsonAndMerge_Applied()
    {
        using var client = server.CreateKubernetesClient();
        var ns = await server.CreateNamespaceAsync("cs");
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "pt" }, Data = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" } }, ns);

        var merged = await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"a":null,"c":"3"}}""", V1Patch.PatchType.MergePatch), "pt", ns);
        merged.Data.ShouldBe(new Dictionary<string, string> { ["b"] = "2", ["c"] = "3" });

        var json = await client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""[{"op":"test","path":"/data/b","value":"2"},{"op":"add","path":"/data/d","value":"4"},{"op":"remove","path":"/data/c"}]""", V1Patch.PatchType.JsonPatch), "pt", ns);
        json.Data.ShouldBe(new Dictionary<string, string> { ["b"] = "2", ["d"] = "4" });

        var failed = await Should.ThrowAsync<HttpOperationException>(() => client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""[{"op":"test","path":"/data/b","value":"nope"},{"op":"add","path":"/data/e","value":"5"}]""", V1Patch.PatchType.JsonPatch), "pt", ns));
        failed.Response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await client.CoreV1.ReadNamespacedConfigMapAsync("pt", ns)).Data.ContainsKey("e").ShouldBeFalse();
    }

    [Fact]
    public async Task Discovery_Version_Reports132()
    {
        using var client = server.CreateKubernetesClient();
        var version = await client.Version.GetCodeAsync();
        version.Major.ShouldBe("1");
        version.Minor.ShouldBe("32");
    }
}
