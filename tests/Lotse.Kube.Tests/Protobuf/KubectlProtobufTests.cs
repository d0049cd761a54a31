using System.Text.Json;
using System.Text.Json.Nodes;
using Lotse.Kube.Protobuf;

using static Lotse.Kube.Tests.Protobuf.TestJson;

namespace Lotse.Kube.Tests.Protobuf;

/// <summary>
/// Real vectors: what kubectl 1.32 sends for its create commands, decoded, must equal what the same
/// command prints with <c>--dry-run=client -o json</c> (the JSON of the same Go object).
/// </summary>
public sealed class KubectlProtobufTests(KubectlProtobufTests.ServerFixture fixture) : IClassFixture<KubectlProtobufTests.ServerFixture>
{
    public static TheoryData<string, string[]> Commands => new()
    {
        { "configmap", ["create", "configmap", "cm1", "--from-literal=a=b", "--from-literal=c=d"] },
        { "secret", ["create", "secret", "generic", "s1", "--from-literal=user=admin", "--from-literal=empty="] },
        { "namespace", ["create", "namespace", "ns1"] },
        { "serviceaccount", ["create", "serviceaccount", "sa1"] },
        { "service clusterip", ["create", "service", "clusterip", "svc1", "--tcp=80:8080", "--tcp=443:https"] },
        { "service nodeport", ["create", "service", "nodeport", "np1", "--tcp=80:8080", "--node-port=30080"] },
        { "service externalname", ["create", "service", "externalname", "ext1", "--external-name=example.com"] },
        { "deployment", ["create", "deployment", "web", "--image=nginx:1.27", "--replicas=2", "--port=80"] },
        { "role", ["create", "role", "r1", "--verb=get,list", "--resource=pods,deployments.apps", "--resource-name=a"] },
        { "rolebinding", ["create", "rolebinding", "rb1", "--role=r1", "--user=alice", "--serviceaccount=default:sa1"] },
        { "clusterrole", ["create", "clusterrole", "cr1", "--verb=get", "--non-resource-url=/healthz"] },
        { "clusterrole aggregated", ["create", "clusterrole", "cr2", "--aggregation-rule=rbac.example.com/aggregate=true"] },
        { "clusterrolebinding", ["create", "clusterrolebinding", "crb1", "--clusterrole=cr1", "--group=devs"] },
        { "job", ["create", "job", "j1", "--image=busybox", "--", "echo", "hi"] },
        { "cronjob", ["create", "cronjob", "cj1", "--image=busybox", "--schedule=*/5 * * * *", "--restart=OnFailure", "--", "echo", "hi"] },
        { "quota", ["create", "quota", "q1", "--hard=pods=10,requests.cpu=500m,requests.memory=1Gi", "--scopes=NotTerminating"] },
        { "priorityclass", ["create", "priorityclass", "pc1", "--value=1000", "--description=test", "--preemption-policy=Never"] },
        { "poddisruptionbudget", ["create", "poddisruptionbudget", "pdb1", "--selector=app=web", "--min-available=50%"] },
        { "ingress", ["create", "ingress", "ing1", "--class=nginx", "--rule=foo.com/bar*=svc1:8080,tls=cert1", "--default-backend=svc2:http"] },
    };

    [KubectlTheory]
    [MemberData(nameof(Commands))]
    public async Task Create_DecodedProtobufBody_EqualsClientDryRunJson(string name, string[] args)
    {
        // Flags go before "--": what follows it is the container command.
        var split = Array.IndexOf(args, "--") is >= 0 and var i ? i : args.Length;
        var expected = await RunAsync([.. args[..split], "--dry-run=client", "-o", "json", .. args[split..]]);
        fixture.Server.Writes.Clear();

        await RunAsync(args);

        fixture.Server.Writes.Count.ShouldBe(1, name);
        fixture.Server.Writes.TryDequeue(out var write).ShouldBeTrue();
        write.ContentType.ShouldStartWith(KubeProtobuf.MediaType, customMessage: name);
        KubeProtobuf.TryDecode(write.Body, out var decoded, out var error).ShouldBeTrue(error);

        // Compared as text: the same fields, values and also the Go field order kubectl prints.
        decoded!.ToJsonString().ShouldBe(JsonNode.Parse(expected)!.ToJsonString(), name);
    }

    /// <summary>kubectl run builds its Pod through the unstructured helper, which sends JSON: nothing to decode.</summary>
    [KubectlTheory]
    [InlineData("p1")]
    public async Task Run_SendsJsonNotProtobuf(string pod)
    {
        fixture.Server.Writes.Clear();

        await RunAsync(["run", pod, "--image=busybox", "--restart=Never", "--command", "--", "sleep", "10"]);

        fixture.Server.Writes.TryDequeue(out var write).ShouldBeTrue();
        write.ContentType.ShouldStartWith("application/json");
        KubeProtobuf.TryDecode(write.Body, out _, out var error).ShouldBeFalse();
        error.ShouldStartWith("provided data does not appear to be a protobuf message");
    }

    [KubectlTheory]
    [InlineData("token")]
    public async Task CreateToken_DecodedProtobufBody_IsTokenRequest(string command)
    {
        fixture.Server.Writes.Clear();

        await KubectlRunner.RunAsync(fixture.Server.Kubeconfig(), ["create", command, "sa1", "--audience=api", "--duration=1h"]);

        fixture.Server.Writes.TryDequeue(out var write).ShouldBeTrue();
        write.Path.ShouldBe("/api/v1/namespaces/default/serviceaccounts/sa1/token");
        KubeProtobuf.TryDecode(write.Body, out var decoded, out var error).ShouldBeTrue(error);
        decoded!["kind"]!.GetValue<string>().ShouldBe("TokenRequest");
        decoded["spec"]!.ToJsonString().ShouldBe(Q("{'audiences':['api'],'expirationSeconds':3600}"));
    }

    private async Task<string> RunAsync(string[] args)
    {
        var (exitCode, stdout, stderr) = await KubectlRunner.RunAsync(fixture.Server.Kubeconfig(), args);
        exitCode.ShouldBe(0, $"kubectl {string.Join(' ', args)}: {stderr}");
        return stdout;
    }

    public sealed class ServerFixture : IAsyncLifetime
    {
        public KubectlCaptureServer Server { get; private set; } = null!;

        public async Task InitializeAsync() => Server = await KubectlCaptureServer.StartAsync();

        public async Task DisposeAsync() => await Server.DisposeAsync();
    }
}
