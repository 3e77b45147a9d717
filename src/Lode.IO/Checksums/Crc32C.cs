using System.Buffers.Binary;
using System.Numerics;

namespace Lode.IO;

/// <summary>
/// CRC-32C (Castagnoli, polynomial 0x1EDC6F41 reflected), as used by iSCSI, ext4 and RocksDB, computed with
/// the processor's CRC32 instruction where present (<see cref="BitOperations.Crc32C(uint, ulong)"/>).
/// The check value of the ASCII bytes "123456789" is 0xE3069283. Thread-safe (stateless).
/// </summary>
/// <remarks>
/// The instruction has a latency of three cycles and a throughput of one, so inputs of at least three stripes are
/// computed as three independent CRCs of adjacent 1 KiB stripes, interleaved, then joined (Gopal et al., "Fast CRC
/// Computation for iSCSI Polynomial Using CRC32 Instruction", Intel, 2011): the CRC register is linear over GF(2), so
/// the state after stripes A‖B‖C is Z(Z(a) ⊕ b) ⊕ c, where a, b, c are the states after each stripe alone (b and c
/// started from 0) and Z is the linear map "feed 1 KiB of zeros", applied through four 256-entry tables.
/// </remarks>
public static class Crc32C
{
    private const int StripeBytes = 1024;

    /// <summary>Z as four byte tables: Z(s) = T0[s &amp; 0xFF] ⊕ T1[(s &gt;&gt; 8) &amp; 0xFF] ⊕ T2[…] ⊕ T3[s &gt;&gt; 24].</summary>
    private static readonly uint[] s_zeros = ZerosTables();

    /// <summary>The CRC-32C of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>
    /// Extends <paramref name="crc"/> (the CRC of earlier bytes, or 0 for none) with <paramref name="data"/>,
    /// so that <c>Append(Compute(a), b) == Compute(a + b)</c>.
    /// </summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        uint state = ~crc;
        while (data.Length >= 3 * StripeBytes)
        {
            uint a = state, b = 0, c = 0;
            var first = data[..StripeBytes];
            var second = data.Slice(StripeBytes, StripeBytes);
            var third = data.Slice(2 * StripeBytes, StripeBytes);
            for (int i = 0; i < StripeBytes; i += 8)
            {
                a = BitOperations.Crc32C(a, BinaryPrimitives.ReadUInt64LittleEndian(first[i..]));
                b = BitOperations.Crc32C(b, BinaryPrimitives.ReadUInt64LittleEndian(second[i..]));
                c = BitOperations.Crc32C(c, BinaryPrimitives.ReadUInt64LittleEndian(third[i..]));
            }
            state = FeedZeros(FeedZeros(a) ^ b) ^ c;
            data = data[(3 * StripeBytes)..];
        }
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

    /// <summary>The register after feeding one stripe of zero bytes from <paramref name="state"/>.</summary>
    private static uint FeedZeros(uint state)
    {
        var tables = s_zeros;
        return tables[(int)(state & 0xFF)] ^ tables[256 + (int)((state >> 8) & 0xFF)]
            ^ tables[512 + (int)((state >> 16) & 0xFF)] ^ tables[768 + (int)(state >> 24)];
    }

    private static uint[] ZerosTables()
    {
        // Z of each basis bit, by feeding the zeros; then each table entry is the XOR of the bits' images.
        Span<uint> basis = stackalloc uint[32];
        for (int bit = 0; bit < 32; bit++)
        {
            uint state = 1u << bit;
            for (int i = 0; i < StripeBytes; i += 8)
            {
                state = BitOperations.Crc32C(state, 0UL);
            }
            basis[bit] = state;
        }
        var tables = new uint[4 * 256];
        for (int table = 0; table < 4; table++)
        {
            for (int value = 1; value < 256; value++)
            {
                uint image = 0;
                for (int bit = 0; bit < 8; bit++)
                {
                    if ((value & (1 << bit)) != 0)
                    {
                        image ^= basis[(8 * table) + bit];
                    }
                }
                tables[(256 * table) + value] = image;
            }
        }
        return tables;
    }
}
