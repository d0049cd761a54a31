using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Clients;

/// <summary>
/// The real kubectl on the networking, discovery and CSI storage kinds: a manifest of all of them, their tables as
/// kubectl prints them, the <c>create ingress</c> generator, and kube-apiserver's errors as kubectl shows them.
/// </summary>
[Collection(KubeServerCollection.Name)]
public sealed class KubectlNetworkingStorageTests(KubeServerFixture server)
{
    [KubectlFact]
    public async Task CreateFromFile_NetworkingAndStorageKinds_TablesAsKubectlPrints()
    {
        using var kubectl = new Kubectl(server);
        var ns = await server.CreateNamespaceAsync("netstore");
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var driver = $"ebs-{suffix}.csi.aws.com";
        var attachment = $"csi-{suffix}";
        var file = Path.Combine(Path.GetDirectoryName(kubectl.KubeconfigPath)!, "netstore.yaml");
        await File.WriteAllTextAsync(file, $"""
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: web
            spec:
              ingressClassName: alb
              tls:
              - hosts: [shop.example.com]
                secretName: shop-tls
              rules:
              - host: shop.example.com
                http:
                  paths:
                  - path: /
                    pathType: Prefix
                    backend:
                      service:
                        name: web
                        port:
                          number: 80
              - host: "*.example.com"
                http:
                  paths:
                  - path: /api
                    pathType: Exact
                    backend:
                      service:
                        name: api
                        port:
                          name: http
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: db
            spec:
              podSelector:
                matchLabels:
                  app: db
              egress:
              - ports:
                - port: 5432
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata:
              name: web-x1
              labels:
                kubernetes.io/service-name: web
            addressType: IPv4
            endpoints:
            - addresses: ["10.0.1.10"]
            - addresses: ["10.0.1.11"]
            ports:
            - name: http
              port: 8080
            ---
            apiVersion: storage.k8s.io/v1
            kind: CSIDriver
            metadata:
              name: {driver}
            spec:
              podInfoOnMount: true
            ---
            apiVersion: storage.k8s.io/v1
            kind: VolumeAttachment
            metadata:
              name: {attachment}
            spec:
              attacher: {driver}
              nodeName: ip-10-0-1-5.ec2.internal
              source:
                persistentVolumeName: pvc-{suffix}
            """);
        var create = await kubectl.RunAsync("-n", ns, "create", "-f", file);
        create.ExitCode.ShouldBe(0, create.Stderr);
        create.Stdout.ShouldContain("ingress.networking.k8s.io/web created");
        create.Stdout.ShouldContain("networkpolicy.networking.k8s.io/db created");
        create.Stdout.ShouldContain("endpointslice.discovery.k8s.io/web-x1 created");
        create.Stdout.ShouldContain($"csidriver.storage.k8s.io/{driver} created");
        create.Stdout.ShouldContain($"volumeattachment.storage.k8s.io/{attachment} created");

        var ing = await kubectl.RunAsync("-n", ns, "get", "ing");
        ing.ExitCode.ShouldBe(0, ing.Stderr);
        ing.Stdout.ShouldMatch(@"NAME\s+CLASS\s+HOSTS\s+ADDRESS\s+PORTS\s+AGE");
        ing.Stdout.ShouldMatch(@"(?m)^web\s+alb\s+shop\.example\.com,\*\.example\.com\s+80, 443\s+\d+s\s*$");

        var netpol = await kubectl.RunAsync("-n", ns, "get", "netpol", "-o", "wide");
        netpol.ExitCode.ShouldBe(0, netpol.Stderr);
        netpol.Stdout.ShouldMatch(@"NAME\s+POD-SELECTOR\s+AGE");
        netpol.Stdout.ShouldMatch(@"(?m)^db\s+app=db\s+\d+s\s*$");
        (await kubectl.RunAsync("-n", ns, "get", "netpol", "db", "-o", "jsonpath={.spec.policyTypes} {.spec.egress[0].ports[0].protocol}")).Stdout.ShouldBe("""["Ingress","Egress"] TCP""");

        var slices = await kubectl.RunAsync("-n", ns, "get", "endpointslices");
        slices.ExitCode.ShouldBe(0, slices.Stderr);
        slices.Stdout.ShouldMatch(@"NAME\s+ADDRESSTYPE\s+PORTS\s+ENDPOINTS\s+AGE");
        slices.Stdout.ShouldMatch(@"(?m)^web-x1\s+IPv4\s+8080\s+10\.0\.1\.10,10\.0\.1\.11\s+\d+s\s*$");

        var drivers = await kubectl.RunAsync("get", "csidriver", driver);
        drivers.ExitCode.ShouldBe(0, drivers.Stderr);
        drivers.Stdout.ShouldMatch(@"NAME\s+ATTACHREQUIRED\s+PODINFOONMOUNT\s+STORAGECAPACITY\s+TOKENREQUESTS\s+REQUIRESREPUBLISH\s+MODES\s+AGE");
        drivers.Stdout.ShouldMatch($@"(?m)^{driver.Replace(".", @"\.", StringComparison.Ordinal)}\s+true\s+true\s+false\s+<unset>\s+false\s+Persistent\s+\d+s\s*$");

        var attachments = await kubectl.RunAsync("get", "volumeattachment", attachment);
        attachments.ExitCode.ShouldBe(0, attachments.Stderr);
        attachments.Stdout.ShouldMatch(@"NAME\s+ATTACHER\s+PV\s+NODE\s+ATTACHED\s+AGE");
        attachments.Stdout.ShouldMatch($@"(?m)^{attachment}\s+ebs-{suffix}\.csi\.aws\.com\s+pvc-{suffix}\s+ip-10-0-1-5\.ec2\.internal\s+false\s+\d+s\s*$");

        var csinodes = await kubectl.RunAsync("get", "csinodes");
        csinodes.ExitCode.ShouldBe(0, csinodes.Stderr);

        (await kubectl.RunAsync("delete", "volumeattachment", attachment)).ExitCode.ShouldBe(0);
        (await kubectl.RunAsync("delete", "csidriver", driver)).ExitCode.ShouldBe(0);
    }

    [KubectlFact]
    public async Task CreateIngressGenerator_RuleWithServicePort_ExactPathAndTable()
    {
        using var kubectl = new Kubectl(server);
        var ns = await server.CreateNamespaceAsync("ingen");
        var create = await kubectl.RunAsync("-n", ns, "create", "ingress", "simple", "--rule=foo.com/bar=svc1:8080");
        create.ExitCode.ShouldBe(0, create.Stderr);
        create.Stdout.Trim().ShouldBe("ingress.networking.k8s.io/simple created");
        var path = await kubectl.RunAsync("-n", ns, "get", "ing", "simple", "-o", "jsonpath={.spec.rules[0].host} {.spec.rules[0].http.paths[0].path} {.spec.rules[0].http.paths[0].pathType} {.spec.rules[0].http.paths[0].backend.service.name}:{.spec.rules[0].http.paths[0].backend.service.port.number} {.metadata.generation}");
        path.Stdout.ShouldBe("foo.com /bar Exact svc1:8080 1");

        var get = await kubectl.RunAsync("-n", ns, "get", "ingress", "simple");
        get.ExitCode.ShouldBe(0, get.Stderr);
        get.Stdout.ShouldMatch(@"NAME\s+CLASS\s+HOSTS\s+ADDRESS\s+PORTS\s+AGE");
        get.Stdout.ShouldMatch(@"(?m)^simple\s+<none>\s+foo\.com\s+80\s+\d+s\s*$");
    }

    [KubectlFact]
    public async Task CreateFromFile_IngressWithoutPathType_PrintsUpstreamMessage()
    {
        using var kubectl = new Kubectl(server);
        var ns = await server.CreateNamespaceAsync("ingbad");
        var file = Path.Combine(Path.GetDirectoryName(kubectl.KubeconfigPath)!, "bad-ingress.yaml");
        await File.WriteAllTextAsync(file, """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: bad
            spec:
              rules:
              - http:
                  paths:
                  - path: api
                    backend:
                      service:
                        name: web
                        port:
                          number: 80
            """);
        var create = await kubectl.RunAsync("-n", ns, "create", "-f", file);
        create.ExitCode.ShouldNotBe(0);
        create.Stderr.Trim().ShouldBe("The Ingress \"bad\" is invalid: spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified");

        var slice = Path.Combine(Path.GetDirectoryName(kubectl.KubeconfigPath)!, "bad-slice.yaml");
        await File.WriteAllTextAsync(slice, "apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: bad\naddressType: IPv6\nendpoints:\n- addresses: [\"10.0.0.1\"]\n");
        var sliceCreate = await kubectl.RunAsync("-n", ns, "create", "-f", slice);
        sliceCreate.ExitCode.ShouldNotBe(0);
        sliceCreate.Stderr.Trim().ShouldBe("The EndpointSlice \"bad\" is invalid: endpoints[0].addresses[0]: Invalid value: \"10.0.0.1\": must be a valid IPv6 address");
    }

    [KubectlFact]
    public async Task GetEventsThroughEventsGroup_CoreEventShownWithNewNames()
    {
        using var kubectl = new Kubectl(server);
        var ns = await server.CreateNamespaceAsync("evgroup");
        var file = Path.Combine(Path.GetDirectoryName(kubectl.KubeconfigPath)!, "event.yaml");
        await File.WriteAllTextAsync(file, $"""
            apiVersion: v1
            kind: Event
            metadata:
              name: web.17
            involvedObject:
              kind: Pod
              name: web
              namespace: {ns}
            reason: BackOff
            message: Back-off restarting failed container
            type: Warning
            source:
              component: kubelet
            count: 3
            """);
        var create = await kubectl.RunAsync("-n", ns, "create", "-f", file);
        create.ExitCode.ShouldBe(0, create.Stderr);

        var get = await kubectl.RunAsync("-n", ns, "get", "events.events.k8s.io");
        get.ExitCode.ShouldBe(0, get.Stderr);
        get.Stdout.ShouldMatch(@"LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE");
        get.Stdout.ShouldMatch(@"(?m)^<unknown>\s+Warning\s+BackOff\s+pod/web\s+Back-off restarting failed container\s*$");
        var fields = await kubectl.RunAsync("-n", ns, "get", "events.events.k8s.io", "web.17", "-o", "jsonpath={.apiVersion} {.note} {.regarding.name} {.deprecatedCount} {.deprecatedSource.component}");
        fields.Stdout.ShouldBe("events.k8s.io/v1 Back-off restarting failed container web 3 kubelet");

        var core = await kubectl.RunAsync("-n", ns, "get", "events", "web.17", "-o", "jsonpath={.apiVersion} {.message}");
        core.Stdout.ShouldBe("v1 Back-off restarting failed container");
    }
}
