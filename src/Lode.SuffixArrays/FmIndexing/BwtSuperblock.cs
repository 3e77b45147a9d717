using System.Diagnostics;

namespace Lode.SuffixArrays.FmIndexing;

/// <summary>
/// One loaded BWT superblock (up to 65,536 rows): the counts of every alphabet symbol before it and a
/// Huffman-shaped wavelet tree over its local alphabet with <see cref="HybridBitVector"/> nodes. Immutable.
/// </summary>
/// <remarks>
/// Section layout: σ × u32 counts of each text symbol (increasing) in the rows before the superblock;
/// u16 m, the local alphabet size; m symbol bytes, increasing; when m ≥ 2, m code-length bytes and m × u16
/// frequencies (summing to the superblock's rows), then one hybrid bitvector per internal node in
/// <see cref="HuffmanShape"/> order. The row with no preceding symbol (the whole text's suffix) holds the
/// header's filler symbol, which ranks exclude.
/// </remarks>
internal sealed partial class BwtSuperblock
{
    private readonly int[] _before;
    private readonly HuffmanShape? _shape;
    private readonly byte _only;
    private readonly HybridBitVector[] _nodes;
    private readonly int _fillerRow;
    private readonly byte _filler;

    private BwtSuperblock(int[] before, HuffmanShape? shape, byte only, HybridBitVector[] nodes, int fillerRow, byte filler)
    {
        _before = before;
        _shape = shape;
        _only = only;
        _nodes = nodes;
        _fillerRow = fillerRow;
        _filler = filler;
    }

    /// <summary>Occurrences of <paramref name="symbol"/> in the rows before local row <paramref name="row"/> (0 ≤ row ≤ rows).</summary>
    internal int Rank(byte symbol, int row)
    {
        return Global(symbol, LocalRank(symbol, row), row);
    }

    /// <summary>The symbol at local row <paramref name="row"/> and its occurrences before it: one tree descent.</summary>
    internal int RankOfSymbolAt(int row, out byte symbol)
    {
        Debug.Assert(row != _fillerRow);
        if (_shape is null)
        {
            symbol = _only;
            return Global(symbol, row, row);
        }
        int node = 0;
        int rank = row;
        while (true)
        {
            int ones = _nodes[node].Rank1(rank, out bool bit);
            rank = bit ? ones : rank - ones;
            int child = _shape.Children[2 * node + (bit ? 1 : 0)];
            if (child < 0)
            {
                symbol = _shape.Symbols[~child];
                break;
            }
            node = child;
        }
        return Global(symbol, rank, row);
    }

    /// <summary>A local rank made global: plus the count before the superblock, minus the filler if counted.</summary>
    private int Global(byte symbol, int localRank, int row) =>
        _before[symbol] + localRank - (symbol == _filler && _fillerRow >= 0 && row > _fillerRow ? 1 : 0);

    private int LocalRank(byte symbol, int row)
    {
        if (_shape is null)
        {
            return symbol == _only ? row : 0;
        }
        int local = _shape.LocalIndex(symbol);
        if (local < 0)
        {
            return 0;
        }
        uint code = _shape.Code(local);
        int node = 0;
        for (int depth = _shape.CodeLength(local) - 1; depth >= 0; depth--)
        {
            int ones = _nodes[node].Rank1(row);
            bool bit = ((code >> depth) & 1) != 0;
            row = bit ? ones : row - ones;
            node = _shape.Children[2 * node + (bit ? 1 : 0)];
        }
        return row;
    }
}
