using System.Buffers.Binary;

namespace Lode.SuffixArrays.FmIndexing;

internal sealed partial class BwtSuperblock
{
    /// <summary>
    /// Checks and loads the section of superblock <paramref name="index"/> (its CRC already checked): its
    /// counts, alphabet, code and every bitvector's directory (<see cref="HybridBitVector.Parse"/>), in time
    /// linear in its directories, not its payloads; <see cref="PayloadsAreValid"/> checks the payloads.
    /// </summary>
    /// <remarks>
    /// Safe on a payload damaged behind a recomputed CRC: every read stays inside the directory-checked
    /// payload, and ranks are clamped to the node's child length, so a descent ends in a local rank within
    /// the leaf symbol's frequency; the answer may then be wrong, never out of range.
    /// </remarks>
    /// <exception cref="FmIndexFormatException">The section contradicts itself or the header.</exception>
    internal static BwtSuperblock Parse(ReadOnlyMemory<byte> section, FmHeader header, int index)
    {
        var data = section.Span;
        int rows = header.RowsOf(index);
        var alphabet = header.Alphabet;
        int at = alphabet.Length * 4;
        FormatChecks.Require(data.Length >= at + 2, "BWT superblock", index, "shorter than its symbol counts");
        for (int i = 0; i < alphabet.Length; i++)
        {
            uint before = BinaryPrimitives.ReadUInt32LittleEndian(data[(i * 4)..]);
            FormatChecks.Require(before <= (uint)header.BwtTotals[alphabet[i]], "BWT superblock", index, "a count before the superblock exceeds the symbol's total");
        }
        int m = BinaryPrimitives.ReadUInt16LittleEndian(data[at..]);
        at += 2;
        FormatChecks.Require(m >= 1 && m <= Math.Min(256, rows) && data.Length >= at + (m == 1 ? 1 : 4 * m), "BWT superblock", index, $"local alphabet size {m} is impossible");
        var symbols = data.Slice(at, m).ToArray();
        at += m;
        var frequencies = new int[m];
        frequencies[0] = rows;
        HuffmanShape? shape = null;
        if (m >= 2)
        {
            var lengths = data.Slice(at, m).ToArray();
            at += m;
            for (int i = 0; i < m; i++, at += 2)
            {
                frequencies[i] = BinaryPrimitives.ReadUInt16LittleEndian(data[at..]);
            }
            FormatChecks.Require(frequencies.All(f => f > 0) && frequencies.Sum() == rows, "BWT superblock", index, "local frequencies do not sum to its rows");
            shape = HuffmanShape.Create(symbols, lengths, frequencies);
            FormatChecks.Require(shape is not null, "BWT superblock", index, "code lengths are not a complete prefix code over increasing symbols");
        }
        var nodes = new HybridBitVector[m - 1];
        for (int j = 0; j < nodes.Length; j++)
        {
            var node = HybridBitVector.Parse(data, at, shape!.NodeLengths[j], shape.NodeOnes[j], data.Length, out at);
            FormatChecks.Require(node is not null, "BWT superblock", index, $"wavelet tree node {j}'s bitvector is damaged");
            nodes[j] = node!.Value;
        }
        FormatChecks.Require(at == data.Length, "BWT superblock", index, "has bytes after its last bitvector");
        int fillerRow = header.Primary >> FmHeader.SuperblockShift == index ? header.Primary & (FmHeader.SuperblockRows - 1) : -1;
        for (int i = 0; i < m; i++)
        {
            byte symbol = symbols[i];
            int own = frequencies[i] - (fillerRow >= 0 && symbol == header.Filler ? 1 : 0);
            FormatChecks.Require(header.Totals[symbol] > 0 && (long)BinaryPrimitives.ReadUInt32LittleEndian(data[(4 * header.AlphabetIndex[symbol])..]) + own <= header.BwtTotals[symbol], "BWT superblock", index, $"symbol {symbol} occurs more often than the header says");
        }
        FormatChecks.Require(fillerRow < 0 || Array.IndexOf(symbols, header.Filler) >= 0, "BWT superblock", index, "lacks the filler symbol at the primary row");
        return new BwtSuperblock(section, header.AlphabetIndex, shape, symbols[0], nodes, fillerRow, header.Filler, frequencies);
    }
}
