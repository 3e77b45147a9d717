using System.Buffers.Binary;

namespace Lode.Metadata.Wal;

/// <summary>
/// Reads a record body field by field, every length checked against the bytes left, so a record that passed its
/// CRC but carries impossible lengths (a writer bug, or a forged record) is reported, never read out of bounds.
/// </summary>
internal ref struct WalBodyReader(ReadOnlySpan<byte> body)
{
    private ReadOnlySpan<byte> _rest = body;

    /// <summary>True when every byte of the body has been read.</summary>
    public readonly bool AtEnd => _rest.IsEmpty;

    /// <summary>Reads a u32 length no larger than <paramref name="max"/>; false when the body is too short or the length too big.</summary>
    public bool TryLength(int max, out int length)
    {
        length = 0;
        if (_rest.Length < 4)
        {
            return false;
        }
        uint value = BinaryPrimitives.ReadUInt32LittleEndian(_rest);
        _rest = _rest[4..];
        length = (int)Math.Min(value, int.MaxValue);
        return value <= (uint)max;
    }

    /// <summary>Reads one byte; false at the end.</summary>
    public bool TryByte(out byte value)
    {
        value = 0;
        if (_rest.IsEmpty)
        {
            return false;
        }
        value = _rest[0];
        _rest = _rest[1..];
        return true;
    }

    /// <summary>Reads <paramref name="length"/> bytes; false when fewer are left.</summary>
    public bool TryBytes(int length, out ReadOnlySpan<byte> bytes)
    {
        bytes = default;
        if (_rest.Length < length)
        {
            return false;
        }
        bytes = _rest[..length];
        _rest = _rest[length..];
        return true;
    }
}
