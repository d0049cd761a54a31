using System.Buffers.Binary;

namespace Lotse.Kube.Protobuf;

/// <summary>
/// Forward-only reader of the protobuf wire format over a span: no allocation, nested messages are
/// read by slicing (<see cref="ReadLengthDelimited"/>) and giving the slice to a new reader.
/// </summary>
internal ref struct ProtoReader(ReadOnlySpan<byte> buffer)
{
    private readonly ReadOnlySpan<byte> _buffer = buffer;
    private int _position;

    public readonly bool End => _position >= _buffer.Length;

    /// <summary>Reads a tag; throws for field number 0 or a wire type protobuf does not define.</summary>
    public (int Number, ProtoWireType WireType) ReadTag()
    {
        var tag = ReadVarint();
        var number = tag >> 3;
        var wireType = (ProtoWireType)(tag & 7);
        if (number == 0 || number > int.MaxValue || (int)wireType > 5)
        {
            throw new ProtobufFormatException($"invalid tag {tag} at offset {_position}");
        }

        return ((int)number, wireType);
    }

    public ulong ReadVarint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _buffer.Length)
            {
                throw new ProtobufFormatException("unexpected end of data in varint");
            }

            var b = _buffer[_position++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        throw new ProtobufFormatException("varint longer than 10 bytes");
    }

    public uint ReadFixed32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public ulong ReadFixed64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public ReadOnlySpan<byte> ReadLengthDelimited()
    {
        var length = ReadVarint();
        if (length > (ulong)(_buffer.Length - _position))
        {
            throw new ProtobufFormatException($"length {length} at offset {_position} runs past the end of the data");
        }

        return Take((int)length);
    }

    /// <summary>Skips a field of a number the schema does not know, so newer clients' fields are tolerated.</summary>
    public void Skip(ProtoWireType wireType)
    {
        switch (wireType)
        {
            case ProtoWireType.Varint:
                ReadVarint();
                break;
            case ProtoWireType.Fixed64:
                Take(8);
                break;
            case ProtoWireType.LengthDelimited:
                ReadLengthDelimited();
                break;
            case ProtoWireType.Fixed32:
                Take(4);
                break;
            default:
                // Groups are proto1-era; no Kubernetes message uses them.
                throw new ProtobufFormatException($"unsupported wire type {(int)wireType}");
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _buffer.Length - _position)
        {
            throw new ProtobufFormatException("unexpected end of data");
        }

        var slice = _buffer.Slice(_position, count);
        _position += count;
        return slice;
    }
}
