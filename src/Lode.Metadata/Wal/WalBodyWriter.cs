using System.Buffers.Binary;

namespace Lode.Metadata.Wal;

/// <summary>Appends little-endian fields to a record body. The caller sized the body exactly.</summary>
internal ref struct WalBodyWriter(Span<byte> body)
{
    private readonly Span<byte> _body = body;
    private int _at;

    /// <summary>The bytes written so far.</summary>
    public readonly int Written => _at;

    /// <summary>Appends a u32 length.</summary>
    public void Length(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_body[_at..], value);
        _at += 4;
    }

    /// <summary>Appends one byte.</summary>
    public void Byte(byte value) => _body[_at++] = value;

    /// <summary>Appends raw bytes.</summary>
    public void Bytes(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_body[_at..]);
        _at += bytes.Length;
    }
}
