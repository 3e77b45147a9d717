using System.Diagnostics;
using Lode.IO;

namespace Lode.SuffixArrays.FmIndexing;

/// <summary>
/// Builds the serialized FM-index from a text and its suffix array: one pass over the suffix array for the
/// BWT, then the superblock sections in parallel and the sample chunks.
/// </summary>
internal static class FmIndexWriter
{
    internal static byte[] Write(ReadOnlySpan<byte> text, ReadOnlySpan<int> suffixArray, int sampleRate)
    {
        int n = text.Length;
        var totals = new int[256];
        foreach (byte symbol in text)
        {
            totals[symbol]++;
        }
        var bwt = new byte[n];
        int primary = -1;
        for (int row = 0; row < n; row++)
        {
            int position = suffixArray[row];
            if ((uint)position >= (uint)n || (position == 0 && primary >= 0))
            {
                throw new ArgumentException($"Suffix array entry {row} ({position}) is not a position of the {n}-byte text, or repeats position 0.", nameof(suffixArray));
            }
            if (position == 0)
            {
                primary = row;
            }
            else
            {
                bwt[row] = text[position - 1];
            }
        }
        if (n > 0 && primary < 0)
        {
            throw new ArgumentException("The suffix array lacks position 0.", nameof(suffixArray));
        }
        byte filler = n == 0 ? (byte)0 : primary > 0 ? bwt[primary - 1] : n > 1 ? bwt[1] : text[0];
        if (n > 0)
        {
            bwt[primary] = filler;
        }
        byte last = n == 0 ? (byte)0 : text[n - 1];
        var header = new FmHeader(n, sampleRate, primary, filler, last, totals, []);
        int superblocks = header.SuperblockCount;
        var sections = new byte[2 * superblocks][];
        var before = CountsBefore(bwt, primary, superblocks);
        Parallel.For(0, superblocks, k =>
        {
            int start = k << FmHeader.SuperblockShift;
            sections[k] = BwtSuperblockWriter.Write(bwt.AsSpan(start, header.RowsOf(k)), before[k], header.Alphabet);
        });
        for (int k = 0; k < superblocks; k++)
        {
            sections[superblocks + k] = SampleChunkWriter.Write(suffixArray.Slice(k << FmHeader.SuperblockShift, header.RowsOf(k)), sampleRate, header.SampleWidth);
        }
        return Assemble(new FmHeader(n, sampleRate, primary, filler, last, totals, Directory(sections, header.Length)), sections);
    }

    /// <summary>Per superblock, the count of each symbol in the rows before it, the filler excluded.</summary>
    private static int[][] CountsBefore(byte[] bwt, int primary, int superblocks)
    {
        var before = new int[superblocks][];
        var running = new int[256];
        for (int k = 0; k < superblocks; k++)
        {
            before[k] = (int[])running.Clone();
            int start = k << FmHeader.SuperblockShift;
            foreach (byte symbol in bwt.AsSpan(start, Math.Min(FmHeader.SuperblockRows, bwt.Length - start)))
            {
                running[symbol]++;
            }
            if (primary >> FmHeader.SuperblockShift == k)
            {
                running[bwt[primary]]--;
            }
        }
        return before;
    }

    private static FmSection[] Directory(byte[][] sections, int headerLength)
    {
        var directory = new FmSection[sections.Length];
        long offset = headerLength;
        for (int k = 0; k < sections.Length; k++)
        {
            Debug.Assert(sections[k].Length is > 0 and <= FmHeader.MaxSectionLength);
            directory[k] = new FmSection(offset, sections[k].Length, Crc32C.Compute(sections[k]));
            offset += sections[k].Length;
        }
        return directory;
    }

    private static byte[] Assemble(FmHeader header, byte[][] sections)
    {
        var output = new byte[header.SerializedLength];
        header.Serialize().CopyTo(output, 0);
        for (int k = 0; k < sections.Length; k++)
        {
            sections[k].CopyTo(output, header.Sections[k].Offset);
        }
        return output;
    }
}
