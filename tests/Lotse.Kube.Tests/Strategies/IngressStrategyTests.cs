using Lotse.Kube.Tests.Api;
using Lotse.Kube.Tests.Infrastructure;

namespace Lotse.Kube.Tests.Strategies;

[Collection(KubeServerCollection.Name)]
public sealed class IngressStrategyTests(KubeServerFixture server) : StrategyTestBase(server, "ingresses", "networking.k8s.io/v1")
{
    private const string MergePatch = "application/merge-patch+json";

    [Fact]
    public async Task Create_RulesTlsClass_StatusEmptyGenerationOne_Table()
    {
        var ns = await Server.CreateNamespaceAsync("ing");
        var created = await CreateOkAsync(ns, """
            {"metadata":{"name":"web"},"spec":{"ingressClassName":"alb",
             "rules":[{"host":"foo.example.com","http":{"paths":[{"path":"/api","pathType":"Prefix","backend":{"service":{"name":"api","port":{"number":8080}}}}]}},
                      {"host":"*.example.org","http":{"paths":[{"pathType":"ImplementationSpecific","backend":{"service":{"name":"web","port":{"name":"http"}}}}]}}],
             "tls":[{"hosts":["foo.example.com"],"secretName":"foo-tls"}]},
             "status":{"loadBalancer":{"ingress":[{"ip":"1.2.3.4"}]}}}
            """);
        created["metadata"]!["generation"]!.GetValue<long>().ShouldBe(1);
        created["status"]!.ToJsonString().ShouldBe("""{"loadBalancer":{}}""");
        (await ColumnsAsync(ns)).ShouldBe(["Name", "Class", "Hosts", "Address", "Ports", "Age"]);
        var row = await RowAsync(ns, "web");
        row.Take(5).Select(c => c!.GetValue<string>()).ShouldBe(["web", "alb", "foo.example.com,*.example.org", "", "80, 443"]);
    }

    [Fact]
    public async Task StatusSubresource_SetsAddress_MainWritesKeepStatus_SpecBumpsGeneration()
    {
        var ns = await Server.CreateNamespaceAsync("ing");
        await CreateOkAsync(ns, """{"metadata":{"name":"default"},"spec":{"defaultBackend":{"service":{"name":"web","port":{"number":80}}}}}""");
        var row = await RowAsync(ns, "default");
        row.Skip(1).Take(4).Select(c => c!.GetValue<string>()).ShouldBe(["<none>", "*", "", "80"]);

        var (code, status, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/default/status", """{"spec":{"ingressClassName":"x"},"status":{"loadBalancer":{"ingress":[{"hostname":"k8s-web.elb.amazonaws.com"},{"ip":"10.0.0.9"}]}}}""", MergePatch);
        code.ShouldBe(200, status?.ToJsonString());
        status!["spec"]!["ingressClassName"].ShouldBeNull();
        (await RowAsync(ns, "default"))[3]!.GetValue<string>().ShouldBe("10.0.0.9,k8s-web.elb.amazonaws.com");

        var (patched, updated, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/default", """{"spec":{"ingressClassName":"alb"},"status":{"loadBalancer":{}}}""", MergePatch);
        patched.ShouldBe(200);
        updated!["metadata"]!["generation"]!.GetValue<long>().ShouldBe(2);
        updated["status"]!["loadBalancer"]!["ingress"]!.AsArray().Count.ShouldBe(2);

        var (badCode, bad, _) = await Http.SendJsonAsync(HttpMethod.Patch, $"{Collection(ns)}/default/status", """{"status":{"loadBalancer":{"ingress":[{"ip":"300.1.1.1"},{"hostname":"10.1.1.1"}]}}}""", MergePatch);
        badCode.ShouldBe(422);
        bad!["message"]!.GetValue<string>().ShouldBe("Ingress.networking.k8s.io \"default\" is invalid: [status.loadBalancer.ingress[0].ip: Invalid value: \"300.1.1.1\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff), status.loadBalancer.ingress[1].hostname: Invalid value: \"10.1.1.1\": must be a DNS name, not an IP address]");
    }

    [Fact]
    public async Task Create_PathTypeMissingRelativePathBothPorts_Invalid()
    {
        var status = await CreateInvalidAsync("default", """
            {"metadata":{"name":"bad"},"spec":{"rules":[{"host":"a.example.com","http":{"paths":[
              {"path":"/x","backend":{"service":{"name":"s","port":{"number":80}}}},
              {"path":"api","pathType":"Prefix","backend":{"service":{"name":"s","port":{"number":80,"name":"http"}}}},
              {"path":"/y","pathType":"Regex","backend":{"service":{"name":"s","port":{}}}},
              {"path":"/z//w","pathType":"Exact","backend":{}}]}}]}}
            """);
        status["message"]!.GetValue<string>().ShouldBe("Ingress.networking.k8s.io \"bad\" is invalid: ["
            + "spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified, "
            + "spec.rules[0].http.paths[1].path: Invalid value: \"api\": must be an absolute path, "
            + "spec.rules[0].http.paths[1].backend: Invalid value: \"\": cannot set both port name & port number, "
            + "spec.rules[0].http.paths[2].pathType: Unsupported value: \"Regex\": supported values: \"Exact\", \"ImplementationSpecific\", \"Prefix\", "
            + "spec.rules[0].http.paths[2].backend: Required value: port name or number is required, "
            + "spec.rules[0].http.paths[3].path: Invalid value: \"/z//w\": must not contain '//', "
            + "spec.rules[0].http.paths[3].backend: Invalid value: \"\": resource or service backend is required]");
    }

    [Fact]
    public async Task Create_NoRulesNoBackend_BadHostsAndServiceName_Invalid()
    {
        var empty = await CreateInvalidAsync("default", """{"metadata":{"name":"empty"},"spec":{}}""");
        empty["message"]!.GetValue<string>().ShouldBe("Ingress.networking.k8s.io \"empty\" is invalid: spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified");

        var hosts = await CreateInvalidAsync("default", """{"metadata":{"name":"hosts"},"spec":{"rules":[{"host":"1.2.3.4"},{"host":"*"}],"defaultBackend":{"service":{"name":"Web","port":{"number":70000}}}}}""");
        hosts["message"]!.GetValue<string>().ShouldBe("Ingress.networking.k8s.io \"hosts\" is invalid: ["
            + "spec.defaultBackend.service.name: Invalid value: \"Web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?'), "
            + "spec.defaultBackend.service.port.number: Invalid value: 70000: must be between 1 and 65535, inclusive, "
            + "spec.rules[0].host: Invalid value: \"1.2.3.4\": must be a DNS name, not an IP address, "
            + "spec.rules[1].host: Invalid value: \"*\": a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')]");
    }

    [Fact]
    public async Task Create_ClassAnnotationDisagrees_Invalid_PortNumberString_DecodeError()
    {
        var status = await CreateInvalidAsync("default", """{"metadata":{"name":"cls","annotations":{"kubernetes.io/ingress.class":"nginx"}},"spec":{"ingressClassName":"alb","defaultBackend":{"service":{"name":"web","port":{"number":80}}}}}""");
        status["message"]!.GetValue<string>().ShouldBe("Ingress.networking.k8s.io \"cls\" is invalid: annotations.kubernetes.io/ingress.class: Invalid value: \"nginx\": must match `ingressClassName` when both are specified");

        var (code, decode, _) = await Http.PostJsonAsync(Collection("default"), """{"metadata":{"name":"str"},"spec":{"defaultBackend":{"service":{"name":"web","port":{"number":"80"}}}}}""");
        code.ShouldBe(400);
        decode!["message"]!.GetValue<string>().ShouldBe("Ingress in version \"v1\" cannot be handled as a Ingress: json: cannot unmarshal string into Go struct field Ingress.spec.defaultBackend.service.port.number of type int32");
    }
}
