using System.Buffers.Binary;
using System.Numerics;

namespace Lode.SuffixArrays.FmIndexing;

/// <summary>Decoding and validation of the three payload encodings of one <see cref="HybridBitVector"/> block.</summary>
internal static class HybridBlocks
{
    internal const int PositionBits = HybridBitVector.BlockShift;
    private const int PositionMask = (1 << PositionBits) - 1;

    /// <summary>Ones before <paramref name="offset"/> in a plain block, and the bit at it.</summary>
    internal static int PlainRank(ReadOnlySpan<byte> words, int offset, out bool bit)
    {
        int rank = 0;
        int word = offset >> 6;
        for (int w = 0; w < word; w++)
        {
            rank += BitOperations.PopCount(BinaryPrimitives.ReadUInt64LittleEndian(words[(w * 8)..]));
        }
        ulong last = BinaryPrimitives.ReadUInt64LittleEndian(words[(word * 8)..]);
        int shift = offset & 63;
        bit = ((last >> shift) & 1) != 0;
        return rank + BitOperations.PopCount(last & ((1UL << shift) - 1));
    }

    /// <summary>Bytes of <paramref name="count"/> packed 9-bit positions after <paramref name="lead"/> flag bits.</summary>
    internal static int PackedLength(int count, int lead) => (count * PositionBits + lead + 7) >> 3;

    /// <summary>The 9-bit position starting at bit <paramref name="bit"/> (LSB first) of <paramref name="payload"/>.</summary>
    internal static int Packed(ReadOnlySpan<byte> payload, int bit)
    {
        int at = bit >> 3;
        int word = payload[at] | (at + 1 < payload.Length ? payload[at + 1] << 8 : 0);
        return (word >> (bit & 7)) & PositionMask;
    }

    /// <summary>ORs a 9-bit <paramref name="value"/> into zeroed <paramref name="payload"/> at bit <paramref name="bit"/>.</summary>
    internal static void Pack(Span<byte> payload, int bit, int value)
    {
        int at = bit >> 3;
        int shifted = value << (bit & 7);
        payload[at] |= (byte)shifted;
        payload[at + 1] |= (byte)(shifted >> 8);
    }

    /// <summary>How many of the <paramref name="count"/> increasing positions are below <paramref name="offset"/>; whether one equals it.</summary>
    /// <remarks>A binary search: on positions that are not increasing (damage only <see cref="PositionsAreValid"/> sees) it returns some count in [0, count].</remarks>
    internal static int PositionsBelow(ReadOnlySpan<byte> payload, int count, int offset, out bool hit)
    {
        int below = 0;
        int above = count;
        while (below < above)
        {
            int middle = (below + above) >>> 1;
            if (Packed(payload, middle * PositionBits) < offset)
            {
                below = middle + 1;
            }
            else
            {
                above = middle;
            }
        }
        hit = below < count && Packed(payload, below * PositionBits) == offset;
        return below;
    }

    /// <summary>The number of run starts in a run-encoded payload of <paramref name="length"/> bytes.</summary>
    internal static int RunCount(int length) => (8 * length - 1) / PositionBits;

    /// <summary>Ones before <paramref name="offset"/> in a run-encoded block, and the bit at it.</summary>
    internal static int RunsRank(ReadOnlySpan<byte> payload, int offset, out bool bit)
    {
        int count = RunCount(payload.Length);
        bool value = (payload[0] & 1) != 0;
        int start = 0;
        int rank = 0;
        for (int t = 0; t < count; t++)
        {
            int boundary = Packed(payload, 1 + t * PositionBits);
            if (offset < boundary)
            {
                break;
            }
            rank += value ? boundary - start : 0;
            start = boundary;
            value = !value;
        }
        bit = value;
        return rank + (value ? offset - start : 0);
    }

    internal static bool PlainIsValid(ReadOnlySpan<byte> words, int length, int ones)
    {
        int total = PlainRank(words, HybridBitVector.BlockBits - 1, out bool lastBit) + (lastBit ? 1 : 0);
        int inside = length == HybridBitVector.BlockBits ? total : PlainRank(words, length, out _);
        return total == ones && inside == ones;
    }

    /// <summary>
    /// <paramref name="count"/> strictly increasing positions from bit <paramref name="lead"/>, in
    /// [<paramref name="first"/>, <paramref name="length"/>).
    /// </summary>
    internal static bool PositionsAreValid(ReadOnlySpan<byte> payload, int count, int lead, int length, int first)
    {
        int previous = first - 1;
        for (int t = 0; t < count; t++)
        {
            int position = Packed(payload, lead + t * PositionBits);
            if (position <= previous || position >= length)
            {
                return false;
            }
            previous = position;
        }
        return true;
    }

    internal static bool RunsAreValid(ReadOnlySpan<byte> payload, int length, int ones)
    {
        int count = RunCount(payload.Length);
        if (count < 1 || PackedLength(count, 1) != payload.Length || !PositionsAreValid(payload, count, 1, length, 1))
        {
            return false;
        }
        int total = RunsRank(payload, length - 1, out bool lastBit) + (lastBit ? 1 : 0);
        return total == ones;
    }
}
