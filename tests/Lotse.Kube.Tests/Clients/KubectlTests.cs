using System.Text;
using System.Text.RegularExpressions;
using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Clients;

/// <summary>The real kubectl (1.32 via the dispatcher) against the in-test HTTPS server.</summary>
[Collection(KubeServerCollection.Name)]
public sealed class KubectlTests(KubeServerFixture server)
{
    [KubectlFact]
    public async Task Version_Server_Reports132()
    {
        using var kubectl = new Kubectl(server);
        var (exit, stdout, stderr) = await kubectl.RunAsync("version");
        exit.ShouldBe(0, stderr);
        stdout.ShouldContain("Server Version: v1.32.");
    }

    [KubectlFact]
    public async Task GetServices_Default_ShowsKubernetesWithClusterIp()
    {
        using var kubectl = new Kubectl(server);
        var (exit, stdout, stderr) = await kubectl.RunAsync("get", "svc");
        exit.ShouldBe(0, stderr);
        stdout.ShouldMatch(@"NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE");
        stdout.ShouldMatch(@"kubernetes\s+ClusterIP\s+10\.100\.0\.1\s+<none>\s+443/TCP\s+\d+[smhd]");
    }

    [KubectlFact]
    public async Task GetNamespaces_Fresh_ShowsFourActiveNamespaces()
    {
        using var kubectl = new Kubectl(server);
        var (exit, stdout, stderr) = await kubectl.RunAsync("get", "ns");
        exit.ShouldBe(0, stderr);
        stdout.ShouldMatch(@"NAME\s+STATUS\s+AGE");
        foreach (var ns in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
        {
            stdout.ShouldMatch($@"(?m)^{ns}\s+Active\s+\d+[smhd]");
        }
    }

    [KubectlFact]
    public async Task ConfigMapLifecycle_CreateGetPatchDelete_ResultsVisible()
    {
        using var kubectl = new Kubectl(server);
        var ns = await server.CreateNamespaceAsync("kubectl");

        var create = await kubectl.RunAsync("-n", ns, "create", "configmap", "x", "--from-literal=a=b");
        create.ExitCode.ShouldBe(0, create.Stderr + string.Join("\n", server.Log.Entries));
        create.Stdout.Trim().ShouldBe("configmap/x created");

        var yaml = await kubectl.RunAsync("-n", ns, "get", "cm", "x", "-o", "yaml");
        yaml.ExitCode.ShouldBe(0, yaml.Stderr);
        yaml.Stdout.ShouldContain("  a: b");
        yaml.Stdout.ShouldContain("kind: ConfigMap");
        yaml.Stdout.ShouldMatch(@"resourceVersion: ""\d+""");

        var table = await kubectl.RunAsync("-n", ns, "get", "cm");
        table.Stdout.ShouldMatch(@"NAME\s+DATA\s+AGE");
        table.Stdout.ShouldMatch(@"(?m)^x\s+1\s+\d+s");

        var merge = await kubectl.RunAsync("-n", ns, "patch", "cm", "x", "--type", "merge", "-p", """{"data":{"a":"c"}}""");
        merge.ExitCode.ShouldBe(0, merge.Stderr);
        merge.Stdout.Trim().ShouldBe("configmap/x patched");
        (await kubectl.RunAsync("-n", ns, "get", "cm", "x", "-o", "jsonpath={.data.a}")).Stdout.ShouldBe("c");

        var json = await kubectl.RunAsync("-n", ns, "patch", "cm", "x", "--type", "json", "-p", """[{"op":"replace","path":"/data/a","value":"d"}]""");
        json.ExitCode.ShouldBe(0, json.Stderr);
        (await kubectl.RunAsync("-n", ns, "get", "cm", "x", "-o", "jsonpath={.data.a}")).Stdout.ShouldBe("d");

        var strategic = await kubectl.RunAsync("-n", ns, "patch", "cm", "x", "-p", """{"data":{"e":"f"}}""");
        strategic.ExitCode.ShouldBe(0, strategic.Stderr);
        (await kubectl.RunAsync("-n", ns, "get", "cm", "x", "-o", "jsonpath={.data}")).Stdout.ShouldBe("""{"a":"d","e":"f"}""");

        var describe = await kubectl.RunAsync("-n", ns, "describe", "cm", "x");
        describe.ExitCode.ShouldBe(0, describe.Stderr);
        describe.Stdout.ShouldMatch(@"Name:\s+x");
        describe.Stdout.ShouldMatch($@"Namespace:\s+{ns}");
        describe.Stdout.ShouldContain("Events:");

        var delete = await kubectl.RunAsync("-n", ns, "delete", "cm", "x");
        delete.ExitCode.ShouldBe(0, delete.Stderr);
        delete.Stdout.Trim().ShouldBe("configmap \"x\" deleted");
        var gone = await kubectl.RunAsync("-n", ns, "get", "cm", "x");
        gone.ExitCode.ShouldNotBe(0);
    }

    [KubectlFact]
    public async Task Get_MissingConfigMap_PrintsNotFound()
    {
        using var kubectl = new Kubectl(server);
        var (exit, _, stderr) = await kubectl.RunAsync("get", "cm", "nope");
        exit.ShouldNotBe(0);
        stderr.Trim().ShouldBe("Error from server (NotFound): configmaps \"nope\" not found");
    }

    [KubectlFact]
    public async Task Get_BadToken_MustBeLoggedIn()
    {
        using var kubectl = new Kubectl(server, "bogus-token");
        var (exit, _, stderr) = await kubectl.RunAsync("get", "cm");
        exit.ShouldNotBe(0);
        stderr.ShouldContain("error: You must be logged in to the server (the server has asked for the client to provide credentials)");
    }

    [KubectlFact]
    public async Task GetWatch_LaterPatch_PrintsNewLine()
    {
        using var kubectl = new Kubectl(server);
        using var http = server.CreateHttpClient();
        var ns = await server.CreateNamespaceAsync("watch");
        (await http.PostJsonAsync($"api/v1/namespaces/{ns}/configmaps", """{"metadata":{"name":"w1"},"data":{"a":"1"}}""")).Code.ShouldBe(201);

        using var process = kubectl.Start("-n", ns, "get", "cm", "-w");
        var output = new StringBuilder();
        var lines = 0;
        var gotLine = new SemaphoreSlim(0);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(e.Data);
                lines++;
            }

            gotLine.Release();
        };
        process.BeginOutputReadLine();
        try
        {
            // Header + the existing object.
            while (Volatile.Read(ref lines) < 2)
            {
                (await gotLine.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBeTrue($"no initial output; stderr: {process.StandardError.ReadToEndAsync().Wait(100)}");
            }

            (await http.SendJsonAsync(HttpMethod.Patch, $"api/v1/namespaces/{ns}/configmaps/w1", """{"data":{"b":"2"}}""", "application/merge-patch+json")).Code.ShouldBe(200);
            while (Volatile.Read(ref lines) < 3)
            {
                (await gotLine.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBeTrue("the patch did not show up in the watch");
            }

            string text;
            lock (output)
            {
                text = output.ToString();
            }

            var rows = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            rows[0].ShouldMatch(@"NAME\s+DATA\s+AGE");
            rows[1].ShouldMatch(@"^w1\s+1\s+\d+s");
            rows[2].ShouldMatch(@"^w1\s+2\s+\d+s");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }
    }

    [KubectlFact]
    public async Task GetServicesWide_Default_ShowsSelectorColumn()
    {
        using var kubectl = new Kubectl(server);
        var (exit, stdout, stderr) = await kubectl.RunAsync("get", "svc", "kubernetes", "-o", "wide");
        exit.ShouldBe(0, stderr);
        stdout.ShouldMatch(@"NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\s+SELECTOR");
        stdout.ShouldMatch(@"kubernetes\s+ClusterIP\s+10\.100\.0\.1\s+<none>\s+443/TCP\s+\S+\s+<none>");
    }

    [KubectlFact]
    public async Task CreateGenerators_Protobuf_Created()
    {
        using var kubectl = new Kubectl(server);
        var ns = await server.CreateNamespaceAsync("gen");
        foreach (var args in new[]
        {
            new[] { "create", "secret", "generic", "s1", "--from-literal=k=v" },
            new[] { "create", "serviceaccount", "robot" },
            new[] { "create", "service", "clusterip", "web", "--tcp=80:8080" },
        })
        {
            var result = await kubectl.RunAsync(["-n", ns, .. args]);
            result.ExitCode.ShouldBe(0, result.Stderr + string.Join("\n", server.Log.Entries));
        }

        (await kubectl.RunAsync("-n", ns, "get", "secret", "s1", "-o", "jsonpath={.type}/{.data.k}")).Stdout.ShouldBe("Opaque/dg==");
        (await kubectl.RunAsync("-n", ns, "get", "svc", "web", "-o", "jsonpath={.spec.ports[0].targetPort}")).Stdout.ShouldBe("8080");
        var ns2 = $"gen-ns-{Guid.NewGuid().ToString("N")[..6]}";
        var createNs = await kubectl.RunAsync("create", "namespace", ns2);
        createNs.ExitCode.ShouldBe(0, createNs.Stderr);
        (await kubectl.RunAsync("get", "ns", ns2, "-o", "jsonpath={.status.phase}")).Stdout.ShouldBe("Active");
    }

    [KubectlFact]
    public async Task LabelAnnotateReplace_ConfigMap_Applied()
    {
        using var kubectl = new Kubectl(server);
        var ns = await server.CreateNamespaceAsync("lbl");
        (await kubectl.RunAsync("-n", ns, "create", "configmap", "l", "--from-literal=a=b")).ExitCode.ShouldBe(0);
        var label = await kubectl.RunAsync("-n", ns, "label", "cm", "l", "team=blue");
        label.ExitCode.ShouldBe(0, label.Stderr);
        label.Stdout.Trim().ShouldBe("configmap/l labeled");
        var annotate = await kubectl.RunAsync("-n", ns, "annotate", "cm", "l", "note=hi");
        annotate.ExitCode.ShouldBe(0, annotate.Stderr);
        (await kubectl.RunAsync("-n", ns, "get", "cm", "-l", "team=blue", "-o", "name")).Stdout.Trim().ShouldBe("configmap/l");
        (await kubectl.RunAsync("-n", ns, "get", "cm", "-l", "team!=blue", "-o", "name")).Stdout.Trim().ShouldBeEmpty();

        var all = await kubectl.RunAsync("get", "cm", "-A");
        all.ExitCode.ShouldBe(0, all.Stderr);
        all.Stdout.ShouldMatch($@"(?m)^{ns}\s+l\s+1\s+");

        var stale = await kubectl.RunAsync("-n", ns, "label", "cm", "l", "x=y", "--resource-version=1");
        stale.ExitCode.ShouldNotBe(0);
        stale.Stderr.ShouldContain("the object has been modified; please apply your changes to the latest version and try again");
    }
}
