using System.Buffers.Binary;
using System.Diagnostics;

namespace Lode.SuffixArrays.FmIndexing;

/// <summary>
/// One loaded BWT superblock (up to 65,536 rows): the counts of every alphabet symbol before it and a
/// Huffman-shaped wavelet tree over its local alphabet with <see cref="HybridBitVector"/> nodes. Immutable.
/// </summary>
/// <remarks>
/// Section layout: σ × u32 counts of each text symbol (increasing) in the rows before the superblock (read in place,
/// not copied: a loaded superblock keeps only what the tree descent needs);
/// u16 m, the local alphabet size; m symbol bytes, increasing; when m ≥ 2, m code-length bytes and m × u16
/// frequencies (summing to the superblock's rows), then one hybrid bitvector per internal node in
/// <see cref="HuffmanShape"/> order. The row with no preceding symbol (the whole text's suffix) holds the
/// header's filler symbol, which ranks exclude.
/// </remarks>
internal sealed partial class BwtSuperblock
{
    /// <summary>The section's bytes, which the node bitvectors index into (lent in place or read into an array).</summary>
    private readonly ReadOnlyMemory<byte> _section;

    /// <summary>The header's <see cref="FmHeader.AlphabetIndex"/>: where the section keeps each symbol's count before it.</summary>
    private readonly int[] _alphabetIndex;
    private readonly HuffmanShape? _shape;
    private readonly byte _only;
    private readonly HybridBitVector[] _nodes;
    private readonly int _fillerRow;
    private readonly byte _filler;

    /// <summary>Per local symbol, its rows in the superblock (the filler's row included).</summary>
    private readonly int[] _frequencies;

    private BwtSuperblock(ReadOnlyMemory<byte> section, int[] alphabetIndex, HuffmanShape? shape, byte only, HybridBitVector[] nodes, int fillerRow, byte filler, int[] frequencies)
    {
        _section = section;
        _frequencies = frequencies;
        _alphabetIndex = alphabetIndex;
        _shape = shape;
        _only = only;
        _nodes = nodes;
        _fillerRow = fillerRow;
        _filler = filler;
    }

    /// <summary>
    /// Occurrences of <paramref name="symbol"/> in the rows before local rows <paramref name="start"/> and
    /// <paramref name="end"/> (0 ≤ start ≤ end ≤ rows), in one tree descent.
    /// </summary>
    internal int Rank(byte symbol, int start, int end, out int endRank)
    {
        Debug.Assert(start <= end);
        int localStart = start;
        int localEnd = end;
        var data = _section.Span;
        LocalRanks(data, symbol, ref localStart, ref localEnd);
        endRank = Global(data, symbol, localEnd, end);
        return Global(data, symbol, localStart, start);
    }

    /// <summary>The symbol at local row <paramref name="row"/> and its occurrences before it: one tree descent.</summary>
    internal int RankOfSymbolAt(int row, out byte symbol)
    {
        Debug.Assert(row != _fillerRow);
        var data = _section.Span;
        if (_shape is null)
        {
            symbol = _only;
            return Global(data, symbol, row, row);
        }
        int node = 0;
        int rank = row;
        var nodes = _nodes;
        var children = _shape.Children;
        var shape = _shape;
        while (true)
        {
            int before = nodes[node].Rank1(data, rank, out bool bit);
            rank = bit ? before : rank - before;
            int side = 2 * node + (bit ? 1 : 0);
            // A row of the child: only a payload damaged behind a recomputed CRC can give another rank (see Parse).
            rank = (int)Math.Min((uint)rank, shape.ChildLength(node, bit) - 1);
            int child = children[side];
            if (child < 0)
            {
                symbol = _shape.Symbols[~child];
                break;
            }
            node = child;
        }
        return Global(data, symbol, rank, row);
    }

    /// <summary>Occurrences of <paramref name="symbol"/> before the superblock and through its end (filler excluded), without a descent.</summary>
    internal int CountBefore(byte symbol, out int through)
    {
        var data = _section.Span;
        int local = _shape is null ? (symbol == _only ? 0 : -1) : _shape.LocalIndex(symbol);
        through = local < 0 ? Before(data, symbol) : Global(data, symbol, _frequencies[local], int.MaxValue);
        return Before(data, symbol);
    }

    /// <summary>Whether every node's block payloads agree with their ones counts (what <see cref="Parse"/> leaves out).</summary>
    internal bool PayloadsAreValid()
    {
        var data = _section.Span;
        foreach (var node in _nodes)
        {
            if (!node.PayloadsAreValid(data))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A local rank made global: plus the count before the superblock, minus the filler if counted.</summary>
    private int Global(ReadOnlySpan<byte> data, byte symbol, int localRank, int row) =>
        Before(data, symbol) + localRank - (symbol == _filler && _fillerRow >= 0 && row > _fillerRow ? 1 : 0);

    /// <summary>Occurrences of <paramref name="symbol"/> (of the text's alphabet, else 0) before the superblock.</summary>
    private int Before(ReadOnlySpan<byte> data, byte symbol)
    {
        int at = _alphabetIndex[symbol];
        return at < 0 ? 0 : BinaryPrimitives.ReadInt32LittleEndian(data[(4 * at)..]);
    }

    private void LocalRanks(ReadOnlySpan<byte> data, byte symbol, ref int start, ref int end)
    {
        int local = _shape is null ? (symbol == _only ? 0 : -1) : _shape.LocalIndex(symbol);
        if (local < 0)
        {
            start = end = 0;
            return;
        }
        if (_shape is null)
        {
            return;
        }
        uint code = _shape.Code(local);
        int node = 0;
        for (int depth = _shape.CodeLength(local) - 1; depth >= 0; depth--)
        {
            ref readonly var vector = ref _nodes[node];
            int startOnes = vector.Rank1(data, start);
            int endOnes = end == start ? startOnes : vector.Rank1(data, end);
            bool bit = ((code >> depth) & 1) != 0;
            int side = 2 * node + (bit ? 1 : 0);
            // Ranks within the child's length, whatever a damaged payload says (see Parse).
            uint childLength = _shape.ChildLength(node, bit);
            start = (int)Math.Min((uint)(bit ? startOnes : start - startOnes), childLength);
            end = (int)Math.Min((uint)(bit ? endOnes : end - endOnes), childLength);
            node = _shape.Children[side];
        }
    }
}
