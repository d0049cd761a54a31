using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Clients;

/// <summary>The official C# KubernetesClient on a CRD (typed apiextensions API) and its custom objects (generic API).</summary>
[Collection(KubeServerCollection.Name)]
public sealed class KubernetesClientCustomResourceTests(KubeServerFixture server)
{
    [Fact]
    public async Task CustomObjects_CreateGetPatchListDelete_RoundTrip()
    {
        using var client = server.CreateKubernetesClient();
        var group = $"g{Guid.NewGuid():N}"[..10] + ".example.com";
        var ns = await server.CreateNamespaceAsync("cscr");
        var crd = new V1CustomResourceDefinition
        {
            Metadata = new V1ObjectMeta { Name = $"backups.{group}" },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = group,
                Scope = "Namespaced",
                Names = new V1CustomResourceDefinitionNames { Plural = "backups", Kind = "Backup" },
                Versions =
                [
                    new V1CustomResourceDefinitionVersion
                    {
                        Name = "v1",
                        Served = true,
                        Storage = true,
                        Schema = new V1CustomResourceValidation
                        {
                            OpenAPIV3Schema = new V1JSONSchemaProps
                            {
                                Type = "object",
                                Properties = new Dictionary<string, V1JSONSchemaProps>
                                {
                                    ["spec"] = new()
                                    {
                                        Type = "object",
                                        Properties = new Dictionary<string, V1JSONSchemaProps> { ["retainDays"] = new() { Type = "integer", DefaultProperty = 7 } },
                                    },
                                },
                            },
                        },
                    },
                ],
            },
        };
        var created = await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
        created.Spec.Names.ListKind.ShouldBe("BackupList");
        created.Status.Conditions.ShouldContain(c => c.Type == "Established" && c.Status == "True");

        var backup = new Dictionary<string, object>
        {
            ["apiVersion"] = $"{group}/v1",
            ["kind"] = "Backup",
            ["metadata"] = new Dictionary<string, object> { ["name"] = "nightly" },
            ["spec"] = new Dictionary<string, object>(),
        };
        var made = (JsonElement)await client.CustomObjects.CreateNamespacedCustomObjectAsync(backup, group, "v1", ns, "backups");
        made.GetProperty("spec").GetProperty("retainDays").GetInt32().ShouldBe(7);

        var patch = new V1Patch("{\"spec\":{\"retainDays\":30}}", V1Patch.PatchType.MergePatch);
        var patched = (JsonElement)await client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, group, "v1", ns, "backups", "nightly");
        patched.GetProperty("spec").GetProperty("retainDays").GetInt32().ShouldBe(30);
        patched.GetProperty("metadata").GetProperty("generation").GetInt64().ShouldBe(2);

        var list = (JsonElement)await client.CustomObjects.ListNamespacedCustomObjectAsync(group, "v1", ns, "backups");
        list.GetProperty("kind").GetString().ShouldBe("BackupList");
        list.GetProperty("items").GetArrayLength().ShouldBe(1);

        await client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync($"backups.{group}");
        var missing = await Should.ThrowAsync<HttpOperationException>(() => client.CustomObjects.GetNamespacedCustomObjectAsync(group, "v1", ns, "backups", "nightly"));
        missing.Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
