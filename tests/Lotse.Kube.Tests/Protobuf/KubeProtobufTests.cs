using Lotse.Kube.Protobuf;

using static Lotse.Kube.Tests.Protobuf.TestJson;

namespace Lotse.Kube.Tests.Protobuf;

/// <summary>The envelope, errors and the core/v1 kinds of the first group.</summary>
public sealed class KubeProtobufTests
{
    [Fact]
    public void TryDecode_ConfigMap_WritesKindApiVersionThenGoFieldOrder()
    {
        var body = ProtoWriter.Envelope("v1", "ConfigMap", new ProtoWriter()
            .Message(1, ProtoWriter.Metadata("x").Entry(11, "app", "web"))
            .Entry(2, "b", "2").Entry(2, "a", "1"));

        Decode(body).ShouldBe(Q("{'kind':'ConfigMap','apiVersion':'v1','metadata':{'name':'x','creationTimestamp':null,'labels':{'app':'web'}},'data':{'a':'1','b':'2'}}"));
    }

    [Fact]
    public void TryDecode_Secret_BytesAsBase64AndPointerFalseKept()
    {
        var body = ProtoWriter.Envelope("v1", "Secret", new ProtoWriter()
            .Message(1, ProtoWriter.Metadata("s"))
            .Bool(5, false)
            .Entry(2, "bin", [0, 1, 255]).Entry(2, "empty", [])
            .Entry(4, "plain", "text")
            .String(3, "Opaque"));

        Decode(body).ShouldBe(Q("{'kind':'Secret','apiVersion':'v1','metadata':{'name':'s','creationTimestamp':null},'immutable':false,'data':{'bin':'AAH/','empty':''},'stringData':{'plain':'text'},'type':'Opaque'}"));
    }

    [Fact]
    public void TryDecode_NamespaceWithoutSpecOrStatus_WritesEmptyStructsAsGoDoes()
    {
        var body = ProtoWriter.Envelope("v1", "Namespace", new ProtoWriter().Message(1, ProtoWriter.Metadata("ns")));

        Decode(body).ShouldBe(Q("{'kind':'Namespace','apiVersion':'v1','metadata':{'name':'ns','creationTimestamp':null},'spec':{},'status':{}}"));
    }

    [Fact]
    public void TryDecode_NamespaceConditions_RequiredFieldsAndNullTime()
    {
        var body = ProtoWriter.Envelope("v1", "Namespace", new ProtoWriter()
            .Message(1, ProtoWriter.Metadata("ns"))
            .Message(2, s => s.String(1, "kubernetes"))
            .Message(3, s => s.String(1, "Terminating").Message(2, c => c.String(1, "NamespaceDeletionContentFailure").String(2, "").Message(4, new ProtoWriter()))));

        Decode(body).ShouldBe(Q("{'kind':'Namespace','apiVersion':'v1','metadata':{'name':'ns','creationTimestamp':null},'spec':{'finalizers':['kubernetes']},'status':{'phase':'Terminating','conditions':[{'type':'NamespaceDeletionContentFailure','status':'','lastTransitionTime':null}]}}"));
    }

    [Fact]
    public void TryDecode_ServiceAccount_ObjectReferencesAndAutomount()
    {
        var body = ProtoWriter.Envelope("v1", "ServiceAccount", new ProtoWriter()
            .Message(1, ProtoWriter.Metadata("sa"))
            .Message(2, r => r.String(1, "Secret").String(3, "token").String(2, ""))
            .Message(3, r => r.String(1, "pull"))
            .Bool(4, false));

        Decode(body).ShouldBe(Q("{'kind':'ServiceAccount','apiVersion':'v1','metadata':{'name':'sa','creationTimestamp':null},'secrets':[{'kind':'Secret','name':'token'}],'imagePullSecrets':[{'name':'pull'}],'automountServiceAccountToken':false}"));
    }

    [Fact]
    public void TryDecode_Service_PortsWithIntOrStringAndSortedSelector()
    {
        var body = ProtoWriter.Envelope("v1", "Service", new ProtoWriter()
            .Message(1, ProtoWriter.Metadata("svc"))
            .Message(2, spec => spec
                .Message(1, p => p.String(1, "http").String(2, "TCP").Int(3, 80).Message(4, t => t.Int(1, 0).Int(2, 8080).String(3, "")).Int(5, 0))
                .Message(1, p => p.String(1, "web").String(2, "TCP").Int(3, 443).Message(4, t => t.Int(1, 1).Int(2, 0).String(3, "https")).Int(5, 0))
                .Entry(2, "tier", "front").Entry(2, "app", "web")
                .String(3, "None").String(4, "ClusterIP").String(7, "None").String(10, "")
                .String(19, "IPv4").String(17, "SingleStack"))
            .Message(3, s => s.Message(1, new ProtoWriter())));

        Decode(body).ShouldBe(
            Q("{'kind':'Service','apiVersion':'v1','metadata':{'name':'svc','creationTimestamp':null},'spec':{'ports':[") +
            Q("{'name':'http','protocol':'TCP','port':80,'targetPort':8080},{'name':'web','protocol':'TCP','port':443,'targetPort':'https'}],") +
            Q("'selector':{'app':'web','tier':'front'},'clusterIP':'None','type':'ClusterIP','sessionAffinity':'None','ipFamilies':['IPv4'],'ipFamilyPolicy':'SingleStack'},") +
            Q("'status':{'loadBalancer':{}}}"));
    }

    [Fact]
    public void TryDecode_Endpoints_RequiredIpAndPort()
    {
        var body = ProtoWriter.Envelope("v1", "Endpoints", new ProtoWriter()
            .Message(1, ProtoWriter.Metadata("ep"))
            .Message(2, s => s.Message(1, a => a.String(1, "10.0.0.1").Message(2, r => r.String(1, "Pod").String(3, "p"))).Message(3, p => p.String(1, "").Int(2, 80))));

        Decode(body).ShouldBe(Q("{'kind':'Endpoints','apiVersion':'v1','metadata':{'name':'ep','creationTimestamp':null},'subsets':[{'addresses':[{'ip':'10.0.0.1','targetRef':{'kind':'Pod','name':'p'}}],'ports':[{'port':80}]}]}"));
    }

    [Fact]
    public void TryDecode_UnknownFieldNumbers_AreSkipped()
    {
        var plain = new ProtoWriter().Message(1, ProtoWriter.Metadata("x")).Entry(2, "a", "b");
        var extended = new ProtoWriter().Message(1, ProtoWriter.Metadata("x").Varint(99, 5).String(98, "future"))
            .Fixed32(50, 1).Entry(2, "a", "b").Fixed64(51, 2).String(52, "new").Varint(53, 1);

        Decode(ProtoWriter.Envelope("v1", "ConfigMap", extended)).ShouldBe(Decode(ProtoWriter.Envelope("v1", "ConfigMap", plain)));
    }

    [Fact]
    public void TryDecode_UnknownKind_FailsLikeTheScheme()
    {
        KubeProtobuf.TryDecode(ProtoWriter.Envelope("v1", "Foo", new ProtoWriter()), out var obj, out var error).ShouldBeFalse();

        obj.ShouldBeNull();
        error.ShouldStartWith(Q("no kind 'Foo' is registered for version 'v1' in scheme"));
    }

    [Fact]
    public void TryDecode_KnownKindInOtherVersion_Fails() =>
        KubeProtobuf.TryDecode(ProtoWriter.Envelope("apps/v1beta1", "Deployment", new ProtoWriter()), out _, out _).ShouldBeFalse();

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x7B, 0x7D })]
    [InlineData(new byte[] { 0x6B, 0x38, 0x73 })]
    public void TryDecode_WithoutMagic_Fails(byte[] body)
    {
        KubeProtobuf.TryDecode(body, out _, out var error).ShouldBeFalse();

        error.ShouldBe("provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]");
    }

    [Fact]
    public void TryDecode_WrongWireTypeForKnownField_Fails()
    {
        KubeProtobuf.TryDecode(ProtoWriter.Envelope("v1", "ConfigMap", new ProtoWriter().Varint(1, 3)), out _, out var error).ShouldBeFalse();

        error.ShouldBe("unable to decode protobuf body: ConfigMap.metadata (field 1): wire type 0, expected 2");
    }

    [Fact]
    public void TryDecode_EveryTruncation_FailsCleanlyOrDecodes()
    {
        var body = ProtoWriter.Envelope("v1", "ConfigMap", new ProtoWriter().Message(1, ProtoWriter.Metadata("x")).Entry(2, "key", "value"));
        var typeMetaEnd = 4 + 2 + body[5]; // magic, then tag and one-byte length of typeMeta
        var rawEnd = body.Length - 4; // contentEncoding "" and contentType "" are 2 bytes each

        for (var length = 4; length < body.Length; length++)
        {
            // A cut on a field boundary is a valid (shorter) message; a cut inside a field is not.
            var ok = KubeProtobuf.TryDecode(body.AsSpan(0, length), out _, out var error);
            if ((length > 4 && length < typeMetaEnd) || (length > typeMetaEnd && length < rawEnd))
            {
                ok.ShouldBeFalse($"prefix of {length} bytes");
                error.ShouldNotBeNullOrEmpty();
            }
        }
    }

    [Fact]
    public void TryDecode_ContentEncoding_IsRefused()
    {
        KubeProtobuf.TryDecode(ProtoWriter.Envelope("v1", "ConfigMap", new ProtoWriter(), "gzip"), out _, out var error).ShouldBeFalse();

        error.ShouldBe("unsupported protobuf content encoding \"gzip\"");
    }

    internal static string Decode(byte[] body)
    {
        KubeProtobuf.TryDecode(body, out var obj, out var error).ShouldBeTrue(error);
        error.ShouldBeNull();
        return obj!.ToJsonString();
    }
}
