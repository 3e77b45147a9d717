using System.Buffers.Binary;
using System.Diagnostics;

namespace Lode.SuffixArrays.FmIndexing;

/// <summary>
/// The text-order suffix array samples of one superblock's rows: which rows are marked (SA[row] % s == 0)
/// and their values SA[row] / s. Immutable.
/// </summary>
/// <remarks>
/// Section layout: u32 M, the marked rows; per 256-row block a u16 count of the marked rows before it;
/// M bytes, each marked row's offset in its block (increasing within a block); M values of w bits
/// (the header's sample width), packed LSB first, in ⌈M·w/8⌉ bytes.
/// </remarks>
internal sealed class SampleChunk
{
    internal const int BlockShift = 8;
    internal const int BlockRows = 1 << BlockShift;

    private readonly byte[] _data;
    private readonly int[] _before;
    private readonly int _offsets;
    private readonly int _values;
    private readonly int _width;
    private readonly int _rows;
    private readonly int _limit;

    private SampleChunk(byte[] data, int[] before, int offsets, int values, int width, int rows, int limit)
    {
        _rows = rows;
        _limit = limit;
        _data = data;
        _before = before;
        _offsets = offsets;
        _values = values;
        _width = width;
    }

    /// <summary>Whether local row <paramref name="row"/> is marked, and then its sample SA[row] / s.</summary>
    internal bool TryGetSample(int row, out int value)
    {
        int block = row >> BlockShift;
        int first = _before[block];
        var offsets = _data.AsSpan(_offsets + first, _before[block + 1] - first);
        int found = offsets.BinarySearch((byte)row);
        value = found >= 0 ? Value(first + found) : 0;
        return found >= 0;
    }

    private int Value(int index)
    {
        long bit = (long)index * _width;
        ulong word = BinaryPrimitives.ReadUInt64LittleEndian(_data.AsSpan(_values + (int)(bit >> 3)));
        return (int)((word >> (int)(bit & 7)) & ((1UL << _width) - 1));
    }

    /// <summary>
    /// Checks and loads the section of chunk <paramref name="index"/> (its CRC already checked): its
    /// length and each block's marked count, O(1) per 256-row block; <see cref="MarksAreValid"/> checks the marks.
    /// </summary>
    /// <exception cref="FmIndexFormatException">The section contradicts itself or the header.</exception>
    internal static SampleChunk Parse(byte[] section, FmHeader header, int index)
    {
        int rows = header.RowsOf(index);
        int blocks = (rows + BlockRows - 1) >> BlockShift;
        int width = header.SampleWidth;
        FormatChecks.Require(section.Length >= 4 + 2 * blocks, "sample chunk", index, "shorter than its block counts");
        long marked = BinaryPrimitives.ReadUInt32LittleEndian(section);
        FormatChecks.Require(marked <= rows && section.Length == 4 + 2 * blocks + marked + ((marked * width + 7) >> 3), "sample chunk", index, $"{marked} marked rows do not fit its length");
        var before = new int[blocks + 1];
        for (int b = 0; b <= blocks; b++)
        {
            before[b] = b < blocks ? BinaryPrimitives.ReadUInt16LittleEndian(section.AsSpan(4 + 2 * b)) : (int)marked;
            int blockRows = Math.Min(BlockRows, rows - ((b - 1) << BlockShift));
            FormatChecks.Require(b == 0 ? before[0] == 0 : before[b] >= before[b - 1] && before[b] - before[b - 1] <= blockRows, "sample chunk", index, "a block's marked count is impossible");
        }
        var data = new byte[section.Length + 8];
        section.CopyTo(data, 0);
        var chunk = new SampleChunk(data, before, 4 + 2 * blocks, 4 + 2 * blocks + (int)marked, width, rows, (header.TextLength - 1) / header.SampleRate);
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
        for (int b = 0; b + 1 < _before.Length; b++)
        {
            int blockRows = Math.Min(BlockRows, _rows - (b << BlockShift));
            int previous = -1;
            for (int t = _before[b]; t < _before[b + 1]; t++)
            {
                int offset = _data[_offsets + t];
                if (offset <= previous || offset >= blockRows || Value(t) > _limit)
                {
                    return false;
                }
                previous = offset;
            }
        }
        return true;
    }
}
