namespace Lode.Metadata.Storage;

/// <summary>Unsigned LEB128 integers (7 bits a byte, low bits first, high bit set on every byte but the last), as in protobuf.</summary>
internal static class Varint
{
    /// <summary>The most bytes a 64-bit value takes.</summary>
    public const int MaxBytes = 10;

    /// <summary>Writes <paramref name="value"/> at <paramref name="at"/>, advancing it.</summary>
    public static void Write(Span<byte> buffer, ref int at, ulong value)
    {
        while (value >= 0x80)
        {
            buffer[at++] = (byte)(value | 0x80);
            value >>= 7;
        }
        buffer[at++] = (byte)value;
    }

    /// <summary>Reads a value at <paramref name="at"/>, advancing it; false when the bytes end early or the value overflows 64 bits.</summary>
    public static bool TryRead(ReadOnlySpan<byte> buffer, ref int at, out ulong value)
    {
        value = 0;
        for (int shift = 0; shift < 64 && at < buffer.Length; shift += 7)
        {
            byte b = buffer[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return shift < 63 || b <= 1;
            }
        }
        return false;
    }
}
