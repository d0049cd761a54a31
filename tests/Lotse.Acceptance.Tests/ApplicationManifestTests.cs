namespace Lotse.Acceptance.Tests;

/// <summary>
/// What a platform team's CI does with a fresh cluster: install a CRD, then apply an application's manifests (many kinds
/// in one file) with client-side and server-side apply — through `aws eks update-kubeconfig` credentials, so every
/// request goes through IAM authentication and RBAC on a real `./lotse up`.
/// </summary>
public sealed class ApplicationManifestTests(LotseFixture fixture) : IClassFixture<LotseFixture>
{
    private const string Crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
          scope: Namespaced
          names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wd]}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    required: [size]
                    properties:
                      size: {type: integer, minimum: 1}
                      color: {type: string, default: blue}
            additionalPrinterColumns:
            - {name: Size, type: integer, jsonPath: .spec.size}
            - {name: Color, type: string, jsonPath: .spec.color}
        """;

    private const string Application = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: web, namespace: shop}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: web-config, namespace: shop}
        data: {mode: production}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              serviceAccountName: web
              containers:
              - {name: web, image: nginx:1.27, ports: [{containerPort: 80}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec:
          selector: {app: web}
          ports: [{port: 80, targetPort: 80}]
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: web, namespace: shop}
        spec:
          ingressClassName: alb
          rules:
          - host: shop.example.com
            http:
              paths:
              - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
        ---
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: web, namespace: shop}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
          minReplicas: 2
          maxReplicas: 6
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: {name: web, namespace: shop}
        spec:
          maxUnavailable: 1
          selector: {matchLabels: {app: web}}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: web, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: web}}
          ingress: [{ports: [{port: 80, protocol: TCP}]}]
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: report, namespace: shop}
        spec:
          schedule: "0 3 * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: OnFailure
                  containers: [{name: report, image: busybox, command: [sh, -c, date]}]
        ---
        apiVersion: example.com/v1
        kind: Widget
        metadata: {name: big, namespace: shop}
        spec: {size: 3}
        """;

    [CliFact]
    public async Task ApplyApplication_ClientThenServerSide_EveryKindServedThroughEksCredentials()
    {
        var server = fixture.Server;
        (await server.AwsAsync("eks", "create-cluster", "--name", "apps", "--role-arn", fixture.ClusterRoleArn,
            "--resources-vpc-config", $"subnetIds={fixture.SubnetIdsCsv}")).ShouldSucceed();
        var kubeconfig = Path.Combine(server.Home, "apps.kubeconfig");
        (await server.AwsAsync("eks", "update-kubeconfig", "--name", "apps", "--kubeconfig", kubeconfig)).ShouldSucceed();
        var crdFile = Path.Combine(server.Home, "widgets-crd.yaml");
        var appFile = Path.Combine(server.Home, "shop.yaml");
        await File.WriteAllTextAsync(crdFile, Crd);
        await File.WriteAllTextAsync(appFile, Application);

        (await server.KubectlAsync(kubeconfig, "apply", "-f", crdFile)).ShouldSucceed().StdOut.Trim()
            .ShouldBe("customresourcedefinition.apiextensions.k8s.io/widgets.example.com created");
        var applied = (await server.KubectlAsync(kubeconfig, "apply", "-f", appFile)).ShouldSucceed().StdOut;
        foreach (var line in new[]
        {
            "namespace/shop created", "serviceaccount/web created", "configmap/web-config created", "deployment.apps/web created",
            "service/web created", "ingress.networking.k8s.io/web created", "horizontalpodautoscaler.autoscaling/web created",
            "poddisruptionbudget.policy/web created", "networkpolicy.networking.k8s.io/web created", "cronjob.batch/report created",
            "widget.example.com/big created",
        })
        {
            applied.ShouldContain(line);
        }

        // Applying the same file again changes nothing; taking it over with server-side apply keeps every object.
        (await server.KubectlAsync(kubeconfig, "apply", "-f", appFile)).ShouldSucceed().StdOut.ShouldContain("deployment.apps/web unchanged");
        var serverSide = (await server.KubectlAsync(kubeconfig, "apply", "--server-side", "-f", appFile)).ShouldSucceed().StdOut;
        serverSide.ShouldContain("deployment.apps/web serverside-applied");
        serverSide.ShouldContain("widget.example.com/big serverside-applied");

        var all = (await server.KubectlAsync(kubeconfig, "get", "all", "-n", "shop")).ShouldSucceed().StdOut;
        all.ShouldMatch(@"(?m)^service/web\s+ClusterIP\s+10\.100\.\d+\.\d+\s+<none>\s+80/TCP\s+\S+\s*$");
        all.ShouldMatch(@"(?m)^deployment\.apps/web\s+0/2\s+0\s+0\s+\S+\s*$");
        all.ShouldMatch(@"(?m)^horizontalpodautoscaler\.autoscaling/web\s+Deployment/web\s+cpu: <unknown>/80%\s+2\s+6\s+0\s+\S+\s*$");
        all.ShouldMatch(@"(?m)^cronjob\.batch/report\s+0 3 \* \* \*\s+<none>\s+False\s+0\s+<none>\s+\S+\s*$");

        (await server.KubectlAsync(kubeconfig, "get", "wd", "-n", "shop")).ShouldSucceed().StdOut
            .ShouldMatch(@"(?m)^big\s+3\s+blue\s*$"); // printer columns given: no AGE unless the CRD names it, as upstream
        (await server.KubectlAsync(kubeconfig, "get", "ingress", "-n", "shop")).ShouldSucceed().StdOut
            .ShouldMatch(@"(?m)^web\s+alb\s+shop\.example\.com\s+80\s+\S+\s*$");
        (await server.KubectlAsync(kubeconfig, "get", "deployment", "web", "-n", "shop", "-o", "jsonpath={.metadata.managedFields[*].manager}"))
            .ShouldSucceed().StdOut.ShouldContain("kubectl");

        // A widget the schema refuses is refused with kube-apiserver's message; nothing is stored.
        var invalidFile = Path.Combine(server.Home, "bad-widget.yaml");
        await File.WriteAllTextAsync(invalidFile, "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: tiny, namespace: shop}\nspec: {size: 0}\n");
        (await server.KubectlAsync(kubeconfig, "create", "-f", invalidFile)).ShouldFail().StdErr.Trim()
            .ShouldBe("The Widget \"tiny\" is invalid: spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1");
        (await server.KubectlAsync(kubeconfig, "get", "wd", "tiny", "-n", "shop")).ShouldFail().StdErr
            .ShouldContain("widgets.example.com \"tiny\" not found");
    }
}
