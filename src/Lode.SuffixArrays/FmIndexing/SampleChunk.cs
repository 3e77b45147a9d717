using System.Buffers.Binary;
using System.Diagnostics;

namespace Lode.SuffixArrays.FmIndexing;

/// <summary>
/// The text-order suffix array samples of one superblock's rows: which rows are marked (SA[row] % s == 0)
/// and their values SA[row] / s. Immutable.
/// </summary>
/// <remarks>
/// Section layout (read in place, not copied): u32 M, the marked rows; per 256-row block a u16 count of the marked
/// rows before it;
/// M bytes, each marked row's offset in its block (increasing within a block); M values of w bits
/// (the header's sample width), packed LSB first, in ⌈M·w/8⌉ bytes.
/// </remarks>
internal sealed class SampleChunk
{
    internal const int BlockShift = 8;
    internal const int BlockRows = 1 << BlockShift;

    /// <summary>The section's bytes (lent in place or read into an array).</summary>
    private readonly ReadOnlyMemory<byte> _section;
    private readonly int _blocks;
    private readonly int _marked;
    private readonly int _offsets;
    private readonly int _values;
    private readonly int _width;
    private readonly int _rows;
    private readonly int _limit;

    private SampleChunk(ReadOnlyMemory<byte> section, int blocks, int marked, int offsets, int values, int width, int rows, int limit)
    {
        _rows = rows;
        _limit = limit;
        _section = section;
        _blocks = blocks;
        _marked = marked;
        _offsets = offsets;
        _values = values;
        _width = width;
    }

    /// <summary>Whether local row <paramref name="row"/> is marked, and then its sample SA[row] / s.</summary>
    internal bool TryGetSample(int row, out int value)
    {
        int block = row >> BlockShift;
        var data = _section.Span;
        int first = Before(data, block);
        var offsets = data.Slice(_offsets + first, Before(data, block + 1) - first);
        int found = offsets.BinarySearch((byte)row);
        value = found >= 0 ? Value(data, first + found) : 0;
        return found >= 0;
    }

    /// <summary>The marked rows before block <paramref name="block"/> (0 ≤ block ≤ blocks), read in place.</summary>
    private int Before(ReadOnlySpan<byte> data, int block) =>
        block < _blocks ? BinaryPrimitives.ReadUInt16LittleEndian(data[(4 + 2 * block)..]) : _marked;

    /// <summary>Sample <paramref name="index"/>: w bits at bit index·w of the values, read as one 64-bit word (w ≤ 32,
    /// so the value lies in the 8 bytes from its first; near the section's end they are read with zeros after).</summary>
    private int Value(ReadOnlySpan<byte> data, int index)
    {
        long bit = (long)index * _width;
        var from = data[(_values + (int)(bit >> 3))..];
        ulong word;
        if (from.Length >= sizeof(ulong))
        {
            word = BinaryPrimitives.ReadUInt64LittleEndian(from);
        }
        else
        {
            Span<byte> padded = stackalloc byte[sizeof(ulong)];
            padded.Clear();
            from.CopyTo(padded);
            word = BinaryPrimitives.ReadUInt64LittleEndian(padded);
        }
        return (int)((word >> (int)(bit & 7)) & ((1UL << _width) - 1));
    }

    /// <summary>
    /// Checks and loads the section of chunk <paramref name="index"/> (its CRC already checked): its
    /// length and each block's marked count, O(1) per 256-row block; <see cref="MarksAreValid"/> checks the marks.
    /// </summary>
    /// <exception cref="FmIndexFormatException">The section contradicts itself or the header.</exception>
    internal static SampleChunk Parse(ReadOnlyMemory<byte> memory, FmHeader header, int index)
    {
        var section = memory.Span;
        int rows = header.RowsOf(index);
        int blocks = (rows + BlockRows - 1) >> BlockShift;
        int width = header.SampleWidth;
        FormatChecks.Require(section.Length >= 4 + 2 * blocks, "sample chunk", index, "shorter than its block counts");
        long marked = BinaryPrimitives.ReadUInt32LittleEndian(section);
        FormatChecks.Require(marked <= rows && section.Length == 4 + 2 * blocks + marked + ((marked * width + 7) >> 3), "sample chunk", index, $"{marked} marked rows do not fit its length");
        for (int b = 0, previous = 0; b <= blocks; b++)
        {
            int before = b < blocks ? BinaryPrimitives.ReadUInt16LittleEndian(section[(4 + 2 * b)..]) : (int)marked;
            int blockRows = Math.Min(BlockRows, rows - ((b - 1) << BlockShift));
            FormatChecks.Require(b == 0 ? before == 0 : before >= previous && before - previous <= blockRows, "sample chunk", index, "a block's marked count is impossible");
            previous = before;
        }
        var chunk = new SampleChunk(memory, blocks, (int)marked, 4 + 2 * blocks, 4 + 2 * blocks + (int)marked, width, rows, (header.TextLength - 1) / header.SampleRate);
        Debug.Assert(chunk._values + ((marked * width + 7) >> 3) == section.Length);
        return chunk;
    }

    /// <summary>
    /// Whether each block's marked offsets are increasing rows of the block and every sample is below
    /// ⌈n/s⌉ (what <see cref="Parse"/> leaves out: an unsorted block only misses marks, and
    /// <see cref="FmIndex"/> checks every located position against n).
    /// </summary>
    internal bool MarksAreValid()
    {
        var data = _section.Span;
        for (int b = 0; b < _blocks; b++)
        {
            int blockRows = Math.Min(BlockRows, _rows - (b << BlockShift));
            int previous = -1;
            for (int t = Before(data, b); t < Before(data, b + 1); t++)
            {
                int offset = data[_offsets + t];
                if (offset <= previous || offset >= blockRows || Value(data, t) > _limit)
                {
                    return false;
                }
                previous = offset;
            }
        }
        return true;
    }
}
