using System.Text.RegularExpressions;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Clients;

/// <summary>
/// Everyday kubectl workflows end to end, each asserting what kubectl prints: edit through an EDITOR script, wait,
/// diff, delete cascades and collections, output formats and selectors, label/annotate/apply/replace, discovery.
/// </summary>
[Collection(KubeServerCollection.Name)]
public sealed class KubectlWorkflowTests(KubeServerFixture server)
{
    private const string WebDeployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels:
            color: blue
        spec:
          replicas: 1
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
                image: nginx:blue
        """;

    [KubectlFact]
    public async Task Edit_ConfigMapThroughEditorScript_PrintsEditedAndStoresNewValue()
    {
        using var kubectl = new Kubectl(server);
        var ns = await server.CreateNamespaceAsync("edit");
        await RunOkAsync(kubectl, "-n", ns, "create", "configmap", "x", "--from-literal=color=blue");

        kubectl.ExtraEnvironment["EDITOR"] = "sed -i s/blue/green/";
        (await RunOkAsync(kubectl, "-n", ns, "edit", "configmap", "x")).ShouldBe("configmap/x edited\n");
        (await RunOkAsync(kubectl, "-n", ns, "get", "cm", "x", "-o", "jsonpath={.data.color}")).ShouldBe("green");
    }

    [KubectlFact]
    public async Task Edit_Deployment_BumpsGenerationAndRejectsInvalidEdit()
    {
        using var kubectl = new Kubectl(server);
        var ns = await server.CreateNamespaceAsync("edit");
        await RunOkAsync(kubectl, "-n", ns, "apply", "-f", WriteManifest(kubectl, WebDeployment));

        kubectl.ExtraEnvironment["EDITOR"] = "sed -i s/nginx:blue/nginx:green/";
        (await RunOkAsync(kubectl, "-n", ns, "edit", "deployment", "web")).ShouldBe("deployment.apps/web edited\n");
        (await RunOkAsync(kubectl, "-n", ns, "get", "deploy", "web", "-o", "jsonpath={.spec.template.spec.containers[0].image} {.metadata.generation}"))
            .ShouldBe("nginx:green 2");

        // kubectl keeps the rejected buffer in $TMPDIR, with the server's validation error in its header comment.
        kubectl.ExtraEnvironment["TMPDIR"] = Path.GetDirectoryName(kubectl.KubeconfigPath)!;
        kubectl.ExtraEnvironment["EDITOR"] = "sed -i 's/^  replicas: 1$/  replicas: -1/'";
        var invalid = await kubectl.RunAsync("-n", ns, "edit", "deployment", "web");
        invalid.ExitCode.ShouldBe(1);
        invalid.Stdout.ShouldBeEmpty();
        var preserved = Regex.Match(
            invalid.Stderr,
            """^error: deployments.apps "web" is invalid\nA copy of your changes has been stored to "([^"]+\.yaml)"\nerror: Edit cancelled, no valid changes were saved\.\n$""");
        preserved.Success.ShouldBeTrue(invalid.Stderr);
        var copy = await File.ReadAllTextAsync(preserved.Groups[1].Value);
        copy.ShouldContain("""
            # deployments.apps "web" was not valid:
            # * spec.replicas: Invalid value: -1: must be greater than or equal to 0
            #
            apiVersion: apps/v1
            """.ReplaceLineEndings("\n"));
        copy.ShouldContain("\n  replicas: -1\n");
        (await RunOkAsync(kubectl, "-n", ns, "get", "deploy", "web", "-o", "jsonpath={.spec.replicas} {.metadata.generation}")).ShouldBe("1 2");

        kubectl.ExtraEnvironment["EDITOR"] = "true";
        var untouched = await kubectl.RunAsync("-n", ns, "edit", "deployment", "web");
        untouched.ExitCode.ShouldBe(0, untouched.Stderr);
        untouched.Stderr.ShouldBe("Edit cancelled, no changes made.\n");

        kubectl.ExtraEnvironment["EDITOR"] = "sed -i 's/^  name: web$/  name: renamed/'";
        var renamed = await kubectl.RunAsync("-n", ns, "edit", "deployment", "web");
        renamed.ExitCode.ShouldBe(1);
        renamed.Stderr.ShouldMatch("""^A copy of your changes has been stored to "[^"]+\.yaml"\nerror: At least one of apiVersion, kind and name was changed\n$""");
        (await kubectl.RunAsync("-n", ns, "get", "deploy", "renamed")).ExitCode.ShouldBe(1);
    }

    [KubectlFact]
    public async Task Wait_ConditionJsonPathAndDelete_PrintConditionMet()
    {
        using var kubectl = new Kubectl(server);
        var ns = await server.CreateNamespaceAsync("wait");
        await RunOkAsync(kubectl, "-n", ns, "apply", "-f", WriteManifest(kubectl, WebDeployment));

        var timedOut = await kubectl.RunAsync("-n", ns, "wait", "--for=condition=Available", "deployment/web", "--timeout=1s");
        timedOut.ExitCode.ShouldBe(1);
        timedOut.Stderr.ShouldBe("error: timed out waiting for the condition on deployments/web\n");

        var status = """{"status":{"replicas":1,"readyReplicas":1,"conditions":[{"type":"Available","status":"True","reason":"MinimumReplicasAvailable"}]}}""";
        (await RunOkAsync(kubectl, "-n", ns, "patch", "deployment", "web", "--subresource=status", "--type=merge", "-p", status))
            .ShouldBe("deployment.apps/web patched\n");
        (await RunOkAsync(kubectl, "-n", ns, "wait", "--for=condition=Available", "deployment/web", "--timeout=10s"))
            .ShouldBe("deployment.apps/web condition met\n");
        (await RunOkAsync(kubectl, "-n", ns, "wait", "--for=condition=Available=True", "deployment/web", "--timeout=10s"))
            .ShouldBe("deployment.apps/web condition met\n");
        (await RunOkAsync(kubectl, "-n", ns, "wait", "--for=jsonpath={.status.readyReplicas}=1", "deployment/web", "--timeout=10s"))
            .ShouldBe("deployment.apps/web condition met\n");

        var wrongValue = await kubectl.RunAsync("-n", ns, "wait", "--for=jsonpath={.status.readyReplicas}=2", "deployment/web", "--timeout=1s");
        wrongValue.ExitCode.ShouldBe(1);
        wrongValue.Stderr.ShouldBe("error: timed out waiting for the condition on deployments/web\n");

        await RunOkAsync(kubectl, "-n", ns, "create", "configmap", "doomed");
        var stillThere = await kubectl.RunAsync("-n", ns, "wait", "--for=delete", "configmap/doomed", "--timeout=1s");
        stillThere.ExitCode.ShouldBe(1);
        stillThere.Stderr.ShouldBe("error: timed out waiting for the condition on configmaps/doomed\n");

        // Delete only once kubectl wait has read the object (-v=6 logs that GET), so the deletion is what it waits for.
        using var waiter = kubectl.Start("-n", ns, "wait", "--for=delete", "configmap/doomed", "--timeout=30s", "-v=6");
        var found = new TaskCompletionSource();
        waiter.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.Contains("/configmaps/doomed 200 OK", StringComparison.Ordinal))
            {
                found.TrySetResult();
            }
        };
        waiter.BeginErrorReadLine();
        var waited = waiter.StandardOutput.ReadToEndAsync();
        await found.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await RunOkAsync(kubectl, "-n", ns, "delete", "configmap", "doomed");
        await waiter.WaitForExitAsync();
        waiter.ExitCode.ShouldBe(0);
        (await waited).ShouldBe("configmap/doomed condition met\n");
    }

    [KubectlFact]
    public async Task Diff_ServerSideDryRun_ExitCodeOneWithDiffLinesThenZero()
    {
        using var kubectl = new Kubectl(server);
        var ns = await server.CreateNamespaceAsync("diff");
        var manifest = WriteManifest(kubectl, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  color: blue\n");
        await RunOkAsync(kubectl, "-n", ns, "apply", "-f", manifest);

        var same = await kubectl.RunAsync("-n", ns, "diff", "-f", manifest);
        same.ExitCode.ShouldBe(0, same.Stderr);
        same.Stdout.ShouldBeEmpty();

        File.WriteAllText(manifest, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  color: green\n  size: large\n");
        var changed = await kubectl.RunAsync("-n", ns, "diff", "-f", manifest);
        changed.ExitCode.ShouldBe(1, changed.Stderr);
        var lines = changed.Stdout.Split('\n');
        lines[0].ShouldMatch($@"^diff -u -N \S+/LIVE-\d+/v1\.ConfigMap\.{ns}\.settings \S+/MERGED-\d+/v1\.ConfigMap\.{ns}\.settings$");
        lines[1].ShouldMatch($@"^--- \S+/LIVE-\d+/v1\.ConfigMap\.{ns}\.settings\t");
        lines[2].ShouldMatch($@"^\+\+\+ \S+/MERGED-\d+/v1\.ConfigMap\.{ns}\.settings\t");
        lines.Where(line => line.StartsWith('+') || line.StartsWith('-')).Skip(2).ShouldBe(
        [
            "-  color: blue",
            "+  color: green",
            "+  size: large",
        ]);
        (await RunOkAsync(kubectl, "-n", ns, "get", "cm", "settings", "-o", "jsonpath={.data}")).ShouldBe("""{"color":"blue"}""");

        // A spec change shows the generation the update would get; nothing is stored.
        var deployment = WriteManifest(kubectl, WebDeployment);
        await RunOkAsync(kubectl, "-n", ns, "apply", "-f", deployment);
        File.WriteAllText(deployment, WebDeployment.Replace("nginx:blue", "nginx:green", StringComparison.Ordinal));
        var rollout = await kubectl.RunAsync("-n", ns, "diff", "-f", deployment);
        rollout.ExitCode.ShouldBe(1, rollout.Stderr);
        rollout.Stdout.Split('\n').Where(line => line.StartsWith('+') || line.StartsWith('-')).Skip(2).ShouldBe(
        [
            "-  generation: 1",
            "+  generation: 2",
            "-      - image: nginx:blue",
            "+      - image: nginx:green",
        ]);
        (await RunOkAsync(kubectl, "-n", ns, "get", "deploy", "web", "-o", "jsonpath={.metadata.generation} {.spec.template.spec.containers[0].image}"))
            .ShouldBe("1 nginx:blue");
    }

    [KubectlFact]
    public async Task Delete_CascadeModesAndCollections_PrintDeletedNames()
    {
        using var kubectl = new Kubectl(server);
        var ns = await server.CreateNamespaceAsync("cascade");
        foreach (var name in new[] { "orphan", "background", "foreground" })
        {
            await RunOkAsync(kubectl, "-n", ns, "create", "deployment", name, "--image=nginx");
        }

        (await RunOkAsync(kubectl, "-n", ns, "delete", "deployment", "orphan", "--cascade=orphan")).ShouldBe("deployment.apps \"orphan\" deleted\n");
        (await RunOkAsync(kubectl, "-n", ns, "delete", "deployment", "background", "--cascade=background")).ShouldBe("deployment.apps \"background\" deleted\n");
        (await RunOkAsync(kubectl, "-n", ns, "delete", "deployment", "foreground", "--cascade=foreground")).ShouldBe("deployment.apps \"foreground\" deleted\n");
        var none = await kubectl.RunAsync("-n", ns, "get", "deployments");
        none.Stderr.ShouldBe($"No resources found in {ns} namespace.\n");

        var bad = await kubectl.RunAsync("-n", ns, "delete", "cm", "x", "--cascade=sideways");
        bad.ExitCode.ShouldBe(1);
        bad.Stderr.ShouldBe("error: invalid cascade value (sideways). Must be \"background\", \"foreground\", or \"orphan\"\n");

        (await RunOkAsync(kubectl, "-n", ns, "delete", "cm", "nope", "--ignore-not-found")).ShouldBeEmpty();
        (await kubectl.RunAsync("-n", ns, "delete", "cm", "nope")).Stderr.ShouldBe("Error from server (NotFound): configmaps \"nope\" not found\n");

        foreach (var (name, tier) in new[] { ("a", "front"), ("b", "front"), ("c", "back") })
        {
            await RunOkAsync(kubectl, "-n", ns, "create", "configmap", name);
            await RunOkAsync(kubectl, "-n", ns, "label", "configmap", name, $"tier={tier}");
        }

        (await RunOkAsync(kubectl, "-n", ns, "delete", "cm", "-l", "tier=front")).ShouldBe("configmap \"a\" deleted\nconfigmap \"b\" deleted\n");
        (await RunOkAsync(kubectl, "-n", ns, "get", "cm", "-o", "name")).ShouldBe("configmap/c\n");
        var forced = await kubectl.RunAsync("-n", ns, "delete", "cm", "--all", "--grace-period=0", "--force");
        forced.ExitCode.ShouldBe(0, forced.Stderr);
        forced.Stdout.ShouldBe("configmap \"c\" force deleted\n");
        forced.Stderr.ShouldBe("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n");
        (await kubectl.RunAsync("-n", ns, "get", "cm")).Stderr.ShouldBe($"No resources found in {ns} namespace.\n");
    }

    [KubectlFact]
    public async Task Get_OutputFormatsSortingLabelsAndFieldSelectors_PrintExactTables()
    {
        using var kubectl = new Kubectl(server);
        var ns = await server.CreateNamespaceAsync("get");
        foreach (var (name, tier, keys) in new[] { ("zeta", "front", 1), ("alpha", "back", 3), ("mid", "front", 2) })
        {
            var literals = Enumerable.Range(1, keys).Select(i => $"--from-literal=k{i}=v{i}");
            await RunOkAsync(kubectl, ["-n", ns, "create", "configmap", name, .. literals]);
            await RunOkAsync(kubectl, "-n", ns, "label", "configmap", name, $"tier={tier}");
        }

        (await RunOkAsync(kubectl, "-n", ns, "get", "cm", "-o", "custom-columns=NAME:.metadata.name,TIER:.metadata.labels.tier,K2:.data.k2"))
            .ShouldBe("NAME    TIER    K2\nalpha   back    v2\nmid     front   v2\nzeta    front   <none>\n");
        (await RunOkAsync(kubectl, "-n", ns, "get", "cm", "-o", "jsonpath={range .items[*]}{.metadata.name}={.metadata.labels.tier}{\"\\n\"}{end}"))
            .ShouldBe("alpha=back\nmid=front\nzeta=front\n");
        (await RunOkAsync(kubectl, "-n", ns, "get", "cm", "--sort-by=.metadata.labels.tier", "-o", "custom-columns=NAME:.metadata.name"))
            .ShouldBe("NAME\nalpha\nmid\nzeta\n");
        (await RunOkAsync(kubectl, "-n", ns, "get", "cm", "--sort-by={.data.k1}", "-o", "name")).ShouldBe("configmap/alpha\nconfigmap/mid\nconfigmap/zeta\n");

        var withLabel = await RunOkAsync(kubectl, "-n", ns, "get", "cm", "-L", "tier");
        withLabel.ShouldMatch(@"^NAME\s+DATA\s+AGE\s+TIER\nalpha\s+3\s+\d+s\s+back\nmid\s+2\s+\d+s\s+front\nzeta\s+1\s+\d+s\s+front\n$");
        var showLabels = await RunOkAsync(kubectl, "-n", ns, "get", "cm", "alpha", "--show-labels");
        showLabels.ShouldMatch(@"^NAME\s+DATA\s+AGE\s+LABELS\nalpha\s+3\s+\d+s\s+tier=back\n$");

        var allNamespaces = await RunOkAsync(kubectl, "get", "cm", "-A", "-l", "tier=front");
        allNamespaces.ShouldMatch($@"^NAMESPACE\s+NAME\s+DATA\s+AGE\n{ns}\s+mid\s+2\s+\d+s\n{ns}\s+zeta\s+1\s+\d+s\n$");

        (await RunOkAsync(kubectl, "-n", ns, "get", "cm", "--field-selector", "metadata.name=mid", "-o", "name")).ShouldBe("configmap/mid\n");
        (await RunOkAsync(kubectl, "-n", ns, "get", "cm", "--field-selector", "metadata.name!=mid", "-o", "name")).ShouldBe("configmap/alpha\nconfigmap/zeta\n");
        (await RunOkAsync(kubectl, "get", "cm", "-A", "--field-selector", $"metadata.namespace={ns},metadata.name=alpha", "-o", "name")).ShouldBe("configmap/alpha\n");
        var unknownField = await kubectl.RunAsync("-n", ns, "get", "cm", "--field-selector", "data.k1=v1");
        unknownField.ExitCode.ShouldBe(1);
        unknownField.Stderr.ShouldBe("Error from server (BadRequest): Unable to find \"/v1, Resource=configmaps\" that match label selector \"\", field selector \"data.k1=v1\": field label not supported: data.k1\n");

        (await RunOkAsync(kubectl, "get", "services", "-A", "--field-selector", "spec.clusterIP=10.100.0.1", "-o", "name")).ShouldBe("service/kubernetes\n");
        await RunOkAsync(kubectl, "-n", ns, "create", "service", "clusterip", "headless", "--clusterip=None");
        await RunOkAsync(kubectl, "-n", ns, "create", "service", "nodeport", "exposed", "--tcp=80:8080");
        (await RunOkAsync(kubectl, "-n", ns, "get", "services", "--field-selector", "spec.clusterIP!=None", "-o", "name")).ShouldBe("service/exposed\n");
        (await RunOkAsync(kubectl, "-n", ns, "get", "services", "--field-selector", "spec.type=ClusterIP", "-o", "name")).ShouldBe("service/headless\n");

        await RunOkAsync(kubectl, "-n", ns, "create", "-f", WriteManifest(kubectl, """
            apiVersion: v1
            kind: ReplicationController
            metadata:
              name: legacy
            spec:
              template:
                metadata:
                  labels:
                    app: legacy
                spec:
                  containers:
                  - name: nginx
                    image: nginx
            """));
        (await RunOkAsync(kubectl, "-n", ns, "get", "rc", "--field-selector", "status.replicas=0", "-o", "name")).ShouldBe("replicationcontroller/legacy\n");

        await RunOkAsync(kubectl, "-n", ns, "run", "runner", "--image=nginx");
        (await RunOkAsync(kubectl, "-n", ns, "get", "pods", "--field-selector", "status.phase=Pending", "-o", "name")).ShouldBe("pod/runner\n");
        (await kubectl.RunAsync("-n", ns, "get", "pods", "--field-selector", "status.phase=Running")).Stderr.ShouldBe($"No resources found in {ns} namespace.\n");
    }

    [KubectlFact]
    public async Task LabelAnnotateApplyReplace_OverwriteRemovalAndUnchanged_PrintUpstreamMessages()
    {
        using var kubectl = new Kubectl(server);
        var ns = await server.CreateNamespaceAsync("meta");
        var manifest = WriteManifest(kubectl, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: \"1\"\n");
        (await RunOkAsync(kubectl, "-n", ns, "apply", "-f", manifest)).ShouldBe("configmap/x created\n");
        (await RunOkAsync(kubectl, "-n", ns, "apply", "-f", manifest)).ShouldBe("configmap/x unchanged\n");

        (await RunOkAsync(kubectl, "-n", ns, "label", "cm", "x", "team=blue")).ShouldBe("configmap/x labeled\n");
        var clash = await kubectl.RunAsync("-n", ns, "label", "cm", "x", "team=green");
        clash.ExitCode.ShouldBe(1);
        clash.Stderr.ShouldBe("error: 'team' already has a value (blue), and --overwrite is false\n");
        (await RunOkAsync(kubectl, "-n", ns, "label", "cm", "x", "team=green", "--overwrite")).ShouldBe("configmap/x labeled\n");
        (await RunOkAsync(kubectl, "-n", ns, "get", "cm", "x", "-o", "jsonpath={.metadata.labels}")).ShouldBe("""{"team":"green"}""");
        (await RunOkAsync(kubectl, "-n", ns, "label", "cm", "--all", "tier=web")).ShouldBe("configmap/x labeled\n");
        // kubectl prints the labels in Go map order, which is random.
        (await RunOkAsync(kubectl, "-n", ns, "label", "cm", "x", "--list")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)
            .ShouldBe(["team=green", "tier=web"]);
        (await RunOkAsync(kubectl, "-n", ns, "label", "cm", "x", "tier-")).ShouldBe("configmap/x unlabeled\n");
        (await RunOkAsync(kubectl, "-n", ns, "label", "cm", "x", "team-")).ShouldBe("configmap/x unlabeled\n");
        (await RunOkAsync(kubectl, "-n", ns, "get", "cm", "x", "-o", "jsonpath={.metadata.labels}")).ShouldBeEmpty();

        (await RunOkAsync(kubectl, "-n", ns, "annotate", "cm", "x", "note=hi")).ShouldBe("configmap/x annotated\n");
        (await RunOkAsync(kubectl, "-n", ns, "annotate", "cm", "x", "note=bye", "--overwrite")).ShouldBe("configmap/x annotated\n");
        (await RunOkAsync(kubectl, "-n", ns, "get", "cm", "x", "-o", "jsonpath={.metadata.annotations.note}")).ShouldBe("bye");
        (await RunOkAsync(kubectl, "-n", ns, "annotate", "cm", "x", "note-")).ShouldBe("configmap/x annotated\n");
        (await RunOkAsync(kubectl, "-n", ns, "get", "cm", "x", "-o", "jsonpath={.metadata.annotations.note}")).ShouldBeEmpty();

        File.WriteAllText(manifest, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: \"2\"\n");
        (await RunOkAsync(kubectl, "-n", ns, "replace", "-f", manifest)).ShouldBe("configmap/x replaced\n");
        (await RunOkAsync(kubectl, "-n", ns, "get", "cm", "x", "-o", "jsonpath={.data}")).ShouldBe("""{"a":"2"}""");
        var uid = await RunOkAsync(kubectl, "-n", ns, "get", "cm", "x", "-o", "jsonpath={.metadata.uid}");
        (await RunOkAsync(kubectl, "-n", ns, "replace", "--force", "-f", manifest)).ShouldBe("configmap \"x\" deleted\nconfigmap/x replaced\n");
        (await RunOkAsync(kubectl, "-n", ns, "get", "cm", "x", "-o", "jsonpath={.metadata.uid}")).ShouldNotBe(uid);

        var dryRunManifest = WriteManifest(kubectl, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dry\ndata:\n  a: \"1\"\n");
        var dryRun = await RunOkAsync(kubectl, "-n", ns, "create", "-f", dryRunManifest, "--dry-run=server", "-o", "yaml");
        dryRun.ShouldMatch(
            $"""^apiVersion: v1\ndata:\n  a: "1"\nkind: ConfigMap\nmetadata:\n  creationTimestamp: "[0-9TZ:-]+"\n  name: dry\n  namespace: {ns}\n  uid: [0-9a-f-]{"{36}"}\n$""");
        (await kubectl.RunAsync("-n", ns, "get", "cm", "dry")).Stderr.ShouldBe("Error from server (NotFound): configmaps \"dry\" not found\n");
    }

    [KubectlFact]
    public async Task ApiResourcesAndVersions_Discovery_PrintUpstreamRows()
    {
        using var kubectl = new Kubectl(server);
        var resources = (await RunOkAsync(kubectl, "api-resources")).Split('\n');
        resources[0].ShouldMatch(@"^NAME\s+SHORTNAMES\s+APIVERSION\s+NAMESPACED\s+KIND$");
        resources.ShouldContain(line => Regex.IsMatch(line, @"^configmaps\s+cm\s+v1\s+true\s+ConfigMap$"));
        resources.ShouldContain(line => Regex.IsMatch(line, @"^deployments\s+deploy\s+apps/v1\s+true\s+Deployment$"));
        resources.ShouldContain(line => Regex.IsMatch(line, @"^clusterroles\s+rbac\.authorization\.k8s\.io/v1\s+false\s+ClusterRole$"));
        resources.ShouldContain(line => Regex.IsMatch(line, @"^horizontalpodautoscalers\s+hpa\s+autoscaling/v2\s+true\s+HorizontalPodAutoscaler$"));

        (await RunOkAsync(kubectl, "api-resources", "--api-group=apps", "--no-headers", "-o", "name"))
            .ShouldBe("controllerrevisions.apps\ndaemonsets.apps\ndeployments.apps\nreplicasets.apps\nstatefulsets.apps\n");

        var versions = (await RunOkAsync(kubectl, "api-versions")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        versions.ShouldBe(versions.Order(StringComparer.Ordinal).ToArray());
        versions.ShouldContain("v1");
        versions.ShouldContain("apps/v1");
        versions.ShouldContain("autoscaling/v1");
        versions.ShouldContain("autoscaling/v2");
        versions.ShouldContain("rbac.authorization.k8s.io/v1");
    }

    private static async Task<string> RunOkAsync(Kubectl kubectl, params string[] args)
    {
        var (exit, stdout, stderr) = await kubectl.RunAsync(args);
        exit.ShouldBe(0, $"kubectl {string.Join(' ', args)}: {stderr}");
        return stdout;
    }

    private static string WriteManifest(Kubectl kubectl, string yaml)
    {
        var file = Path.Combine(Path.GetDirectoryName(kubectl.KubeconfigPath)!, $"manifest-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, yaml);
        return file;
    }
}
