using Lotse.Kube.Protobuf;

namespace Lotse.Kube.Tests.Protobuf;

public sealed class ProtoReaderTests
{
    [Theory]
    [InlineData(new byte[] { 0x00 }, 0UL)]
    [InlineData(new byte[] { 0x96, 0x01 }, 150UL)]
    [InlineData(new byte[] { 0xAC, 0x02 }, 300UL)]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, ulong.MaxValue)]
    public void ReadVarint_ValidEncoding_ReturnsValue(byte[] bytes, ulong expected)
    {
        var reader = new ProtoReader(bytes);

        reader.ReadVarint().ShouldBe(expected);
        reader.End.ShouldBeTrue();
    }

    [Theory]
    [InlineData(new byte[] { 0x96 })]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })]
    public void ReadVarint_TruncatedOrTooLong_Throws(byte[] bytes) =>
        Should.Throw<ProtobufFormatException>(() => new ProtoReader(bytes).ReadVarint());

    [Fact]
    public void ReadFixed_LittleEndian_ReturnsValue()
    {
        var bytes = new ProtoWriter().Fixed32(1, 0x01020304).Fixed64(2, 0x0102030405060708).ToArray();
        var reader = new ProtoReader(bytes);

        reader.ReadTag().ShouldBe((1, ProtoWireType.Fixed32));
        reader.ReadFixed32().ShouldBe(0x01020304u);
        reader.ReadTag().ShouldBe((2, ProtoWireType.Fixed64));
        reader.ReadFixed64().ShouldBe(0x0102030405060708ul);
        reader.End.ShouldBeTrue();
    }

    [Fact]
    public void ReadLengthDelimited_LengthPastEnd_Throws()
    {
        var bytes = new byte[] { 0x0A, 0x05, 0x61, 0x62 };

        var error = Should.Throw<ProtobufFormatException>(() =>
        {
            var reader = new ProtoReader(bytes);
            reader.ReadTag();
            reader.ReadLengthDelimited();
        });

        error.Message.ShouldContain("runs past the end");
    }

    [Theory]
    [InlineData(new byte[] { 0x00 })]
    [InlineData(new byte[] { 0x0E })]
    public void ReadTag_FieldZeroOrUndefinedWireType_Throws(byte[] bytes) =>
        Should.Throw<ProtobufFormatException>(() => new ProtoReader(bytes).ReadTag());

    [Fact]
    public void Skip_EveryWireType_LandsOnNextField()
    {
        var bytes = new ProtoWriter()
            .Varint(1, 1UL << 40).Fixed64(2, 7).String(3, "skipped").Fixed32(4, 9).String(5, "next")
            .ToArray();
        var reader = new ProtoReader(bytes);

        for (var i = 0; i < 4; i++)
        {
            reader.Skip(reader.ReadTag().WireType);
        }

        reader.ReadTag().ShouldBe((5, ProtoWireType.LengthDelimited));
        reader.ReadLengthDelimited().ToArray().ShouldBe("next"u8.ToArray());
    }

    [Fact]
    public void Skip_Group_Throws() =>
        Should.Throw<ProtobufFormatException>(() => new ProtoReader([]).Skip(ProtoWireType.StartGroup));
}
