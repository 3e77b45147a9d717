using System.Diagnostics;

namespace Lode.SuffixArrays.FmIndexing;

/// <summary>
/// The shape of one superblock's Huffman-shaped wavelet tree (Mäkinen–Navarro; per block as in Gog,
/// Kärkkäinen, Kempa, Petri, Puglisi, "Fixed block compression boosting in FM-indexes", Algorithmica 2019):
/// canonical prefix codes from code lengths, the trie of internal nodes, and each node's bit count and
/// ones count. Built identically by the writer and the reader, so node order needs no storage.
/// </summary>
internal sealed class HuffmanShape
{
    internal const int MaxCodeLength = 32;

    private readonly uint[] _codes;
    private readonly byte[] _lengths;

    private HuffmanShape(byte[] symbols, byte[] lengths, uint[] codes, int[] children)
    {
        Symbols = symbols;
        _lengths = lengths;
        _codes = codes;
        Children = children;
        NodeLengths = new int[symbols.Length - 1];
        NodeOnes = new int[symbols.Length - 1];
    }

    /// <summary>The local alphabet, increasing.</summary>
    internal byte[] Symbols { get; }

    /// <summary>Per internal node, child 0 then child 1: a node index, or <c>~local symbol</c> for a leaf.</summary>
    internal int[] Children { get; }

    /// <summary>Per internal node, its bitvector length (symbols passing through it).</summary>
    internal int[] NodeLengths { get; }

    /// <summary>Per internal node, its ones (symbols going to child 1).</summary>
    internal int[] NodeOnes { get; }

    /// <summary>The length of internal node <paramref name="node"/>'s child on side <paramref name="bit"/> (the rows
    /// below it: the node's ones, or its zeros), which bounds the ranks a descent carries into it.</summary>
    internal uint ChildLength(int node, bool bit) => (uint)(bit ? NodeOnes[node] : NodeLengths[node] - NodeOnes[node]);

    /// <summary>The local index of <paramref name="symbol"/>, or a negative number when absent from the block (a binary
    /// search of the increasing symbols: a loaded superblock keeps no 256-entry table).</summary>
    internal int LocalIndex(byte symbol) => Symbols.AsSpan().BinarySearch(symbol);

    internal uint Code(int local) => _codes[local];

    internal int CodeLength(int local) => _lengths[local];

    /// <summary>
    /// The shape for increasing <paramref name="symbols"/> (at least 2) with code lengths and frequencies;
    /// null when the lengths are not a complete prefix code of lengths 1..32 or the symbols not increasing.
    /// </summary>
    internal static HuffmanShape? Create(byte[] symbols, byte[] lengths, ReadOnlySpan<int> frequencies)
    {
        int m = symbols.Length;
        Debug.Assert(m >= 2 && lengths.Length == m && frequencies.Length == m);
        ulong kraft = 0;
        for (int i = 0; i < m; i++)
        {
            if (lengths[i] is < 1 or > MaxCodeLength || (i > 0 && symbols[i] <= symbols[i - 1]))
            {
                return null;
            }
            kraft += 1UL << (MaxCodeLength - lengths[i]);
        }
        if (kraft != 1UL << MaxCodeLength)
        {
            return null;
        }
        // Canonical order: by code length, then by symbol (a counting sort, as this runs for every superblock loaded).
        Span<int> next = stackalloc int[MaxCodeLength + 2];
        next.Clear();
        foreach (byte length in lengths)
        {
            next[length + 1]++;
        }
        for (int length = 1; length <= MaxCodeLength; length++)
        {
            next[length + 1] += next[length];
        }
        Span<int> order = stackalloc int[m];
        for (int i = 0; i < m; i++)
        {
            order[next[lengths[i]]++] = i;
        }
        var codes = new uint[m];
        var children = new int[2 * (m - 1)];
        var shape = new HuffmanShape(symbols, lengths, codes, children);
        uint code = 0;
        int previousLength = lengths[order[0]];
        int nodes = 1;
        foreach (int local in order)
        {
            code <<= lengths[local] - previousLength;
            previousLength = lengths[local];
            codes[local] = code++;
            if (!shape.Insert(local, frequencies[local], ref nodes))
            {
                return null;
            }
        }
        return nodes == m - 1 ? shape : null;
    }

    private bool Insert(int local, int frequency, ref int nodes)
    {
        int node = 0;
        int length = _lengths[local];
        for (int depth = 0; depth < length; depth++)
        {
            int bit = (int)(_codes[local] >> (length - 1 - depth)) & 1;
            NodeLengths[node] += frequency;
            NodeOnes[node] += bit * frequency;
            ref int child = ref Children[2 * node + bit];
            if (depth == length - 1)
            {
                if (child != 0)
                {
                    return false;
                }
                child = ~local;
            }
            else
            {
                if (child < 0 || (child == 0 && nodes == NodeLengths.Length))
                {
                    return false;
                }
                if (child == 0)
                {
                    child = nodes++;
                }
                node = child;
            }
        }
        return true;
    }
}
