using System.Text;

namespace Lotse.Kube.Tests.Protobuf;

/// <summary>A tiny protobuf writer for building test vectors field by field (including malformed ones).</summary>
internal sealed class ProtoWriter
{
    private readonly MemoryStream _stream = new();

    public ProtoWriter Varint(int field, ulong value)
    {
        Tag(field, 0);
        RawVarint(value);
        return this;
    }

    public ProtoWriter Int(int field, long value) => Varint(field, unchecked((ulong)value));

    public ProtoWriter Bool(int field, bool value) => Varint(field, value ? 1UL : 0UL);

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Bytes(int field, byte[] value)
    {
        Tag(field, 2);
        RawVarint((ulong)value.Length);
        _stream.Write(value);
        return this;
    }

    public ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message.ToArray());

    public ProtoWriter Message(int field, Action<ProtoWriter> build)
    {
        var message = new ProtoWriter();
        build(message);
        return Message(field, message);
    }

    /// <summary>A map entry: key=1, value=2.</summary>
    public ProtoWriter Entry(int field, string key, string value) => Message(field, new ProtoWriter().String(1, key).String(2, value));

    public ProtoWriter Entry(int field, string key, byte[] value) => Message(field, new ProtoWriter().String(1, key).Bytes(2, value));

    public ProtoWriter Entry(int field, string key, ProtoWriter value) => Message(field, new ProtoWriter().String(1, key).Message(2, value));

    public ProtoWriter Fixed32(int field, uint value)
    {
        Tag(field, 5);
        _stream.Write(BitConverter.GetBytes(value));
        return this;
    }

    public ProtoWriter Fixed64(int field, ulong value)
    {
        Tag(field, 1);
        _stream.Write(BitConverter.GetBytes(value));
        return this;
    }

    public ProtoWriter Raw(params byte[] bytes)
    {
        _stream.Write(bytes);
        return this;
    }

    public byte[] ToArray() => _stream.ToArray();

    /// <summary>The body kubectl sends: magic + runtime.Unknown{typeMeta, raw, contentEncoding, contentType}.</summary>
    public static byte[] Envelope(string apiVersion, string kind, ProtoWriter obj, string contentEncoding = "")
    {
        var unknown = new ProtoWriter()
            .Message(1, new ProtoWriter().String(1, apiVersion).String(2, kind))
            .Message(2, obj)
            .String(3, contentEncoding)
            .String(4, "");
        return [.. "k8s\0"u8, .. unknown.ToArray()];
    }

    /// <summary>ObjectMeta as Go writes it for a new object: every non-pointer field, zero or not.</summary>
    public static ProtoWriter Metadata(string name) => new ProtoWriter()
        .String(1, name).String(2, "").String(3, "").String(4, "").String(5, "").String(6, "").Int(7, 0)
        .Message(8, new ProtoWriter());

    private void Tag(int field, int wireType) => RawVarint(((ulong)field << 3) | (uint)wireType);

    private void RawVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _stream.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        _stream.WriteByte((byte)value);
    }
}
