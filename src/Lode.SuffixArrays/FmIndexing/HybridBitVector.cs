using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Lode.SuffixArrays.FmIndexing;

/// <summary>
/// A read-only compressed bitvector of at most 65,536 bits inside a section (whose bytes every call is given), after the hybrid
/// bitvector of Kärkkäinen, Kempa and Puglisi ("Hybrid compression of bitvectors for the FM-index", DCC
/// 2014): the bits are cut into 512-bit blocks, each stored in whichever of four encodings is smallest.
/// </summary>
/// <remarks>
/// Layout: a directory of <c>blocks + 1</c> entries of (u16 ones before the block, u16 payload offset),
/// the last entry holding the totals, then the payloads. A block's encoding follows from its payload
/// length L and its ones count k1 (with k = min(k1, blockLength − k1)): L = 0 — all zeros or all ones;
/// L = 64 — the plain 512 bits (8 little-endian u64, zero padded); L = ⌈9k/8⌉ — the k positions of the
/// minority bit, increasing, 9 bits each packed LSB first; any other L &lt; 64 — one bit giving the first
/// run's value, then the r = ⌊(8L − 1)/9⌋ positions where a new run starts, increasing, 9 bits each.
/// </remarks>
internal readonly struct HybridBitVector
{
    internal const int BlockShift = 9;
    internal const int BlockBits = 1 << BlockShift;
    internal const int PlainBytes = BlockBits / 8;
    internal const int MaxLength = 1 << 16;

    private readonly int _directory;
    private readonly int _payload;

    private HybridBitVector(int directory, int length)
    {
        _directory = directory;
        Length = length;
        _payload = directory + (BlockCount(length) + 1) * 4;
    }

    /// <summary>The number of bits.</summary>
    internal int Length { get; }

    internal static int BlockCount(int length) => (length + BlockBits - 1) >> BlockShift;

    /// <summary>The number of ones among the first <paramref name="i"/> bits, 0 ≤ i ≤ Length; <paramref name="data"/> is the section parsed.</summary>
    internal int Rank1(ReadOnlySpan<byte> data, int i)
    {
        Debug.Assert((uint)i <= (uint)Length);
        int block = i >> BlockShift;
        int offset = i & (BlockBits - 1);
        return offset == 0 ? Rank(data, block, out _) : RankThrough(data, block, offset, out _);
    }

    /// <summary>Rank1(i) and the bit at <paramref name="i"/>, 0 ≤ i &lt; Length, in one block decode.</summary>
    internal int Rank1(ReadOnlySpan<byte> data, int i, out bool bit)
    {
        Debug.Assert((uint)i < (uint)Length);
        return RankThrough(data, i >> BlockShift, i & (BlockBits - 1), out bit);
    }

    /// <summary>
    /// Checks the structure at <paramref name="offset"/> for a vector of <paramref name="length"/> bits
    /// with <paramref name="ones"/> ones, entirely below <paramref name="limit"/>; returns it and its end.
    /// </summary>
    /// <remarks>
    /// O(1) per block, reading only the directory: the first entry is (0, 0) and the last holds
    /// <paramref name="ones"/>; per block, ones within the block's length, a payload offset that does not
    /// decrease, a payload length of at most 64 bytes, and no payload only when the block is all zeros or
    /// all ones. This bounds every read a rank makes; whether each payload agrees with its ones count is
    /// left to <see cref="PayloadsAreValid"/>.
    /// </remarks>
    /// <returns>Null (and end undefined) when damaged.</returns>
    internal static HybridBitVector? Parse(ReadOnlySpan<byte> data, int offset, int length, int ones, int limit, out int end)
    {
        end = 0;
        int blocks = BlockCount(length);
        if (length is < 1 or > MaxLength || offset > limit - (blocks + 1) * 4)
        {
            return null;
        }
        var entries = MemoryMarshal.Cast<byte, uint>(data.Slice(offset, (blocks + 1) * 4));
        if (entries[0] != 0 || BinaryPrimitives.ReadUInt16LittleEndian(data[(offset + blocks * 4)..]) != ones)
        {
            return null;
        }
        int previousOnes = 0;
        int previousOffset = 0;
        int lastBlock = blocks - 1;
        for (int b = 1; b <= blocks; b++)
        {
            uint entry = BitConverter.IsLittleEndian ? entries[b] : BinaryPrimitives.ReverseEndianness(entries[b]);
            int blockLength = b <= lastBlock ? BlockBits : length - (lastBlock << BlockShift);
            int blockOnes = (int)(entry & 0xFFFF) - previousOnes;
            int payload = (int)(entry >> 16) - previousOffset;
            if ((uint)blockOnes > (uint)blockLength || (uint)payload > PlainBytes || (payload == 0 && blockOnes != 0 && blockOnes != blockLength))
            {
                return null;
            }
            previousOnes = (int)(entry & 0xFFFF);
            previousOffset += payload;
        }
        var vector = new HybridBitVector(offset, length);
        end = vector._payload + previousOffset;
        return end <= limit ? vector : null;
    }

    /// <summary>Whether every block's payload is a valid encoding of exactly its ones (the check <see cref="Parse"/> leaves out).</summary>
    internal bool PayloadsAreValid(ReadOnlySpan<byte> data)
    {
        int blocks = BlockCount(Length);
        for (int b = 0; b < blocks; b++)
        {
            if (!BlockIsValid(data, b))
            {
                return false;
            }
        }
        return true;
    }

    private int Rank(ReadOnlySpan<byte> data, int block, out int payloadOffset)
    {
        int at = _directory + block * 4;
        payloadOffset = BinaryPrimitives.ReadUInt16LittleEndian(data[(at + 2)..]);
        return BinaryPrimitives.ReadUInt16LittleEndian(data[at..]);
    }

    private int BlockLength(int block) => Math.Min(BlockBits, Length - (block << BlockShift));

    private bool BlockIsValid(ReadOnlySpan<byte> data, int block)
    {
        int ones = Rank(data, block + 1, out int nextOffset) - Rank(data, block, out int offset);
        int length = BlockLength(block);
        int payload = nextOffset - offset;
        if (ones < 0 || ones > length || payload < 0 || payload > PlainBytes)
        {
            return false;
        }
        if (payload == 0)
        {
            return ones == 0 || ones == length;
        }
        var entries = data.Slice(_payload + offset, payload);
        if (payload == PlainBytes)
        {
            return HybridBlocks.PlainIsValid(entries, length, ones);
        }
        int minority = Math.Min(ones, length - ones);
        return payload == HybridBlocks.PackedLength(minority, 0)
            ? HybridBlocks.PositionsAreValid(entries, minority, 0, length, 0)
            : HybridBlocks.RunsAreValid(entries, length, ones);
    }

    /// <summary>Ones before bit <paramref name="offset"/> of block <paramref name="block"/> (not the last directory entry), and that bit.</summary>
    private int RankThrough(ReadOnlySpan<byte> data, int block, int offset, out bool bit)
    {
        // Directory entries block and block + 1 in one read: (ones, offset) of the block and of the next.
        ulong entries = BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(_directory + block * 4, 8));
        int before = (ushort)entries;
        int start = (ushort)(entries >> 16);
        int ones = (ushort)(entries >> 32) - before;
        int payload = (ushort)(entries >> 48) - start;
        if (payload == 0)
        {
            bit = ones != 0;
            return before + (bit ? offset : 0);
        }
        var bytes = data.Slice(_payload + start, payload);
        if (payload == PlainBytes)
        {
            return before + HybridBlocks.PlainRank(bytes, offset, out bit);
        }
        int length = BlockLength(block);
        bool minorityIsOne = ones <= length - ones;
        int minority = minorityIsOne ? ones : length - ones;
        if (payload == HybridBlocks.PackedLength(minority, 0))
        {
            int below = HybridBlocks.PositionsBelow(bytes, minority, offset, out bool hit);
            bit = hit == minorityIsOne;
            return before + (minorityIsOne ? below : offset - below);
        }
        return before + HybridBlocks.RunsRank(bytes, offset, out bit);
    }
}
