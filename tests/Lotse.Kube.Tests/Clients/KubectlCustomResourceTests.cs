using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Clients;

/// <summary>
/// The real kubectl on CustomResourceDefinitions and their custom resources: a CronTab CRD with two served versions,
/// printer columns and the status and scale subresources, served to kubectl's discovery, tables, apply, scale and
/// kube-apiserver's schema errors; deleting the CRD takes its custom resources with it.
/// </summary>
[Collection(KubeServerCollection.Name)]
public sealed class KubectlCustomResourceTests(KubeServerFixture server)
{
    /// <summary>A CronTab CRD in its own group, so tests sharing the cluster never see each other's definitions.</summary>
    public static string CronTabDefinition(string group, string shortName) => $$"""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: crontabs.{{group}}
        spec:
          group: {{group}}
          scope: Namespaced
          names:
            plural: crontabs
            singular: crontab
            kind: CronTab
            shortNames: [{{shortName}}]
            categories: [all]
          versions:
          - name: v1
            served: true
            storage: true
            subresources:
              status: {}
              scale:
                specReplicasPath: .spec.replicas
                statusReplicasPath: .status.replicas
                labelSelectorPath: .status.labelSelector
            additionalPrinterColumns:
            - name: Spec
              type: string
              jsonPath: .spec.cronSpec
            - name: Replicas
              type: integer
              jsonPath: .spec.replicas
            - name: Age
              type: date
              jsonPath: .metadata.creationTimestamp
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    required: [cronSpec]
                    properties:
                      cronSpec:
                        type: string
                        pattern: '^(\d+|\*)(/\d+)?(\s+(\d+|\*)(/\d+)?){4}$'
                      image:
                        type: string
                        default: busybox
                      replicas:
                        type: integer
                        minimum: 1
                        maximum: 10
                  status:
                    type: object
                    properties:
                      replicas:
                        type: integer
                      labelSelector:
                        type: string
          - name: v1beta1
            served: true
            storage: false
            schema:
              openAPIV3Schema:
                type: object
                x-kubernetes-preserve-unknown-fields: true
        """;

    [KubectlFact]
    public async Task CronTab_ApplyGetScaleDelete_ServedLikeKubeApiServer()
    {
        using var kubectl = new Kubectl(server);
        var group = $"g{Guid.NewGuid():N}"[..10] + ".example.com";
        var shortName = $"ct{Guid.NewGuid():N}"[..8];
        var ns = await server.CreateNamespaceAsync("crd");
        var dir = Path.GetDirectoryName(kubectl.KubeconfigPath)!;
        var crdFile = Path.Combine(dir, "crd.yaml");
        await File.WriteAllTextAsync(crdFile, CronTabDefinition(group, shortName));

        var apply = await kubectl.RunAsync("apply", "-f", crdFile);
        apply.ExitCode.ShouldBe(0, apply.Stderr);
        apply.Stdout.Trim().ShouldBe($"customresourcedefinition.apiextensions.k8s.io/crontabs.{group} created");

        var crds = await kubectl.RunAsync("get", "crd", $"crontabs.{group}");
        crds.ExitCode.ShouldBe(0, crds.Stderr);
        crds.Stdout.ShouldMatch(@"NAME\s+CREATED AT");
        crds.Stdout.ShouldMatch($@"(?m)^crontabs\.{group.Replace(".", "\\.", StringComparison.Ordinal)}\s+\d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\dZ\s*$");
        (await kubectl.RunAsync("get", "crd", $"crontabs.{group}", "-o", "jsonpath={.status.conditions[?(@.type==\"Established\")].status} {.status.storedVersions}"))
            .Stdout.ShouldBe("True [\"v1\"]");

        var resources = await kubectl.RunAsync("api-resources", "--api-group", group);
        resources.ExitCode.ShouldBe(0, resources.Stderr);
        resources.Stdout.ShouldMatch($@"(?m)^crontabs\s+{shortName}\s+{group.Replace(".", "\\.", StringComparison.Ordinal)}/v1\s+true\s+CronTab\s*$");

        var crFile = Path.Combine(dir, "ct.yaml");
        await File.WriteAllTextAsync(crFile, $"""
            apiVersion: {group}/v1
            kind: CronTab
            metadata:
              name: nightly
            spec:
              cronSpec: "0 3 * * *"
              replicas: 2
            """);
        var create = await kubectl.RunAsync("-n", ns, "apply", "-f", crFile);
        create.ExitCode.ShouldBe(0, create.Stderr);
        create.Stdout.Trim().ShouldBe($"crontab.{group}/nightly created");
        (await kubectl.RunAsync("-n", ns, "get", shortName, "nightly", "-o", "jsonpath={.spec.image} {.metadata.generation}")).Stdout.ShouldBe("busybox 1");

        var get = await kubectl.RunAsync("-n", ns, "get", shortName);
        get.ExitCode.ShouldBe(0, get.Stderr);
        get.Stdout.ShouldMatch(@"NAME\s+SPEC\s+REPLICAS\s+AGE");
        get.Stdout.ShouldMatch(@"(?m)^nightly\s+0 3 \* \* \*\s+2\s+\d+s\s*$");

        var scale = await kubectl.RunAsync("-n", ns, "scale", $"crontab.{group}/nightly", "--replicas=5");
        scale.ExitCode.ShouldBe(0, scale.Stderr);
        scale.Stdout.Trim().ShouldBe($"crontab.{group}/nightly scaled");
        (await kubectl.RunAsync("-n", ns, "get", shortName, "nightly", "-o", "jsonpath={.spec.replicas} {.metadata.generation}")).Stdout.ShouldBe("5 2");

        var explain = await kubectl.RunAsync("explain", $"crontabs.{group}.spec");
        explain.ExitCode.ShouldBe(0, explain.Stderr);
        explain.Stdout.ShouldMatch(@"(?m)^\s+cronSpec\s+<string> -required-\s*$");
        explain.Stdout.ShouldMatch(@"(?m)^\s+replicas\s+<integer>\s*$");

        var strategic = await kubectl.RunAsync("-n", ns, "patch", shortName, "nightly", "-p", "{\"spec\":{\"replicas\":3}}");
        strategic.ExitCode.ShouldNotBe(0);
        strategic.Stderr.ShouldContain("the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml");
        var merge = await kubectl.RunAsync("-n", ns, "patch", shortName, "nightly", "--type=merge", "-p", "{\"spec\":{\"replicas\":5}}");
        merge.ExitCode.ShouldBe(0, merge.Stderr);
        merge.Stdout.Trim().ShouldBe($"crontab.{group}/nightly patched (no change)");

        var beta = await kubectl.RunAsync("-n", ns, "get", $"crontabs.v1beta1.{group}", "nightly", "-o", "jsonpath={.apiVersion} {.spec.replicas}");
        beta.ExitCode.ShouldBe(0, beta.Stderr);
        beta.Stdout.ShouldBe($"{group}/v1beta1 5");
        (await kubectl.RunAsync("-n", ns, "get", $"crontabs.v1.{group}", "nightly", "-o", "jsonpath={.apiVersion}")).Stdout.ShouldBe($"{group}/v1");

        var deleteCrd = await kubectl.RunAsync("delete", "-f", crdFile);
        deleteCrd.ExitCode.ShouldBe(0, deleteCrd.Stderr);
        var gone = await server.CreateHttpClient().GetAsync($"apis/{group}/v1/namespaces/{ns}/crontabs/nightly");
        ((int)gone.StatusCode).ShouldBe(404);
        (await server.Store.CountAsync($"{server.Cluster.StoragePrefix}registry/{group}/")).ShouldBe(0);
    }

    [KubectlFact]
    public async Task CronTab_InvalidAndUnknownFields_KubectlPrintsServerErrors()
    {
        using var kubectl = new Kubectl(server);
        var group = $"g{Guid.NewGuid():N}"[..10] + ".example.com";
        var ns = await server.CreateNamespaceAsync("crdbad");
        var dir = Path.GetDirectoryName(kubectl.KubeconfigPath)!;
        var crdFile = Path.Combine(dir, "crd.yaml");
        await File.WriteAllTextAsync(crdFile, CronTabDefinition(group, $"ct{Guid.NewGuid():N}"[..8]));
        (await kubectl.RunAsync("create", "-f", crdFile)).ExitCode.ShouldBe(0);

        var invalid = Path.Combine(dir, "invalid.yaml");
        await File.WriteAllTextAsync(invalid, $"""
            apiVersion: {group}/v1
            kind: CronTab
            metadata:
              name: broken
            spec:
              cronSpec: "0 3 * * *"
              replicas: many
            """);
        var create = await kubectl.RunAsync("-n", ns, "create", "-f", invalid);
        create.ExitCode.ShouldNotBe(0);
        create.Stderr.Trim().ShouldBe("The CronTab \"broken\" is invalid: spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\"");

        await File.WriteAllTextAsync(invalid, $"""
            apiVersion: {group}/v1
            kind: CronTab
            metadata:
              name: broken
            spec:
              replicas: 20
            """);
        create = await kubectl.RunAsync("-n", ns, "create", "-f", invalid);
        create.ExitCode.ShouldNotBe(0);
        create.Stderr.Trim().ShouldBe("The CronTab \"broken\" is invalid: \n* spec.cronSpec: Required value\n* spec.replicas: Invalid value: 20: spec.replicas in body should be less than or equal to 10");

        var unknown = Path.Combine(dir, "unknown.yaml");
        await File.WriteAllTextAsync(unknown, $"""
            apiVersion: {group}/v1
            kind: CronTab
            metadata:
              name: extra
            spec:
              cronSpec: "* * * * *"
              colour: blue
            """);
        var apply = await kubectl.RunAsync("-n", ns, "apply", "-f", unknown);
        apply.ExitCode.ShouldNotBe(0);
        apply.Stderr.Trim().ShouldBe($"Error from server (BadRequest): error when creating \"{unknown}\": CronTab in version \"v1\" cannot be handled as a CronTab: strict decoding error: unknown field \"spec.colour\"");

        var warn = await kubectl.RunAsync("-n", ns, "apply", "--validate=warn", "-f", unknown);
        warn.ExitCode.ShouldBe(0, warn.Stderr);
        warn.Stderr.ShouldContain("unknown field \"spec.colour\"");
        (await kubectl.RunAsync("-n", ns, "get", "crontab." + group, "extra", "-o", "jsonpath={.spec}")).Stdout.ShouldBe("{\"cronSpec\":\"* * * * *\",\"image\":\"busybox\"}");

        var nsDelete = await kubectl.RunAsync("delete", "namespace", ns);
        nsDelete.ExitCode.ShouldBe(0, nsDelete.Stderr);
        (await server.Store.CountAsync($"{server.Cluster.StoragePrefix}registry/{group}/crontabs/{ns}/")).ShouldBe(0);
        (await kubectl.RunAsync("delete", "-f", crdFile)).ExitCode.ShouldBe(0);
    }
}
