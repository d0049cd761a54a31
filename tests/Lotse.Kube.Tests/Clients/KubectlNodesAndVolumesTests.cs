using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Clients;

/// <summary>
/// The real kubectl on nodes, persistent volumes and claims, limit ranges, quotas, pod templates and replication
/// controllers: one manifest of all of them, their tables (and wide tables), cordon/taint/label on a node, scaling a
/// replication controller, and kube-apiserver's validation errors as kubectl prints them.
/// </summary>
[Collection(KubeServerCollection.Name)]
public sealed class KubectlNodesAndVolumesTests(KubeServerFixture server)
{
    [KubectlFact]
    public async Task Manifest_SevenKinds_TablesAndNodeCommands()
    {
        using var kubectl = new Kubectl(server);
        var ns = await server.CreateNamespaceAsync("core");
        var node = $"ip-{Guid.NewGuid():N}"[..16];
        var pv = $"pv-{Guid.NewGuid():N}"[..16];
        var file = await WriteManifestAsync($$"""
            apiVersion: v1
            kind: Node
            metadata:
              name: {{node}}
              labels:
                node-role.kubernetes.io/worker: ""
            status:
              conditions:
              - type: Ready
                status: "True"
              addresses:
              - type: InternalIP
                address: 10.0.1.10
              nodeInfo:
                kubeletVersion: v1.32.1-eks-1
                osImage: Amazon Linux 2023
                kernelVersion: 6.1.0
                containerRuntimeVersion: containerd://1.7.2
            ---
            apiVersion: v1
            kind: PersistentVolume
            metadata:
              name: {{pv}}
            spec:
              capacity:
                storage: 5120Mi
              accessModes: [ReadWriteOnce]
              storageClassName: manual
              hostPath:
                path: /data
            ---
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata:
              name: data
              namespace: {{ns}}
            spec:
              storageClassName: manual
              accessModes: [ReadWriteOnce]
              resources:
                requests:
                  storage: 1Gi
            ---
            apiVersion: v1
            kind: LimitRange
            metadata:
              name: limits
              namespace: {{ns}}
            spec:
              limits:
              - type: Container
                max:
                  cpu: 500m
            ---
            apiVersion: v1
            kind: ResourceQuota
            metadata:
              name: quota
              namespace: {{ns}}
            spec:
              hard:
                pods: "10"
            ---
            apiVersion: v1
            kind: PodTemplate
            metadata:
              name: tmpl
              namespace: {{ns}}
            template:
              metadata:
                labels:
                  app: batch
              spec:
                containers:
                - name: main
                  image: busybox
            ---
            apiVersion: v1
            kind: ReplicationController
            metadata:
              name: web
              namespace: {{ns}}
            spec:
              replicas: 2
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  containers:
                  - name: nginx
                    image: nginx
            """);
        try
        {
            var create = await kubectl.RunAsync("create", "-f", file);
            create.ExitCode.ShouldBe(0, create.Stderr + string.Join("\n", server.Log.Entries));
            create.Stdout.ShouldContain($"node/{node} created");
            create.Stdout.ShouldContain("replicationcontroller/web created");

            var nodes = await kubectl.RunAsync("get", "no", node);
            nodes.ExitCode.ShouldBe(0, nodes.Stderr);
            nodes.Stdout.ShouldMatch(@"NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION");
            nodes.Stdout.ShouldMatch($@"(?m)^{node}\s+Ready\s+worker\s+\d+s\s+v1\.32\.1-eks-1\s*$");
            var wide = await kubectl.RunAsync("get", "nodes", node, "-o", "wide");
            wide.Stdout.ShouldMatch(@"NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\s+INTERNAL-IP\s+EXTERNAL-IP\s+OS-IMAGE\s+KERNEL-VERSION\s+CONTAINER-RUNTIME");
            wide.Stdout.ShouldMatch($@"(?m)^{node}\s+Ready\s+worker\s+\d+s\s+v1\.32\.1-eks-1\s+10\.0\.1\.10\s+<none>\s+Amazon Linux 2023\s+6\.1\.0\s+containerd://1\.7\.2\s*$");

            (await kubectl.RunAsync("cordon", node)).Stdout.Trim().ShouldBe($"node/{node} cordoned");
            (await kubectl.RunAsync("get", "node", node)).Stdout.ShouldMatch($@"(?m)^{node}\s+Ready,SchedulingDisabled\s+worker\s");
            (await kubectl.RunAsync("uncordon", node)).Stdout.Trim().ShouldBe($"node/{node} uncordoned");
            var taint = await kubectl.RunAsync("taint", "node", node, "dedicated=gpu:NoSchedule");
            taint.ExitCode.ShouldBe(0, taint.Stderr);
            taint.Stdout.Trim().ShouldBe($"node/{node} tainted");
            (await kubectl.RunAsync("label", "node", node, "node-role.kubernetes.io/gpu=")).Stdout.Trim().ShouldBe($"node/{node} labeled");
            (await kubectl.RunAsync("get", "node", node, "-o", "jsonpath={.spec.taints[0].key}={.spec.taints[0].value}:{.spec.taints[0].effect} {.spec.unschedulable}"))
                .Stdout.ShouldBe("dedicated=gpu:NoSchedule ");
            (await kubectl.RunAsync("get", "node", node)).Stdout.ShouldMatch($@"(?m)^{node}\s+Ready\s+gpu,worker\s");

            var pvs = await kubectl.RunAsync("get", "pv", pv, "-o", "wide");
            pvs.Stdout.ShouldMatch(@"NAME\s+CAPACITY\s+ACCESS MODES\s+RECLAIM POLICY\s+STATUS\s+CLAIM\s+STORAGECLASS\s+VOLUMEATTRIBUTESCLASS\s+REASON\s+AGE\s+VOLUMEMODE");
            pvs.Stdout.ShouldMatch($@"(?m)^{pv}\s+5Gi\s+RWO\s+Retain\s+Pending\s+manual\s+<unset>\s+\d+s\s+Filesystem\s*$");
            var pvcs = await kubectl.RunAsync("-n", ns, "get", "pvc", "-o", "wide");
            pvcs.Stdout.ShouldMatch(@"NAME\s+STATUS\s+VOLUME\s+CAPACITY\s+ACCESS MODES\s+STORAGECLASS\s+VOLUMEATTRIBUTESCLASS\s+AGE\s+VOLUMEMODE");
            pvcs.Stdout.ShouldMatch(@"(?m)^data\s+Pending\s+manual\s+<unset>\s+\d+s\s+Filesystem\s*$");

            var limits = await kubectl.RunAsync("-n", ns, "get", "limits");
            limits.Stdout.ShouldMatch(@"NAME\s+CREATED AT");
            limits.Stdout.ShouldMatch(@"(?m)^limits\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\s*$");
            (await kubectl.RunAsync("-n", ns, "get", "limitrange", "limits", "-o", "jsonpath={.spec.limits[0].defaultRequest.cpu}")).Stdout.ShouldBe("500m");
            var quota = await kubectl.RunAsync("-n", ns, "get", "quota");
            quota.Stdout.ShouldMatch(@"NAME\s+AGE\s+REQUEST\s+LIMIT");
            quota.Stdout.ShouldMatch(@"(?m)^quota\s+\d+s\s*$");
            // kubectl's typed create sends the ResourceQuota as protobuf; quantities come back canonical.
            var createQuota = await kubectl.RunAsync("-n", ns, "create", "quota", "compute", "--hard=pods=2,requests.cpu=1000m");
            createQuota.ExitCode.ShouldBe(0, createQuota.Stderr);
            createQuota.Stdout.Trim().ShouldBe("resourcequota/compute created");
            (await kubectl.RunAsync("-n", ns, "get", "quota", "compute", "-o", "jsonpath={.spec.hard.pods} {.spec.hard.requests\\.cpu}")).Stdout.ShouldBe("2 1");

            var templates = await kubectl.RunAsync("-n", ns, "get", "podtemplates");
            templates.Stdout.ShouldMatch(@"NAME\s+CONTAINERS\s+IMAGES\s+POD LABELS");
            templates.Stdout.ShouldMatch(@"(?m)^tmpl\s+main\s+busybox\s+app=batch\s*$");

            var scale = await kubectl.RunAsync("-n", ns, "scale", "rc", "web", "--replicas=4");
            scale.ExitCode.ShouldBe(0, scale.Stderr);
            scale.Stdout.Trim().ShouldBe("replicationcontroller/web scaled");
            var rcs = await kubectl.RunAsync("-n", ns, "get", "rc", "-o", "wide");
            rcs.Stdout.ShouldMatch(@"NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR");
            rcs.Stdout.ShouldMatch(@"(?m)^web\s+4\s+0\s+0\s+\d+s\s+nginx\s+nginx\s+app=web\s*$");
            (await kubectl.RunAsync("-n", ns, "get", "all")).Stdout.ShouldMatch(@"(?m)^replicationcontroller/web\s+4\s+0\s+0\s+\d+s");
        }
        finally
        {
            File.Delete(file);
            await kubectl.RunAsync("delete", "node", node);
            await kubectl.RunAsync("delete", "pv", pv);
        }
    }

    [KubectlFact]
    public async Task Create_InvalidClaimAndLimitRange_PrintUpstreamMessages()
    {
        using var kubectl = new Kubectl(server);
        var ns = await server.CreateNamespaceAsync("core");
        var file = await WriteManifestAsync("""
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata:
              name: nosize
            spec:
              accessModes: [ReadWriteOnce]
            """);
        var badQuantity = await WriteManifestAsync("""
            apiVersion: v1
            kind: ResourceQuota
            metadata:
              name: q
            spec:
              hard:
                pods: ten
            """);
        try
        {
            var (exit, _, stderr) = await kubectl.RunAsync("-n", ns, "create", "-f", file);
            exit.ShouldNotBe(0);
            stderr.Trim().ShouldBe("The PersistentVolumeClaim \"nosize\" is invalid: spec.resources[storage]: Required value");

            var decode = await kubectl.RunAsync("-n", ns, "create", "-f", badQuantity);
            decode.ExitCode.ShouldNotBe(0);
            decode.Stderr.ShouldContain("ResourceQuota in version \"v1\" cannot be handled as a ResourceQuota: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
        }
        finally
        {
            File.Delete(file);
            File.Delete(badQuantity);
        }
    }

    private static async Task<string> WriteManifestAsync(string yaml)
    {
        var file = Path.Combine(Path.GetTempPath(), $"lotse-core-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, yaml);
        return file;
    }
}
