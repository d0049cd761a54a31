using System.Text.Json.Nodes;
using Lotse.Kube.Protobuf;

using static Lotse.Kube.Tests.Protobuf.TestJson;

namespace Lotse.Kube.Tests.Protobuf;

/// <summary>Nested PodSpec, inline embedded structs, repeated messages and the workload kinds.</summary>
public sealed class ProtobufWorkloadTests
{
    [Fact]
    public void TryDecode_Pod_NestedSpecWithInlineStructs()
    {
        var container = new ProtoWriter()
            .String(1, "app").String(2, "nginx").String(3, "sh").String(3, "-c").String(4, "run")
            .Message(6, p => p.String(1, "http").Int(2, 0).Int(3, 8080).String(4, "TCP").String(5, ""))
            .Message(7, e => e.String(1, "A").String(2, "B"))
            .Message(7, e => e.String(1, "PASSWORD").String(2, "").Message(3, s => s.Message(4, k => k.Message(1, r => r.String(1, "db")).String(2, "pw"))))
            .Message(8, r => r.Entry(1, "cpu", new ProtoWriter().String(1, "500m")).Entry(2, "memory", new ProtoWriter().String(1, "64Mi")))
            .Message(9, m => m.String(1, "config").Bool(2, true).String(3, "/etc/app").String(4, "").String(6, ""))
            .Message(10, p => p.Message(1, h => h.Message(2, g => g.String(1, "/healthz").Message(2, t => t.Int(1, 1).String(3, "http")).String(3, "").String(4, "HTTP")))
                .Int(2, 5).Int(3, 1).Int(4, 10).Int(5, 1).Int(6, 3))
            .String(13, "/dev/termination-log").String(20, "File").String(14, "IfNotPresent")
            .Message(15, s => s.Bool(5, true).Message(1, c => c.String(2, "ALL")))
            .Bool(16, false).Bool(17, false).Bool(18, false);
        var spec = new ProtoWriter()
            .Message(1, v => v.String(1, "config").Message(2, s => s.Message(19, c => c.Message(1, r => r.String(1, "app-config")).Int(3, 420))))
            .Message(1, v => v.String(1, "scratch").Message(2, s => s.Message(2, e => e.String(1, ""))))
            .Message(2, container)
            .String(3, "Always").Int(4, 0).String(6, "ClusterFirst").Entry(7, "disk", "ssd")
            .String(8, "").Bool(11, false)
            .Message(14, s => s.Varint(4, 1000).Raw(0x22, 0x02, 0xE8, 0x07).Int(5, 2000))
            .Message(22, t => t.String(1, "dedicated").String(2, "Equal").String(3, "gpu").String(4, "NoSchedule"))
            .String(19, "default-scheduler").Bool(30, true);
        var body = ProtoWriter.Envelope("v1", "Pod", new ProtoWriter().Message(1, ProtoWriter.Metadata("p")).Message(2, spec).Message(3, new ProtoWriter()));

        KubeProtobufTests.Decode(body).ShouldBe(
            Q("{'kind':'Pod','apiVersion':'v1','metadata':{'name':'p','creationTimestamp':null},'spec':{") +
            Q("'volumes':[{'name':'config','configMap':{'name':'app-config','defaultMode':420}},{'name':'scratch','emptyDir':{}}],") +
            Q("'containers':[{'name':'app','image':'nginx','command':['sh','-c'],'args':['run'],'ports':[{'name':'http','containerPort':8080,'protocol':'TCP'}],") +
            Q("'env':[{'name':'A','value':'B'},{'name':'PASSWORD','valueFrom':{'secretKeyRef':{'name':'db','key':'pw'}}}],") +
            Q("'resources':{'limits':{'cpu':'500m'},'requests':{'memory':'64Mi'}},") +
            Q("'volumeMounts':[{'name':'config','readOnly':true,'mountPath':'/etc/app'}],") +
            Q("'livenessProbe':{'httpGet':{'path':'/healthz','port':'http','scheme':'HTTP'},'initialDelaySeconds':5,'timeoutSeconds':1,'periodSeconds':10,'successThreshold':1,'failureThreshold':3},") +
            Q("'terminationMessagePath':'/dev/termination-log','terminationMessagePolicy':'File','imagePullPolicy':'IfNotPresent',") +
            Q("'securityContext':{'capabilities':{'drop':['ALL']},'runAsNonRoot':true}}],") +
            Q("'restartPolicy':'Always','terminationGracePeriodSeconds':0,'dnsPolicy':'ClusterFirst','nodeSelector':{'disk':'ssd'},") +
            Q("'securityContext':{'supplementalGroups':[1000,1000],'fsGroup':2000},") +
            Q("'schedulerName':'default-scheduler','tolerations':[{'key':'dedicated','operator':'Equal','value':'gpu','effect':'NoSchedule'}],") +
            Q("'enableServiceLinks':true},'status':{}}"));
    }

    [Fact]
    public void TryDecode_DeploymentWithoutSelector_NullSelectorAndZeroStructs()
    {
        var body = ProtoWriter.Envelope("apps/v1", "Deployment", new ProtoWriter()
            .Message(1, ProtoWriter.Metadata("d"))
            .Message(2, s => s.Int(1, 0).Message(3, t => t.Message(1, ProtoWriter.Metadata(""))).Int(5, 0).Bool(7, false))
            .Message(3, new ProtoWriter()));

        KubeProtobufTests.Decode(body).ShouldBe(
            Q("{'kind':'Deployment','apiVersion':'apps/v1','metadata':{'name':'d','creationTimestamp':null},'spec':{'replicas':0,'selector':null,") +
            Q("'template':{'metadata':{'creationTimestamp':null},'spec':{'containers':null}},'strategy':{}},'status':{}}"));
    }

    [Fact]
    public void TryDecode_DeploymentStrategy_IntOrStringPointers()
    {
        var body = ProtoWriter.Envelope("apps/v1", "Deployment", new ProtoWriter()
            .Message(2, s => s
                .Message(2, l => l.Entry(1, "app", "web").Message(2, r => r.String(1, "tier").String(2, "In").String(3, "a").String(3, "b")))
                .Message(4, st => st.String(1, "RollingUpdate").Message(2, r => r.Message(1, i => i.Int(1, 1).String(3, "25%")).Message(2, i => i.Int(1, 0).Int(2, 1))))));

        var spec = Decode(body)["spec"]!;

        spec["selector"]!.ToJsonString().ShouldBe(Q("{'matchLabels':{'app':'web'},'matchExpressions':[{'key':'tier','operator':'In','values':['a','b']}]}"));
        spec["strategy"]!.ToJsonString().ShouldBe(Q("{'type':'RollingUpdate','rollingUpdate':{'maxUnavailable':'25%','maxSurge':1}}"));
    }

    [Fact]
    public void TryDecode_PodDisruptionBudget_NonOmitemptyStatusCountersAndTimeMap()
    {
        var body = ProtoWriter.Envelope("policy/v1", "PodDisruptionBudget", new ProtoWriter()
            .Message(3, s => s.Entry(2, "p1", new ProtoWriter().Int(1, 1136214245)).Int(5, 2)));

        Decode(body)["status"]!.ToJsonString().ShouldBe(
            Q("{'disruptedPods':{'p1':'2006-01-02T15:04:05Z'},'disruptionsAllowed':0,'currentHealthy':0,'desiredHealthy':2,'expectedPods':0}"));
    }

    [Fact]
    public void TryDecode_ClusterRoleBinding_SharesRoleBindingSchema()
    {
        var body = ProtoWriter.Envelope("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", new ProtoWriter()
            .Message(1, ProtoWriter.Metadata("crb"))
            .Message(2, s => s.String(1, "Group").String(2, "rbac.authorization.k8s.io").String(3, "devs").String(4, ""))
            .Message(3, r => r.String(1, "rbac.authorization.k8s.io").String(2, "ClusterRole").String(3, "view")));

        KubeProtobufTests.Decode(body).ShouldBe(
            Q("{'kind':'ClusterRoleBinding','apiVersion':'rbac.authorization.k8s.io/v1','metadata':{'name':'crb','creationTimestamp':null},") +
            Q("'subjects':[{'kind':'Group','apiGroup':'rbac.authorization.k8s.io','name':'devs'}],'roleRef':{'apiGroup':'rbac.authorization.k8s.io','kind':'ClusterRole','name':'view'}}"));
    }

    [Fact]
    public void Schema_EveryRegisteredKind_DecodesAnEmptyObject()
    {
        foreach (var (apiVersion, kind) in ProtobufSchema.RegisteredKinds)
        {
            var obj = Decode(ProtoWriter.Envelope(apiVersion, kind, new ProtoWriter()));

            obj["kind"]!.GetValue<string>().ShouldBe(kind);
            obj["metadata"]!.ToJsonString().ShouldBe(Q("{'creationTimestamp':null}"), kind);
        }
    }

    private static JsonObject Decode(byte[] body) => (JsonObject)JsonNode.Parse(KubeProtobufTests.Decode(body))!;
}
