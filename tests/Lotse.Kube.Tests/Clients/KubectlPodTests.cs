using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Clients;

/// <summary>The real kubectl driving pods: run, get (wide, field selector), a refused update, delete.</summary>
[Collection(KubeServerCollection.Name)]
public sealed class KubectlPodTests(KubeServerFixture server)
{
    [KubectlFact]
    public async Task Run_Nginx_CreatedPendingAndListed()
    {
        using var kubectl = new Kubectl(server);
        var ns = await server.CreateNamespaceAsync("pods");

        var run = await kubectl.RunAsync("-n", ns, "run", "nginx", "--image=nginx");
        run.ExitCode.ShouldBe(0, run.Stderr + string.Join("\n", server.Log.Entries));
        run.Stdout.Trim().ShouldBe("pod/nginx created");

        var table = await kubectl.RunAsync("-n", ns, "get", "pods");
        table.ExitCode.ShouldBe(0, table.Stderr);
        table.Stdout.ShouldMatch(@"NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE");
        table.Stdout.ShouldMatch(@"(?m)^nginx\s+0/1\s+Pending\s+0\s+\d+s");

        var wide = await kubectl.RunAsync("-n", ns, "get", "po", "-o", "wide");
        wide.ExitCode.ShouldBe(0, wide.Stderr);
        wide.Stdout.ShouldMatch(@"NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES");
        wide.Stdout.ShouldMatch(@"(?m)^nginx\s+0/1\s+Pending\s+0\s+\S+\s+<none>\s+<none>\s+<none>\s+<none>");

        var yaml = await kubectl.RunAsync("-n", ns, "get", "pod", "nginx", "-o", "jsonpath={.spec.containers[0].imagePullPolicy}/{.metadata.labels.run}/{.status.qosClass}");
        yaml.Stdout.ShouldBe("Always/nginx/BestEffort");

        var pending = await kubectl.RunAsync("-n", ns, "get", "pods", "--field-selector", "status.phase=Pending", "-o", "name");
        pending.ExitCode.ShouldBe(0, pending.Stderr);
        pending.Stdout.Trim().ShouldBe("pod/nginx");
        var running = await kubectl.RunAsync("-n", ns, "get", "pods", "--field-selector", "status.phase=Running");
        running.ExitCode.ShouldBe(0, running.Stderr);
        running.Stderr.ShouldContain($"No resources found in {ns} namespace.");

        var describe = await kubectl.RunAsync("-n", ns, "describe", "pod", "nginx");
        describe.ExitCode.ShouldBe(0, describe.Stderr);
        describe.Stdout.ShouldMatch(@"Status:\s+Pending");
        describe.Stdout.ShouldMatch(@"QoS Class:\s+BestEffort");

        var all = await kubectl.RunAsync("-n", ns, "get", "all", "-o", "name");
        all.Stdout.ShouldContain("pod/nginx");

        var delete = await kubectl.RunAsync("-n", ns, "delete", "pod", "nginx");
        delete.ExitCode.ShouldBe(0, delete.Stderr);
        delete.Stdout.Trim().ShouldBe("pod \"nginx\" deleted");
        (await kubectl.RunAsync("-n", ns, "get", "pods", "-o", "name")).Stdout.Trim().ShouldBeEmpty();
    }

    [KubectlFact]
    public async Task Run_BadRestartPolicy_PrintsValidationError()
    {
        using var kubectl = new Kubectl(server);
        var ns = await server.CreateNamespaceAsync("pods");
        var run = await kubectl.RunAsync("-n", ns, "run", "bad", "--image=nginx", "--overrides", """{"spec":{"restartPolicy":"Sometimes"}}""");
        run.ExitCode.ShouldNotBe(0);
        run.Stderr.Trim().ShouldBe("The Pod \"bad\" is invalid: spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"");
    }

    [KubectlFact]
    public async Task Patch_ChangeRestartPolicy_ForbiddenUpdateMessage()
    {
        using var kubectl = new Kubectl(server);
        var ns = await server.CreateNamespaceAsync("pods");
        (await kubectl.RunAsync("-n", ns, "run", "web", "--image=nginx:1.27")).ExitCode.ShouldBe(0);

        var image = await kubectl.RunAsync("-n", ns, "set", "image", "pod/web", "web=nginx:1.28");
        image.ExitCode.ShouldBe(0, image.Stderr);
        (await kubectl.RunAsync("-n", ns, "get", "pod", "web", "-o", "jsonpath={.spec.containers[0].image}")).Stdout.ShouldBe("nginx:1.28");

        var patch = await kubectl.RunAsync("-n", ns, "patch", "pod", "web", "-p", """{"spec":{"activeDeadlineSeconds":60,"containers":[{"name":"web","workingDir":"/tmp"}]}}""");
        patch.ExitCode.ShouldNotBe(0);
        patch.Stderr.ShouldStartWith("The Pod \"web\" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,");
    }

    [KubectlFact]
    public async Task PatchStatus_Subresource_ShowsRunning()
    {
        using var kubectl = new Kubectl(server);
        var ns = await server.CreateNamespaceAsync("pods");
        (await kubectl.RunAsync("-n", ns, "run", "web", "--image=nginx")).ExitCode.ShouldBe(0);
        var patch = await kubectl.RunAsync("-n", ns, "patch", "pod", "web", "--subresource=status", "--type=merge", "-p", """{"status":{"phase":"Running","podIP":"10.1.2.3"}}""");
        patch.ExitCode.ShouldBe(0, patch.Stderr);
        var wide = await kubectl.RunAsync("-n", ns, "get", "pods", "-o", "wide");
        wide.Stdout.ShouldMatch(@"(?m)^web\s+0/1\s+Running\s+0\s+\S+\s+10\.1\.2\.3\s+<none>");
    }
}
