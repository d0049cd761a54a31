using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Clients;

/// <summary>kubectl commands that read manifests (they probe /openapi/v3 for fieldValidation support first).</summary>
[Collection(KubeServerCollection.Name)]
public sealed class KubectlFileTests(KubeServerFixture server)
{
    [KubectlFact]
    public async Task CreateFromFile_ThenApplyChange_ObjectUpdated()
    {
        using var kubectl = new Kubectl(server);
        var ns = await server.CreateNamespaceAsync("file");
        var file = Path.Combine(Path.GetDirectoryName(kubectl.KubeconfigPath)!, "cm.yaml");
        await File.WriteAllTextAsync(file, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-file\ndata:\n  a: \"1\"\n");
        var create = await kubectl.RunAsync("-n", ns, "create", "-f", file);
        create.ExitCode.ShouldBe(0, create.Stderr);
        create.Stdout.Trim().ShouldBe("configmap/from-file created");

        await File.WriteAllTextAsync(file, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-file\ndata:\n  a: \"2\"\n  b: \"3\"\n");
        var apply = await kubectl.RunAsync("-n", ns, "apply", "-f", file);
        apply.ExitCode.ShouldBe(0, apply.Stderr);
        apply.Stdout.Trim().ShouldBe("configmap/from-file configured");
        (await kubectl.RunAsync("-n", ns, "get", "cm", "from-file", "-o", "jsonpath={.data}")).Stdout.ShouldBe("""{"a":"2","b":"3"}""");
    }

    [KubectlFact]
    public async Task GetAsYaml_ThenCreateFromThatListFile_RoundTrips()
    {
        // `kubectl get -o yaml` writes a `kind: List`; kubectl validates a List client-side against /openapi/v2.
        using var kubectl = new Kubectl(server);
        var source = await server.CreateNamespaceAsync("list-src");
        var target = await server.CreateNamespaceAsync("list-dst");
        foreach (var name in new[] { "one", "two" })
        {
            (await kubectl.RunAsync("-n", source, "create", "configmap", name, $"--from-literal=name={name}")).ExitCode.ShouldBe(0);
        }

        var export = await kubectl.RunAsync("-n", source, "get", "cm", "one", "two", "-o", "yaml");
        export.ExitCode.ShouldBe(0, export.Stderr);
        export.Stdout.ShouldContain("kind: List");
        var file = Path.Combine(Path.GetDirectoryName(kubectl.KubeconfigPath)!, "list.yaml");
        // The same objects into another namespace: identity fields go, as when moving a manifest to a new cluster.
        var moved = export.Stdout.Split('\n')
            .Where(line => !line.TrimStart().StartsWith("resourceVersion:", StringComparison.Ordinal) && !line.TrimStart().StartsWith("uid:", StringComparison.Ordinal))
            .Select(line => line.Replace($"namespace: {source}", $"namespace: {target}", StringComparison.Ordinal));
        await File.WriteAllTextAsync(file, string.Join('\n', moved));

        var create = await kubectl.RunAsync("create", "-f", file);

        create.ExitCode.ShouldBe(0, create.Stderr);
        create.Stdout.Trim().ShouldBe("configmap/one created\nconfigmap/two created");
        (await kubectl.RunAsync("-n", target, "get", "cm", "two", "-o", "jsonpath={.data.name}")).Stdout.ShouldBe("two");
    }

    [KubectlFact]
    public async Task CreateFromFile_UnknownField_StrictError()
    {
        using var kubectl = new Kubectl(server);
        var file = Path.Combine(Path.GetDirectoryName(kubectl.KubeconfigPath)!, "bad.yaml");
        await File.WriteAllTextAsync(file, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: strict\nfoo: bar\n");
        var create = await kubectl.RunAsync("create", "-f", file);
        create.ExitCode.ShouldNotBe(0);
        create.Stderr.ShouldContain("ConfigMap in version \"v1\" cannot be handled as a ConfigMap: strict decoding error: unknown field \"foo\"");
    }

    [KubectlFact]
    public async Task ApiResources_Discovery_ListsKindsWithShortNames()
    {
        using var kubectl = new Kubectl(server);
        var (exit, stdout, stderr) = await kubectl.RunAsync("api-resources");
        exit.ShouldBe(0, stderr);
        stdout.ShouldMatch(@"(?m)^configmaps\s+cm\s+v1\s+true\s+ConfigMap");
        stdout.ShouldMatch(@"(?m)^namespaces\s+ns\s+v1\s+false\s+Namespace");
        stdout.ShouldMatch(@"(?m)^services\s+svc\s+v1\s+true\s+Service");
    }
}
