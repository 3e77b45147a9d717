using System.Buffers.Binary;
using System.Numerics;

namespace Lode.IO;

/// <summary>
/// CRC-32C (Castagnoli, polynomial 0x1EDC6F41 reflected), as used by iSCSI, ext4 and RocksDB, computed with
/// the processor's CRC32 instruction where present (<see cref="BitOperations.Crc32C(uint, ulong)"/>).
/// The check value of the ASCII bytes "123456789" is 0xE3069283. Thread-safe (stateless).
/// </summary>
public static class Crc32C
{
    /// <summary>The CRC-32C of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>
    /// Extends <paramref name="crc"/> (the CRC of earlier bytes, or 0 for none) with <paramref name="data"/>,
    /// so that <c>Append(Compute(a), b) == Compute(a + b)</c>.
    /// </summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        uint state = ~crc;
        while (data.Length >= 8)
        {
            state = BitOperations.Crc32C(state, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }
        foreach (byte b in data)
        {
            state = BitOperations.Crc32C(state, b);
        }
        return ~state;
    }
}
