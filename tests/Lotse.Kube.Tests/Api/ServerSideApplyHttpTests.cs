using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Api;

/// <summary>managedFields on every write and server-side apply over HTTP, with apimachinery's option checks and messages.</summary>
[Collection(KubeServerCollection.Name)]
public sealed class ServerSideApplyHttpTests(KubeServerFixture server)
{
    private const string Apply = "application/apply-patch+yaml";

    [Fact]
    public async Task Apply_WithoutFieldManager_PatchOptionsInvalid()
    {
        using var http = server.CreateHttpClient();
        var ns = await server.CreateNamespaceAsync("ssa");

        var (code, status, _) = await http.SendJsonAsync(HttpMethod.Patch, $"api/v1/namespaces/{ns}/configmaps/c", "{}", Apply);

        code.ShouldBe(422);
        status!["message"]!.GetValue<string>().ShouldBe("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
    }

    [Fact]
    public async Task Create_FieldManagerTooLong_CreateOptionsInvalid()
    {
        using var http = server.CreateHttpClient();
        var ns = await server.CreateNamespaceAsync("ssa");

        var (code, status, _) = await http.SendJsonAsync(HttpMethod.Post, $"api/v1/namespaces/{ns}/configmaps?fieldManager={new string('m', 129)}", """{"metadata":{"name":"c"}}""");

        code.ShouldBe(422);
        status!["message"]!.GetValue<string>().ShouldBe("CreateOptions.meta.k8s.io \"\" is invalid: fieldManager: Too long: may not be more than 128 bytes");
    }

    [Fact]
    public async Task MergePatch_WithForce_Forbidden()
    {
        using var http = server.CreateHttpClient();
        var ns = await server.CreateNamespaceAsync("ssa");

        var (code, status, _) = await http.SendJsonAsync(HttpMethod.Patch, $"api/v1/namespaces/{ns}/configmaps/c?force=true", "{}", "application/merge-patch+json");

        code.ShouldBe(422);
        status!["message"]!.GetValue<string>().ShouldBe("PatchOptions.meta.k8s.io \"\" is invalid: force: Forbidden: may not be specified for non-apply patch");
    }

    [Theory]
    [InlineData("apiVersion: v2\nkind: ConfigMap\nmetadata:\n  name: c\n", "Incorrect version specified in apply patch. Specified patch version: v2, expected: v1")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n", "the name of the object (other) does not match the name on the URL (c)")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  managedFields: []\n", "metadata.managedFields must be nil")]
    public async Task Apply_ConfigNotForThisObject_BadRequest(string config, string message)
    {
        using var http = server.CreateHttpClient();
        var ns = await server.CreateNamespaceAsync("ssa");

        var (code, status, _) = await http.SendJsonAsync(HttpMethod.Patch, $"api/v1/namespaces/{ns}/configmaps/c?fieldManager=m", config, Apply);

        code.ShouldBe(400);
        status!["message"]!.GetValue<string>().ShouldBe(message);
    }

    [Fact]
    public async Task Writes_RecordManagersFromParameterOrUserAgent()
    {
        using var http = server.CreateHttpClient();
        http.DefaultRequestHeaders.UserAgent.ParseAdd("my-controller/1.0");
        var ns = await server.CreateNamespaceAsync("ssa");

        var (created, obj, _) = await http.SendJsonAsync(HttpMethod.Post, $"api/v1/namespaces/{ns}/configmaps", """{"metadata":{"name":"c"},"data":{"a":"1"}}""");
        created.ShouldBe(201);
        var entry = obj!["metadata"]!["managedFields"]!.AsArray().Single()!;
        entry["manager"]!.GetValue<string>().ShouldBe("my-controller");
        entry["operation"]!.GetValue<string>().ShouldBe("Update");
        entry["fieldsV1"]!.ToJsonString().ShouldBe("""{"f:data":{".":{},"f:a":{}}}""");

        var (patched, after, _) = await http.SendJsonAsync(HttpMethod.Patch, $"api/v1/namespaces/{ns}/configmaps/c?fieldManager=patcher", """{"data":{"a":"2"}}""", "application/merge-patch+json");
        patched.ShouldBe(200);
        after!["metadata"]!["managedFields"]!.AsArray().Select(e => $"{e!["manager"]}:{e["fieldsV1"]!.ToJsonString()}")
            .ShouldBe(["my-controller:{\"f:data\":{}}", "patcher:{\"f:data\":{\"f:a\":{}}}"]);

        var (reset, cleared, _) = await http.SendJsonAsync(HttpMethod.Patch, $"api/v1/namespaces/{ns}/configmaps/c", """{"metadata":{"managedFields":[{}]}}""", "application/merge-patch+json");
        reset.ShouldBe(200);
        cleared!["metadata"]!.AsObject().ContainsKey("managedFields").ShouldBeFalse();
    }

    [Fact]
    public async Task Apply_ConflictStatus_CausesAsUpstream()
    {
        using var http = server.CreateHttpClient();
        var ns = await server.CreateNamespaceAsync("ssa");
        await http.SendJsonAsync(HttpMethod.Post, $"api/v1/namespaces/{ns}/configmaps?fieldManager=creator", """{"metadata":{"name":"c"},"data":{"a":"1"}}""");

        var (code, status, _) = await http.SendJsonAsync(HttpMethod.Patch, $"api/v1/namespaces/{ns}/configmaps/c?fieldManager=applier",
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"2"}}""", Apply);

        code.ShouldBe(409);
        status!["reason"]!.GetValue<string>().ShouldBe("Conflict");
        status["message"]!.GetValue<string>().ShouldBe("Apply failed with 1 conflict: conflict with \"creator\" using v1: .data.a");
        var cause = status["details"]!["causes"]!.AsArray().Single()!;
        cause["reason"]!.GetValue<string>().ShouldBe("FieldManagerConflict");
        cause["message"]!.GetValue<string>().ShouldBe("conflict with \"creator\" using v1");
        cause["field"]!.GetValue<string>().ShouldBe(".data.a");
    }

    [Fact]
    public async Task ApplyStatus_RecordsSubresourceEntry()
    {
        using var http = server.CreateHttpClient();
        var ns = await server.CreateNamespaceAsync("ssa");
        var deployment = """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{"selector":{"matchLabels":{"app":"d"}},"template":{"metadata":{"labels":{"app":"d"}},"spec":{"containers":[{"name":"c","image":"nginx"}]}}}}""";
        (await http.SendJsonAsync(HttpMethod.Patch, $"apis/apps/v1/namespaces/{ns}/deployments/d?fieldManager=deployer", deployment, Apply)).Code.ShouldBe(201);

        var (code, obj, _) = await http.SendJsonAsync(HttpMethod.Patch, $"apis/apps/v1/namespaces/{ns}/deployments/d/status?fieldManager=controller",
            """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"status":{"observedGeneration":1}}""", Apply);

        code.ShouldBe(200);
        obj!["status"]!["observedGeneration"]!.GetValue<int>().ShouldBe(1);
        var entries = obj["metadata"]!["managedFields"]!.AsArray();
        entries.Select(e => $"{e!["manager"]}/{e["operation"]}/{e["subresource"]}").Order(StringComparer.Ordinal).ShouldBe(["controller/Apply/status", "deployer/Apply/"]);
        entries.Single(e => e!["manager"]!.GetValue<string>() == "controller")!["fieldsV1"]!.ToJsonString().ShouldBe("""{"f:status":{"f:observedGeneration":{}}}""");
    }

    [Fact]
    public async Task KubernetesClient_ApplyPatch_CreatesThenUpdates()
    {
        using var client = server.CreateKubernetesClient();
        var ns = await server.CreateNamespaceAsync("ssa");
        var config = new V1ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = new V1ObjectMeta { Name = "typed" }, Data = new Dictionary<string, string> { ["k"] = "v" } };

        var created = await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(config, V1Patch.PatchType.ApplyPatch), "typed", ns, fieldManager: "csharp");
        created.Data["k"].ShouldBe("v");
        created.Metadata.ManagedFields.Single().Manager.ShouldBe("csharp");
        created.Metadata.ManagedFields.Single().Operation.ShouldBe("Apply");

        config.Data = new Dictionary<string, string> { ["other"] = "x" };
        var updated = await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(config, V1Patch.PatchType.ApplyPatch), "typed", ns, fieldManager: "csharp");
        updated.Data.Keys.ShouldBe(["other"]);
        updated.Metadata.ResourceVersion.ShouldNotBe(created.Metadata.ResourceVersion);
    }
}
