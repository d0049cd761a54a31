using System.Text.Json.Nodes;
using Lotse.Kube.Protobuf;

using static Lotse.Kube.Tests.Protobuf.TestJson;

namespace Lotse.Kube.Tests.Protobuf;

/// <summary>Time, MicroTime, Duration, IntOrString, Quantity, RawExtension, FieldsV1 and the full ObjectMeta.</summary>
public sealed class ProtobufSpecialTypesTests
{
    // 2006-01-02T15:04:05Z, Go's reference time.
    private const long ReferenceSeconds = 1136214245;

    [Fact]
    public void Time_SecondsAndNanos_Rfc3339WholeSeconds()
    {
        var json = Convert(ProtoSpecial.Time, new ProtoWriter().Int(1, ReferenceSeconds).Int(2, 999_999_999));

        json!.GetValue<string>().ShouldBe("2006-01-02T15:04:05Z");
    }

    [Fact]
    public void Time_EmptyMessage_IsNull() => Convert(ProtoSpecial.Time, new ProtoWriter()).ShouldBeNull();

    [Fact]
    public void Time_OutOfRange_Throws() =>
        Should.Throw<ProtobufFormatException>(() => Convert(ProtoSpecial.Time, new ProtoWriter().Int(1, long.MaxValue)));

    [Fact]
    public void MicroTime_Nanos_SixFractionalDigits()
    {
        var json = Convert(ProtoSpecial.MicroTime, new ProtoWriter().Int(1, ReferenceSeconds).Int(2, 123_456_789));

        json!.GetValue<string>().ShouldBe("2006-01-02T15:04:05.123456Z");
    }

    [Theory]
    [InlineData(0L, "0s")]
    [InlineData(1L, "1ns")]
    [InlineData(3_000L, "3µs")]
    [InlineData(250_000_000L, "250ms")]
    [InlineData(1_500_000_000L, "1.5s")]
    [InlineData(90_000_000_000L, "1m30s")]
    [InlineData(3_600_000_000_000L, "1h0m0s")]
    [InlineData(-1_500_000_000L, "-1.5s")]
    [InlineData(long.MinValue, "-2562047h47m16.854775808s")]
    public void Duration_Nanoseconds_GoString(long nanoseconds, string expected) =>
        Convert(ProtoSpecial.Duration, new ProtoWriter().Int(1, nanoseconds))!.GetValue<string>().ShouldBe(expected);

    [Fact]
    public void IntOrString_Int_IsNumber() =>
        Convert(ProtoSpecial.IntOrString, new ProtoWriter().Int(1, 0).Int(2, -8080).String(3, ""))!.ToJsonString().ShouldBe("-8080");

    [Fact]
    public void IntOrString_String_IsString() =>
        Convert(ProtoSpecial.IntOrString, new ProtoWriter().Int(1, 1).Int(2, 0).String(3, "25%"))!.ToJsonString().ShouldBe("\"25%\"");

    [Fact]
    public void Quantity_StringOrZero()
    {
        Convert(ProtoSpecial.Quantity, new ProtoWriter().String(1, "500m"))!.GetValue<string>().ShouldBe("500m");
        Convert(ProtoSpecial.Quantity, new ProtoWriter())!.GetValue<string>().ShouldBe("0");
    }

    [Fact]
    public void RawExtension_JsonBytes_Embedded() =>
        Convert(ProtoSpecial.RawExtension, new ProtoWriter().String(1, Q("{'a':[1,true]}")))!.ToJsonString().ShouldBe(Q("{'a':[1,true]}"));

    [Fact]
    public void RawExtension_NotJson_Throws() =>
        Should.Throw<ProtobufFormatException>(() => Convert(ProtoSpecial.RawExtension, new ProtoWriter().Bytes(1, [0x6B, 0x38, 0x73, 0])));

    [Fact]
    public void ObjectMeta_AllFields_GoJson()
    {
        var meta = new ProtoWriter()
            .String(1, "web").String(2, "web-").String(3, "prod").String(4, "").String(5, "0b6c").String(6, "42").Int(7, 3)
            .Message(8, t => t.Int(1, ReferenceSeconds))
            .Message(9, t => t.Int(1, ReferenceSeconds + 30))
            .Int(10, 0)
            .Entry(11, "app", "web")
            .Entry(12, "note", "")
            .Message(13, o => o.String(1, "ReplicaSet").String(3, "rs").String(4, "u1").String(5, "apps/v1").Bool(6, true))
            .String(14, "example.com/cleanup")
            .Message(17, m => m.String(1, "kubectl").String(2, "Update").String(3, "v1").Message(4, t => t.Int(1, ReferenceSeconds))
                .String(6, "FieldsV1").Message(7, f => f.String(1, Q("{'f:data':{'.':{}}}"))).String(8, ""));
        var body = ProtoWriter.Envelope("v1", "ConfigMap", new ProtoWriter().Message(1, meta));

        KubeProtobufTests.Decode(body).ShouldBe(
            Q("{'kind':'ConfigMap','apiVersion':'v1','metadata':{'name':'web','generateName':'web-','namespace':'prod','uid':'0b6c','resourceVersion':'42','generation':3,") +
            Q("'creationTimestamp':'2006-01-02T15:04:05Z','deletionTimestamp':'2006-01-02T15:04:35Z','deletionGracePeriodSeconds':0,") +
            Q("'labels':{'app':'web'},'annotations':{'note':''},") +
            Q("'ownerReferences':[{'apiVersion':'apps/v1','kind':'ReplicaSet','name':'rs','uid':'u1','controller':true}],") +
            Q("'finalizers':['example.com/cleanup'],") +
            Q("'managedFields':[{'manager':'kubectl','operation':'Update','apiVersion':'v1','time':'2006-01-02T15:04:05Z','fieldsType':'FieldsV1','fieldsV1':{'f:data':{'.':{}}}}]}}"));
    }

    [Fact]
    public void Event_MicroTimeAndNonOmitemptyReportingFields()
    {
        var body = ProtoWriter.Envelope("v1", "Event", new ProtoWriter()
            .Message(1, ProtoWriter.Metadata("e"))
            .Message(2, r => r.String(1, "Pod").String(3, "p"))
            .String(3, "Started").Message(5, new ProtoWriter()).Message(6, new ProtoWriter()).Message(7, new ProtoWriter()).Int(8, 1)
            .Message(10, t => t.Int(1, ReferenceSeconds).Int(2, 5_000)));

        KubeProtobufTests.Decode(body).ShouldBe(
            Q("{'kind':'Event','apiVersion':'v1','metadata':{'name':'e','creationTimestamp':null},'involvedObject':{'kind':'Pod','name':'p'},'reason':'Started',") +
            Q("'source':{},'firstTimestamp':null,'lastTimestamp':null,'count':1,'eventTime':'2006-01-02T15:04:05.000005Z','reportingComponent':'','reportingInstance':''}"));
    }

    private static JsonNode? Convert(ProtoSpecial special, ProtoWriter data) => ProtobufSpecialTypes.Convert(special, data.ToArray());
}
