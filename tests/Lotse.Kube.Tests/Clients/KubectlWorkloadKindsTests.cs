using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Clients;

/// <summary>
/// The real kubectl on StatefulSets, DaemonSets, ControllerRevisions and HorizontalPodAutoscalers: a manifest of several
/// kinds, their tables (wide too), scale, <c>kubectl autoscale</c> (which creates an autoscaling/v1 object as protobuf),
/// and kube-apiserver's errors as kubectl prints them. No controller runs, so statuses stay at zero.
/// </summary>
[Collection(KubeServerCollection.Name)]
public sealed class KubectlWorkloadKindsTests(KubeServerFixture server)
{
    private const string Manifest = """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: db
        spec:
          serviceName: db
          replicas: 2
          selector:
            matchLabels:
              app: db
          template:
            metadata:
              labels:
                app: db
            spec:
              containers:
              - name: pg
                image: postgres:16
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: agent
        spec:
          selector:
            matchLabels:
              app: agent
          template:
            metadata:
              labels:
                app: agent
            spec:
              nodeSelector:
                kubernetes.io/os: linux
              containers:
              - name: fluent
                image: fluent/fluent-bit:3.0
        ---
        apiVersion: apps/v1
        kind: ControllerRevision
        metadata:
          name: db-7b9f6
        data:
          spec:
            template:
              metadata:
                labels:
                  app: db
        revision: 1
        ---
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata:
          name: db
        spec:
          scaleTargetRef:
            apiVersion: apps/v1
            kind: StatefulSet
            name: db
          minReplicas: 2
          maxReplicas: 6
          metrics:
          - type: Resource
            resource:
              name: memory
              target:
                type: AverageValue
                averageValue: 512Mi
        """;

    [KubectlFact]
    public async Task CreateFromFile_SeveralKinds_TablesScaleAndAutoscale()
    {
        using var kubectl = new Kubectl(server);
        var ns = await server.CreateNamespaceAsync("workloads");
        var file = Path.Combine(Path.GetDirectoryName(kubectl.KubeconfigPath)!, "workloads.yaml");
        await File.WriteAllTextAsync(file, Manifest);
        var create = await kubectl.RunAsync("-n", ns, "create", "-f", file);
        create.ExitCode.ShouldBe(0, create.Stderr);
        create.Stdout.ShouldContain("statefulset.apps/db created");
        create.Stdout.ShouldContain("daemonset.apps/agent created");
        create.Stdout.ShouldContain("controllerrevision.apps/db-7b9f6 created");
        create.Stdout.ShouldContain("horizontalpodautoscaler.autoscaling/db created");

        var sts = await kubectl.RunAsync("-n", ns, "get", "sts", "-o", "wide");
        sts.ExitCode.ShouldBe(0, sts.Stderr);
        sts.Stdout.ShouldMatch(@"NAME\s+READY\s+AGE\s+CONTAINERS\s+IMAGES");
        sts.Stdout.ShouldMatch(@"(?m)^db\s+0/2\s+\d+s\s+pg\s+postgres:16\s*$");

        var ds = await kubectl.RunAsync("-n", ns, "get", "ds", "-o", "wide");
        ds.ExitCode.ShouldBe(0, ds.Stderr);
        ds.Stdout.ShouldMatch(@"NAME\s+DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+NODE SELECTOR\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR");
        ds.Stdout.ShouldMatch(@"(?m)^agent\s+0\s+0\s+0\s+0\s+0\s+kubernetes\.io/os=linux\s+\d+s\s+fluent\s+fluent/fluent-bit:3\.0\s+app=agent\s*$");

        var revisions = await kubectl.RunAsync("-n", ns, "get", "controllerrevisions");
        revisions.ExitCode.ShouldBe(0, revisions.Stderr);
        revisions.Stdout.ShouldMatch(@"NAME\s+CONTROLLER\s+REVISION\s+AGE");
        revisions.Stdout.ShouldMatch(@"(?m)^db-7b9f6\s+<none>\s+1\s+\d+s\s*$");

        var yaml = await kubectl.RunAsync("-n", ns, "get", "sts", "db", "-o", "yaml");
        yaml.Stdout.ShouldContain("podManagementPolicy: OrderedReady");
        yaml.Stdout.ShouldContain("partition: 0");
        yaml.Stdout.ShouldContain("whenScaled: Retain");

        var scale = await kubectl.RunAsync("-n", ns, "scale", "sts", "db", "--replicas=3");
        scale.ExitCode.ShouldBe(0, scale.Stderr);
        scale.Stdout.Trim().ShouldBe("statefulset.apps/db scaled");
        (await kubectl.RunAsync("-n", ns, "get", "sts", "db", "-o", "jsonpath={.spec.replicas} {.metadata.generation}")).Stdout.ShouldBe("3 2");

        var setImage = await kubectl.RunAsync("-n", ns, "set", "image", "sts/db", "pg=postgres:17");
        setImage.ExitCode.ShouldBe(0, setImage.Stderr);
        setImage.Stdout.Trim().ShouldBe("statefulset.apps/db image updated");
        (await kubectl.RunAsync("-n", ns, "get", "sts", "db", "-o", "jsonpath={.spec.template.spec.containers[*].image} {.metadata.generation}")).Stdout.ShouldBe("postgres:17 3");

        var deploy = await kubectl.RunAsync("-n", ns, "create", "deployment", "web", "--image=nginx");
        deploy.ExitCode.ShouldBe(0, deploy.Stderr);
        // -v=8 logs the request: kubectl autoscale creates an autoscaling/v1 object, sent as protobuf.
        var autoscale = await kubectl.RunAsync("-n", ns, "autoscale", "deployment", "web", "--min", "2", "--max", "5", "--cpu-percent", "60", "-v=8");
        autoscale.ExitCode.ShouldBe(0, autoscale.Stderr + string.Join("\n", server.Log.Entries));
        autoscale.Stdout.Trim().ShouldBe("horizontalpodautoscaler.autoscaling/web autoscaled");
        autoscale.Stderr.ShouldMatch(@"POST https://\S+/apis/autoscaling/v1/namespaces/[^/]+/horizontalpodautoscalers");
        autoscale.Stderr.ShouldContain("Content-Type: application/vnd.kubernetes.protobuf");
        (await kubectl.RunAsync("-n", ns, "get", "hpa", "web", "-o", "jsonpath={.apiVersion} {.spec.metrics[0].resource.target.averageUtilization}")).Stdout.ShouldBe("autoscaling/v2 60");
        var v1 = await kubectl.RunAsync("-n", ns, "get", "horizontalpodautoscalers.v1.autoscaling", "web", "-o", "jsonpath={.spec.targetCPUUtilizationPercentage}");
        v1.Stdout.ShouldBe("60", v1.Stderr);

        var hpa = await kubectl.RunAsync("-n", ns, "get", "hpa");
        hpa.ExitCode.ShouldBe(0, hpa.Stderr);
        hpa.Stdout.ShouldMatch(@"NAME\s+REFERENCE\s+TARGETS\s+MINPODS\s+MAXPODS\s+REPLICAS\s+AGE");
        hpa.Stdout.ShouldMatch(@"(?m)^db\s+StatefulSet/db\s+memory: <unknown>/512Mi\s+2\s+6\s+0\s+\d+s\s*$");
        hpa.Stdout.ShouldMatch(@"(?m)^web\s+Deployment/web\s+cpu: <unknown>/60%\s+2\s+5\s+0\s+\d+s\s*$");

        var all = await kubectl.RunAsync("-n", ns, "get", "all");
        all.ExitCode.ShouldBe(0, all.Stderr);
        all.Stdout.ShouldMatch(@"(?m)^statefulset\.apps/db\s+0/3\s+\d+s\s*$");
        all.Stdout.ShouldMatch(@"(?m)^daemonset\.apps/agent\s+0\s+0\s+0\s+0\s+0\s+kubernetes\.io/os=linux\s+\d+s\s*$");
        all.Stdout.ShouldMatch(@"(?m)^horizontalpodautoscaler\.autoscaling/web\s+Deployment/web\s+");
    }

    [KubectlFact]
    public async Task Create_BadManifests_PrintUpstreamMessages()
    {
        using var kubectl = new Kubectl(server);
        var ns = await server.CreateNamespaceAsync("workloads");
        var file = Path.Combine(Path.GetDirectoryName(kubectl.KubeconfigPath)!, "bad.yaml");
        await File.WriteAllTextAsync(file, """
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata:
              name: bad
            spec:
              scaleTargetRef:
                kind: Deployment
                name: web
              minReplicas: 4
              maxReplicas: 2
            """);
        var hpa = await kubectl.RunAsync("-n", ns, "create", "-f", file);
        hpa.ExitCode.ShouldNotBe(0);
        hpa.Stderr.Trim().ShouldBe("The HorizontalPodAutoscaler \"bad\" is invalid: spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`");

        await File.WriteAllTextAsync(file, """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: bad
            spec:
              podManagementPolicy: Random
              selector:
                matchLabels:
                  app: db
              template:
                metadata:
                  labels:
                    app: db
                spec:
                  containers:
                  - name: pg
                    image: postgres:16
            """);
        var sts = await kubectl.RunAsync("-n", ns, "create", "-f", file);
        sts.ExitCode.ShouldNotBe(0);
        sts.Stderr.Trim().ShouldBe("The StatefulSet \"bad\" is invalid: spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or 'Parallel'");
    }
}
