using System.Buffers.Binary;

namespace Lode.SuffixArrays.FmIndexing;

/// <summary>Encodes one sample chunk section (layout in <see cref="SampleChunk"/>).</summary>
internal static class SampleChunkWriter
{
    /// <summary>The section for the suffix array entries <paramref name="suffixArray"/> of one superblock's rows.</summary>
    internal static byte[] Write(ReadOnlySpan<int> suffixArray, int sampleRate, int width)
    {
        int rows = suffixArray.Length;
        int blocks = (rows + SampleChunk.BlockRows - 1) >> SampleChunk.BlockShift;
        int mask = sampleRate - 1;
        int marked = 0;
        foreach (int position in suffixArray)
        {
            marked += (position & mask) == 0 ? 1 : 0;
        }
        int offsets = 4 + 2 * blocks;
        int values = offsets + marked;
        var section = new byte[values + (((long)marked * width + 7) >> 3) + 8];
        BinaryPrimitives.WriteInt32LittleEndian(section, marked);
        int shift = int.Log2(sampleRate);
        long bit = (long)values * 8;
        int t = 0;
        for (int row = 0; row < rows; row++)
        {
            if ((row & (SampleChunk.BlockRows - 1)) == 0)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(section.AsSpan(4 + 2 * (row >> SampleChunk.BlockShift)), (ushort)t);
            }
            if ((suffixArray[row] & mask) == 0)
            {
                section[offsets + t++] = (byte)row;
                var target = section.AsSpan((int)(bit >> 3));
                ulong word = BinaryPrimitives.ReadUInt64LittleEndian(target) | ((ulong)(uint)(suffixArray[row] >> shift) << (int)(bit & 7));
                BinaryPrimitives.WriteUInt64LittleEndian(target, word);
                bit += width;
            }
        }
        return section.AsSpan(0, section.Length - 8).ToArray();
    }
}
