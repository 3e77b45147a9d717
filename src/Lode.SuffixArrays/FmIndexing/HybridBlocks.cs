using System.Buffers.Binary;
using System.Numerics;

namespace Lode.SuffixArrays.FmIndexing;

/// <summary>Decoding and validation of the three payload encodings of one <see cref="HybridBitVector"/> block.</summary>
internal static class HybridBlocks
{
    private const int PositionMask = 0x7FFF;

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

    /// <summary>How many of the increasing positions are below <paramref name="offset"/>; whether one equals it.</summary>
    internal static int PositionsBelow(ReadOnlySpan<byte> entries, int offset, out bool hit)
    {
        int count = entries.Length / 2;
        int below = 0;
        while (below < count && BinaryPrimitives.ReadUInt16LittleEndian(entries[(below * 2)..]) < offset)
        {
            below++;
        }
        hit = below < count && BinaryPrimitives.ReadUInt16LittleEndian(entries[(below * 2)..]) == offset;
        return below;
    }

    /// <summary>Ones before <paramref name="offset"/> in a run-encoded block, and the bit at it.</summary>
    internal static int RunsRank(ReadOnlySpan<byte> entries, int offset, out bool bit)
    {
        int count = entries.Length / 2;
        bool value = (BinaryPrimitives.ReadUInt16LittleEndian(entries) & HybridBitVector.FirstRunFlag) != 0;
        int start = 0;
        int rank = 0;
        for (int t = 0; t < count; t++)
        {
            int boundary = BinaryPrimitives.ReadUInt16LittleEndian(entries[(t * 2)..]) & PositionMask;
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

    /// <summary>Strictly increasing positions in [<paramref name="first"/>, <paramref name="length"/>), no flag bits.</summary>
    internal static bool PositionsAreValid(ReadOnlySpan<byte> entries, int length, int first)
    {
        int previous = first - 1;
        for (int t = 0; t < entries.Length / 2; t++)
        {
            int position = BinaryPrimitives.ReadUInt16LittleEndian(entries[(t * 2)..]);
            if (position <= previous || position >= length)
            {
                return false;
            }
            previous = position;
        }
        return true;
    }

    internal static bool RunsAreValid(ReadOnlySpan<byte> entries, int length, int ones)
    {
        var copy = (Span<byte>)stackalloc byte[entries.Length];
        entries.CopyTo(copy);
        BinaryPrimitives.WriteUInt16LittleEndian(copy, (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(copy) & ~HybridBitVector.FirstRunFlag));
        if (!PositionsAreValid(copy, length, 1))
        {
            return false;
        }
        int total = RunsRank(entries, length - 1, out bool lastBit) + (lastBit ? 1 : 0);
        return total == ones;
    }
}
