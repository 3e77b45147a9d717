using System.Buffers;
using System.Buffers.Binary;

namespace Lode.SuffixArrays.FmIndexing;

/// <summary>Encodes one BWT superblock section (layout in <see cref="BwtSuperblock"/>).</summary>
internal static class BwtSuperblockWriter
{
    /// <summary>The section for the BWT rows <paramref name="bwt"/>, given each symbol's count before them.</summary>
    internal static byte[] Write(ReadOnlySpan<byte> bwt, ReadOnlySpan<int> before, byte[] alphabet)
    {
        var counts = new int[256];
        foreach (byte symbol in bwt)
        {
            counts[symbol]++;
        }
        var symbols = Enumerable.Range(0, 256).Where(c => counts[c] > 0).Select(c => (byte)c).ToArray();
        var frequencies = symbols.Select(c => counts[c]).ToArray();
        var output = new ArrayBufferWriter<byte>(bwt.Length / 2 + 1024);
        var head = output.GetSpan(alphabet.Length * 4 + 2);
        for (int i = 0; i < alphabet.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(head[(i * 4)..], before[alphabet[i]]);
        }
        BinaryPrimitives.WriteUInt16LittleEndian(head[(alphabet.Length * 4)..], (ushort)symbols.Length);
        output.Advance(alphabet.Length * 4 + 2);
        output.Write(symbols);
        if (symbols.Length >= 2)
        {
            var lengths = HuffmanCodeLengths.Compute(frequencies);
            output.Write(lengths);
            foreach (int frequency in frequencies)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(output.GetSpan(2), (ushort)frequency);
                output.Advance(2);
            }
            WriteNodes(bwt, HuffmanShape.Create(symbols, lengths, frequencies)!, output);
        }
        return output.WrittenSpan.ToArray();
    }

    private static void WriteNodes(ReadOnlySpan<byte> bwt, HuffmanShape shape, ArrayBufferWriter<byte> output)
    {
        int nodes = shape.NodeLengths.Length;
        var bits = new ulong[nodes][];
        var filled = new int[nodes];
        for (int j = 0; j < nodes; j++)
        {
            bits[j] = new ulong[HybridBitVector.BlockCount(shape.NodeLengths[j]) * (HybridBitVector.BlockBits / 64)];
        }
        var children = shape.Children;
        Span<int> locals = stackalloc int[256];
        for (int i = 0; i < shape.Symbols.Length; i++)
        {
            locals[shape.Symbols[i]] = i;
        }
        foreach (byte symbol in bwt)
        {
            int local = locals[symbol];
            uint code = shape.Code(local);
            int node = 0;
            for (int depth = shape.CodeLength(local) - 1; depth >= 0; depth--)
            {
                uint bit = (code >> depth) & 1;
                int at = filled[node]++;
                bits[node][at >> 6] |= (ulong)bit << (at & 63);
                node = children[2 * node + (int)bit];
            }
        }
        for (int j = 0; j < nodes; j++)
        {
            HybridBitVectorWriter.Write(bits[j], shape.NodeLengths[j], output);
        }
    }
}
