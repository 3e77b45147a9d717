using System.Diagnostics;

namespace Lode.SuffixArrays.FmIndexing;

/// <summary>Huffman code lengths (Huffman 1952) for the writer, ties broken by node creation order.</summary>
internal static class HuffmanCodeLengths
{
    /// <summary>Code lengths for positive <paramref name="frequencies"/> (at least 2, summing to ≤ 65,536).</summary>
    internal static byte[] Compute(ReadOnlySpan<int> frequencies)
    {
        int m = frequencies.Length;
        Debug.Assert(m >= 2);
        var parent = new int[2 * m - 1];
        var queue = new PriorityQueue<int, (long Weight, int Id)>(m);
        for (int i = 0; i < m; i++)
        {
            queue.Enqueue(i, (frequencies[i], i));
        }
        for (int next = m; queue.Count > 1; next++)
        {
            queue.TryDequeue(out int a, out var wa);
            queue.TryDequeue(out int b, out var wb);
            parent[a] = next;
            parent[b] = next;
            queue.Enqueue(next, (wa.Weight + wb.Weight, next));
        }
        var depth = new int[2 * m - 1];
        for (int node = 2 * m - 3; node >= 0; node--)
        {
            depth[node] = depth[parent[node]] + 1;
        }
        var lengths = new byte[m];
        for (int i = 0; i < m; i++)
        {
            Debug.Assert(depth[i] <= HuffmanShape.MaxCodeLength);
            lengths[i] = (byte)depth[i];
        }
        return lengths;
    }
}
