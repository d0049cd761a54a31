using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Clients;

/// <summary>The real kubectl driving apps/v1 Deployments: create (protobuf), get, scale, get all, delete, a validation error.</summary>
[Collection(KubeServerCollection.Name)]
public sealed class KubectlDeploymentTests(KubeServerFixture server)
{
    [KubectlFact]
    public async Task DeploymentLifecycle_CreateGetScaleDelete_ResultsVisible()
    {
        using var kubectl = new Kubectl(server);
        var ns = await server.CreateNamespaceAsync("deploy");

        // -v=8 logs the request headers: kubectl's typed client sends the Deployment as protobuf.
        var create = await kubectl.RunAsync("-n", ns, "create", "deployment", "web", "--image=nginx", "--replicas=2", "-v=8");
        create.ExitCode.ShouldBe(0, create.Stderr + string.Join("\n", server.Log.Entries));
        create.Stdout.Trim().ShouldBe("deployment.apps/web created");
        create.Stderr.ShouldMatch(@"POST https://\S+/apis/apps/v1/namespaces/[^/]+/deployments");
        create.Stderr.ShouldContain("Content-Type: application/vnd.kubernetes.protobuf");

        var table = await kubectl.RunAsync("-n", ns, "get", "deploy");
        table.ExitCode.ShouldBe(0, table.Stderr);
        table.Stdout.ShouldMatch(@"NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE");
        table.Stdout.ShouldMatch(@"(?m)^web\s+0/2\s+0\s+0\s+\d+s");

        var wide = await kubectl.RunAsync("-n", ns, "get", "deployment", "web", "-o", "wide");
        wide.ExitCode.ShouldBe(0, wide.Stderr);
        wide.Stdout.ShouldMatch(@"NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR");
        wide.Stdout.ShouldMatch(@"(?m)^web\s+0/2\s+0\s+0\s+\d+s\s+nginx\s+nginx\s+app=web");

        var yaml = await kubectl.RunAsync("-n", ns, "get", "deploy", "web", "-o", "yaml");
        yaml.Stdout.ShouldContain("progressDeadlineSeconds: 600");
        yaml.Stdout.ShouldContain("imagePullPolicy: Always");
        yaml.Stdout.ShouldContain("generation: 1");

        var scale = await kubectl.RunAsync("-n", ns, "scale", "deployment", "web", "--replicas=5");
        scale.ExitCode.ShouldBe(0, scale.Stderr + string.Join("\n", server.Log.Entries));
        scale.Stdout.Trim().ShouldBe("deployment.apps/web scaled");
        (await kubectl.RunAsync("-n", ns, "get", "deploy", "web", "-o", "jsonpath={.spec.replicas} {.metadata.generation}")).Stdout.ShouldBe("5 2");

        var all = await kubectl.RunAsync("-n", ns, "get", "all");
        all.ExitCode.ShouldBe(0, all.Stderr);
        all.Stdout.ShouldMatch(@"(?m)^deployment\.apps/web\s+0/5\s+0\s+0\s+\d+s");

        var delete = await kubectl.RunAsync("-n", ns, "delete", "deployment", "web");
        delete.ExitCode.ShouldBe(0, delete.Stderr);
        delete.Stdout.Trim().ShouldBe("deployment.apps \"web\" deleted");
        (await kubectl.RunAsync("-n", ns, "get", "deploy", "web")).ExitCode.ShouldNotBe(0);
    }

    [KubectlFact]
    public async Task Create_SelectorMismatch_PrintsUpstreamMessage()
    {
        using var kubectl = new Kubectl(server);
        var ns = await server.CreateNamespaceAsync("deploy");
        var file = Path.Combine(Path.GetTempPath(), $"lotse-deploy-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: bad
            spec:
              selector:
                matchLabels:
                  app: web
              template:
                metadata:
                  labels:
                    app: other
                spec:
                  containers:
                  - name: nginx
                    image: nginx
            """);
        try
        {
            var (exit, _, stderr) = await kubectl.RunAsync("-n", ns, "create", "-f", file);
            exit.ShouldNotBe(0);
            stderr.Trim().ShouldBe("The Deployment \"bad\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"other\"}: `selector` does not match template `labels`");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [KubectlFact]
    public async Task GetReplicaSets_ShortName_ShowsColumns()
    {
        using var kubectl = new Kubectl(server);
        var ns = await server.CreateNamespaceAsync("rs");
        var apply = await kubectl.RunAsync("-n", ns, "get", "rs");
        apply.ExitCode.ShouldBe(0, apply.Stderr);
        apply.Stderr.ShouldContain("No resources found");
    }
}
