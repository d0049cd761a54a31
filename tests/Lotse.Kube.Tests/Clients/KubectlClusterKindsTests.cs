using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Clients;

/// <summary>
/// The real kubectl on the scheduling, coordination, node, storage, networking and policy kinds: the objects every
/// cluster starts with, manifests of several kinds, the wide PDB table, and kube-apiserver's errors as kubectl prints them.
/// </summary>
[Collection(KubeServerCollection.Name)]
public sealed class KubectlClusterKindsTests(KubeServerFixture server)
{
    [KubectlFact]
    public async Task GetPriorityClasses_ShortName_SystemClassesListed()
    {
        using var kubectl = new Kubectl(server);
        var get = await kubectl.RunAsync("get", "pc");
        get.ExitCode.ShouldBe(0, get.Stderr);
        get.Stdout.ShouldMatch(@"NAME\s+VALUE\s+GLOBAL-DEFAULT\s+AGE\s+PREEMPTIONPOLICY");
        get.Stdout.ShouldMatch(@"(?m)^system-cluster-critical\s+2000000000\s+false\s+\S+\s+PreemptLowerPriority\s*$");
        get.Stdout.ShouldMatch(@"(?m)^system-node-critical\s+2000001000\s+false\s+\S+\s+PreemptLowerPriority\s*$");

        var delete = await kubectl.RunAsync("delete", "priorityclass", "system-node-critical");
        delete.ExitCode.ShouldNotBe(0);
        delete.Stderr.Trim().ShouldBe("Error from server (Forbidden): priorityclasses.scheduling.k8s.io \"system-node-critical\" is forbidden: this is a system priority class and cannot be deleted");

        var canI = await kubectl.RunAsync("auth", "can-i", "create", "priorityclasses.scheduling.k8s.io");
        canI.Stdout.Trim().ShouldBe("yes");
    }

    [KubectlFact]
    public async Task GetStorageClasses_ShortName_EksGp2Listed()
    {
        using var kubectl = new Kubectl(server);
        var get = await kubectl.RunAsync("get", "sc");
        get.ExitCode.ShouldBe(0, get.Stderr);
        get.Stdout.ShouldMatch(@"NAME\s+PROVISIONER\s+RECLAIMPOLICY\s+VOLUMEBINDINGMODE\s+ALLOWVOLUMEEXPANSION\s+AGE");
        get.Stdout.ShouldMatch(@"(?m)^gp2\s+kubernetes\.io/aws-ebs\s+Delete\s+WaitForFirstConsumer\s+false\s+\S+\s*$");
    }

    [KubectlFact]
    public async Task CreateFromFile_LeasePdbIngressClass_CreatedAndListed()
    {
        using var kubectl = new Kubectl(server);
        var ns = await server.CreateNamespaceAsync("kinds");
        var ingressClass = $"ic-{Guid.NewGuid():N}"[..12];
        var file = Path.Combine(Path.GetDirectoryName(kubectl.KubeconfigPath)!, "kinds.yaml");
        await File.WriteAllTextAsync(file, $"""
            apiVersion: coordination.k8s.io/v1
            kind: Lease
            metadata:
              name: leader
            spec:
              holderIdentity: controller-0
              leaseDurationSeconds: 15
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata:
              name: web
            spec:
              maxUnavailable: 25%
              selector:
                matchLabels:
                  app: web
            ---
            apiVersion: networking.k8s.io/v1
            kind: IngressClass
            metadata:
              name: {ingressClass}
            spec:
              controller: ingress.k8s.aws/alb
            """);
        var create = await kubectl.RunAsync("-n", ns, "create", "-f", file);
        create.ExitCode.ShouldBe(0, create.Stderr);
        create.Stdout.ShouldContain("lease.coordination.k8s.io/leader created");
        create.Stdout.ShouldContain("poddisruptionbudget.policy/web created");
        create.Stdout.ShouldContain($"ingressclass.networking.k8s.io/{ingressClass} created");

        var leases = await kubectl.RunAsync("-n", ns, "get", "leases");
        leases.ExitCode.ShouldBe(0, leases.Stderr);
        leases.Stdout.ShouldMatch(@"NAME\s+HOLDER\s+AGE");
        leases.Stdout.ShouldMatch(@"(?m)^leader\s+controller-0\s+\d+s");

        var pdb = await kubectl.RunAsync("-n", ns, "get", "pdb", "-o", "wide");
        pdb.ExitCode.ShouldBe(0, pdb.Stderr);
        pdb.Stdout.ShouldMatch(@"NAME\s+MIN AVAILABLE\s+MAX UNAVAILABLE\s+ALLOWED DISRUPTIONS\s+AGE");
        pdb.Stdout.ShouldMatch(@"(?m)^web\s+N/A\s+25%\s+0\s+\d+s");

        var classes = await kubectl.RunAsync("get", "ingressclass", ingressClass);
        classes.ExitCode.ShouldBe(0, classes.Stderr);
        classes.Stdout.ShouldMatch(@"NAME\s+CONTROLLER\s+PARAMETERS\s+AGE");
        classes.Stdout.ShouldMatch($@"(?m)^{ingressClass}\s+ingress\.k8s\.aws/alb\s+<none>\s+\d+s");
        (await kubectl.RunAsync("delete", "ingressclass", ingressClass)).ExitCode.ShouldBe(0);
    }

    [KubectlFact]
    public async Task CreateGenerators_PdbAndPriorityClass_ProtobufBodiesAccepted()
    {
        using var kubectl = new Kubectl(server);
        var ns = await server.CreateNamespaceAsync("gen");
        var pdb = await kubectl.RunAsync("-n", ns, "create", "pdb", "api", "--selector=app=api", "--min-available=50%");
        pdb.ExitCode.ShouldBe(0, pdb.Stderr);
        pdb.Stdout.Trim().ShouldBe("poddisruptionbudget.policy/api created");
        (await kubectl.RunAsync("-n", ns, "get", "pdb", "api", "-o", "jsonpath={.spec.minAvailable} {.metadata.generation}")).Stdout.ShouldBe("50% 1");

        var name = $"batch-{Guid.NewGuid():N}"[..14];
        var pc = await kubectl.RunAsync("create", "priorityclass", name, "--value=100", "--description=batch jobs");
        pc.ExitCode.ShouldBe(0, pc.Stderr);
        pc.Stdout.Trim().ShouldBe($"priorityclass.scheduling.k8s.io/{name} created");
        (await kubectl.RunAsync("get", "pc", name, "-o", "jsonpath={.value} {.preemptionPolicy}")).Stdout.ShouldBe("100 PreemptLowerPriority");
        (await kubectl.RunAsync("delete", "pc", name)).ExitCode.ShouldBe(0);
    }

    [KubectlFact]
    public async Task CreateFromFile_UserPriorityTooHigh_PrintsUpstreamMessage()
    {
        using var kubectl = new Kubectl(server);
        var file = Path.Combine(Path.GetDirectoryName(kubectl.KubeconfigPath)!, "pc.yaml");
        await File.WriteAllTextAsync(file, "apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: too-high\nvalue: 1000000001\n");
        var create = await kubectl.RunAsync("create", "-f", file);
        create.ExitCode.ShouldNotBe(0);
        create.Stderr.Trim().ShouldBe("The PriorityClass \"too-high\" is invalid: value: Forbidden: maximum allowed value of a user defined priority is 1000000000");
    }
}
