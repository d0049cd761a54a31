using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Clients;

/// <summary>The real kubectl's server-side apply: create, update with pruning, managedFields, conflicts, force, client-side migration.</summary>
[Collection(KubeServerCollection.Name)]
public sealed class KubectlServerSideApplyTests(KubeServerFixture server)
{
    private const string ConfigMapV1 = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          labels:
            app: web
        data:
          a: "1"
          b: "2"
        """;

    private const string ConfigMapV2 = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          labels:
            app: web
        data:
          a: "1"
        """;

    [KubectlFact]
    public async Task ConfigMap_ApplyUpdateConflictForce_ManagedFieldsFollow()
    {
        using var kubectl = new Kubectl(server);
        var ns = await server.CreateNamespaceAsync("ssa");
        using var v1 = new TempFile(ConfigMapV1);
        using var v2 = new TempFile(ConfigMapV2);

        var created = await kubectl.RunAsync("-n", ns, "apply", "--server-side", "-f", v1.Path);
        created.ExitCode.ShouldBe(0, created.Stderr + string.Join("\n", server.Log.Entries));
        created.Stdout.Trim().ShouldBe("configmap/settings serverside-applied");

        var yaml = await kubectl.RunAsync("-n", ns, "get", "configmap", "settings", "-o", "yaml", "--show-managed-fields");
        yaml.Stdout.ShouldContain("""
              managedFields:
              - apiVersion: v1
                fieldsType: FieldsV1
                fieldsV1:
                  f:data:
                    f:a: {}
                    f:b: {}
                  f:metadata:
                    f:labels:
                      f:app: {}
                manager: kubectl
                operation: Apply
            """.Replace("\r", "", StringComparison.Ordinal));
        (await kubectl.RunAsync("-n", ns, "get", "configmap", "settings", "-o", "yaml")).Stdout.ShouldNotContain("managedFields");

        var updated = await kubectl.RunAsync("-n", ns, "apply", "--server-side", "-f", v2.Path);
        updated.ExitCode.ShouldBe(0, updated.Stderr);
        (await kubectl.RunAsync("-n", ns, "get", "configmap", "settings", "-o", "jsonpath={.data}")).Stdout.ShouldBe("{\"a\":\"1\"}");

        var label = await kubectl.RunAsync("-n", ns, "label", "configmap", "settings", "app=other", "--overwrite");
        label.ExitCode.ShouldBe(0, label.Stderr);
        var labelled = await kubectl.RunAsync("-n", ns, "get", "configmap", "settings", "-o", "yaml", "--show-managed-fields");
        labelled.Stdout.ShouldContain("manager: kubectl-label");
        labelled.Stdout.ShouldContain("operation: Update");

        var conflict = await kubectl.RunAsync("-n", ns, "apply", "--server-side", "-f", v2.Path);
        conflict.ExitCode.ShouldNotBe(0);
        conflict.Stderr.ShouldStartWith("error: Apply failed with 1 conflict: conflict with \"kubectl-label\" using v1: .metadata.labels.app");
        conflict.Stderr.ShouldContain("--force-conflicts");

        var forced = await kubectl.RunAsync("-n", ns, "apply", "--server-side", "--force-conflicts", "-f", v2.Path);
        forced.ExitCode.ShouldBe(0, forced.Stderr);
        (await kubectl.RunAsync("-n", ns, "get", "configmap", "settings", "-o", "jsonpath={.metadata.labels.app}")).Stdout.ShouldBe("web");
        var after = await kubectl.RunAsync("-n", ns, "get", "configmap", "settings", "-o", "jsonpath={.metadata.managedFields[*].manager}");
        after.Stdout.ShouldBe("kubectl");
    }

    [KubectlFact]
    public async Task ConfigMap_ClientSideApplyThenServerSide_MigratesWithoutConflict()
    {
        using var kubectl = new Kubectl(server);
        var ns = await server.CreateNamespaceAsync("ssa");
        using var v1 = new TempFile(ConfigMapV1);
        using var changed = new TempFile(ConfigMapV2.Replace("a: \"1\"", "a: \"changed\"", StringComparison.Ordinal));

        var clientSide = await kubectl.RunAsync("-n", ns, "apply", "-f", v1.Path);
        clientSide.ExitCode.ShouldBe(0, clientSide.Stderr);
        (await kubectl.RunAsync("-n", ns, "get", "configmap", "settings", "-o", "jsonpath={.metadata.managedFields[*].manager}")).Stdout.ShouldBe("kubectl-client-side-apply");

        var serverSide = await kubectl.RunAsync("-n", ns, "apply", "--server-side", "-f", changed.Path);
        serverSide.ExitCode.ShouldBe(0, serverSide.Stderr);
        serverSide.Stdout.Trim().ShouldBe("configmap/settings serverside-applied");
        (await kubectl.RunAsync("-n", ns, "get", "configmap", "settings", "-o", "jsonpath={.data.a}")).Stdout.ShouldBe("changed");
        var annotation = await kubectl.RunAsync("-n", ns, "get", "configmap", "settings", "-o", "jsonpath={.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}");
        annotation.Stdout.ShouldContain("\"a\":\"changed\"");
        var operations = await kubectl.RunAsync("-n", ns, "get", "configmap", "settings", "-o", "jsonpath={range .metadata.managedFields[*]}{.manager}={.operation} {end}");
        // kubectl itself rewrites the client-side-apply entry into Apply entries (kubectl-last-applied owns the annotation).
        operations.Stdout.Split(' ', StringSplitOptions.RemoveEmptyEntries).ShouldContain("kubectl=Apply");
        operations.Stdout.ShouldNotContain("kubectl-client-side-apply");
    }

    [KubectlFact]
    public async Task Deployment_ApplyTwice_DroppedEnvRemovedAndDryRunStoresNothing()
    {
        using var kubectl = new Kubectl(server);
        var ns = await server.CreateNamespaceAsync("ssa");
        const string Deployment = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 2
              selector:
                matchLabels:
                  app: web
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  containers:
                  - name: nginx
                    image: nginx:1.27
                    env:
                    - name: MODE
                      value: fast
                    - name: DEBUG
                      value: "1"
            """;
        using var v1 = new TempFile(Deployment);
        using var v2 = new TempFile(Deployment.Replace("nginx:1.27", "nginx:1.28", StringComparison.Ordinal)
            .Replace("\n        - name: DEBUG\n          value: \"1\"", "", StringComparison.Ordinal));

        var dryRun = await kubectl.RunAsync("-n", ns, "apply", "--server-side", "--dry-run=server", "-f", v1.Path);
        dryRun.ExitCode.ShouldBe(0, dryRun.Stderr);
        dryRun.Stdout.Trim().ShouldBe("deployment.apps/web serverside-applied (server dry run)");
        (await kubectl.RunAsync("-n", ns, "get", "deployment", "web")).ExitCode.ShouldNotBe(0);

        var created = await kubectl.RunAsync("-n", ns, "apply", "--server-side", "-f", v1.Path);
        created.ExitCode.ShouldBe(0, created.Stderr + string.Join("\n", server.Log.Entries));
        created.Stdout.Trim().ShouldBe("deployment.apps/web serverside-applied");
        var fields = await kubectl.RunAsync("-n", ns, "get", "deployment", "web", "-o", "yaml", "--show-managed-fields");
        fields.Stdout.ShouldContain("k:{\"name\":\"nginx\"}:");
        fields.Stdout.ShouldContain("k:{\"name\":\"DEBUG\"}:");
        fields.Stdout.ShouldContain("imagePullPolicy: IfNotPresent");

        var updated = await kubectl.RunAsync("-n", ns, "apply", "--server-side", "-f", v2.Path);
        updated.ExitCode.ShouldBe(0, updated.Stderr + string.Join("\n", server.Log.Entries));
        var state = await kubectl.RunAsync("-n", ns, "get", "deployment", "web", "-o",
            "jsonpath={.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].env[*].name} {.metadata.generation} {.spec.template.spec.containers[0].imagePullPolicy}");
        state.Stdout.ShouldBe("nginx:1.28 MODE 2 IfNotPresent");

        var scale = await kubectl.RunAsync("-n", ns, "scale", "deployment", "web", "--replicas=3");
        scale.ExitCode.ShouldBe(0, scale.Stderr);
        (await kubectl.RunAsync("-n", ns, "get", "deployment", "web", "-o", "jsonpath={.metadata.managedFields[?(@.subresource==\"scale\")].fieldsV1}")).Stdout
            .ShouldBe("{\"f:spec\":{\"f:replicas\":{}}}");
        var conflict = await kubectl.RunAsync("-n", ns, "apply", "--server-side", "-f", v2.Path);
        conflict.ExitCode.ShouldNotBe(0);
        conflict.Stderr.ShouldMatch("^error: Apply failed with 1 conflict: conflict with \"[^\"]+\" with subresource \"scale\" using apps/v1: \\.spec\\.replicas");
        (await kubectl.RunAsync("-n", ns, "apply", "--server-side", "--force-conflicts", "-f", v2.Path)).ExitCode.ShouldBe(0);
        (await kubectl.RunAsync("-n", ns, "get", "deployment", "web", "-o", "jsonpath={.spec.replicas}")).Stdout.ShouldBe("2");
    }

    [KubectlFact]
    public async Task ConfigMap_CreatedByKubectlCreate_ApplyOfOtherValueConflicts()
    {
        using var kubectl = new Kubectl(server);
        var ns = await server.CreateNamespaceAsync("ssa");
        using var manifest = new TempFile(ConfigMapV2);

        var create = await kubectl.RunAsync("-n", ns, "create", "configmap", "settings", "--from-literal=a=0");
        create.ExitCode.ShouldBe(0, create.Stderr);
        var fields = await kubectl.RunAsync("-n", ns, "get", "configmap", "settings", "-o", "yaml", "--show-managed-fields");
        fields.Stdout.ShouldContain("manager: kubectl-create");
        fields.Stdout.ShouldContain("operation: Update");

        var conflict = await kubectl.RunAsync("-n", ns, "apply", "--server-side", "-f", manifest.Path);
        conflict.ExitCode.ShouldNotBe(0);
        conflict.Stderr.ShouldStartWith("error: Apply failed with 1 conflict: conflict with \"kubectl-create\" using v1: .data.a");
        (await kubectl.RunAsync("-n", ns, "get", "configmap", "settings", "-o", "jsonpath={.data.a}")).Stdout.ShouldBe("0");
    }

    private sealed class TempFile : IDisposable
    {
        public TempFile(string content)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"lotse-ssa-{Guid.NewGuid():N}.yaml");
            File.WriteAllText(Path, content);
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}
