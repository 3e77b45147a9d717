using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Numerics;

namespace Lode.SuffixArrays.FmIndexing;

/// <summary>Encodes a bitvector in the <see cref="HybridBitVector"/> layout, each block in its smallest encoding.</summary>
internal static class HybridBitVectorWriter
{
    private const int WordsPerBlock = HybridBitVector.BlockBits / 64;

    /// <summary>
    /// Appends the encoding of the first <paramref name="length"/> bits of <paramref name="bits"/> (LSB first
    /// within each word; at least <c>BlockCount(length) * 8</c> words, zero beyond <paramref name="length"/>).
    /// </summary>
    internal static void Write(ReadOnlySpan<ulong> bits, int length, ArrayBufferWriter<byte> output)
    {
        Debug.Assert(length is > 0 and <= HybridBitVector.MaxLength);
        int blocks = HybridBitVector.BlockCount(length);
        Debug.Assert(bits.Length >= blocks * WordsPerBlock);
        var directory = output.GetSpan((blocks + 1) * 4)[..((blocks + 1) * 4)];
        var sizes = (Span<byte>)stackalloc byte[blocks];
        int ones = 0;
        int payload = 0;
        for (int b = 0; b < blocks; b++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(directory[(b * 4)..], (ushort)ones);
            BinaryPrimitives.WriteUInt16LittleEndian(directory[(b * 4 + 2)..], (ushort)payload);
            var block = bits.Slice(b * WordsPerBlock, WordsPerBlock);
            int blockOnes = PopCount(block);
            ones += blockOnes;
            sizes[b] = (byte)PayloadLength(block, BlockLength(length, b), blockOnes);
            payload += sizes[b];
        }
        Debug.Assert(ones < HybridBitVector.MaxLength && payload <= blocks * HybridBitVector.PlainBytes);
        BinaryPrimitives.WriteUInt16LittleEndian(directory[(blocks * 4)..], (ushort)ones);
        BinaryPrimitives.WriteUInt16LittleEndian(directory[(blocks * 4 + 2)..], (ushort)payload);
        output.Advance(directory.Length);

        for (int b = 0; b < blocks; b++)
        {
            var block = bits.Slice(b * WordsPerBlock, WordsPerBlock);
            int blockLength = BlockLength(length, b);
            int blockOnes = PopCount(block);
            int size = sizes[b];
            var target = output.GetSpan(size)[..size];
            target.Clear();
            if (size == HybridBitVector.PlainBytes)
            {
                for (int w = 0; w < WordsPerBlock; w++)
                {
                    BinaryPrimitives.WriteUInt64LittleEndian(target[(w * 8)..], block[w]);
                }
            }
            else if (size > 0 && size == HybridBlocks.PackedLength(Math.Min(blockOnes, blockLength - blockOnes), 0))
            {
                WritePositions(block, blockLength, minorityIsOne: blockOnes <= blockLength - blockOnes, target);
            }
            else if (size > 0)
            {
                WriteRuns(block, blockLength, target);
            }
            output.Advance(size);
        }
    }

    private static int BlockLength(int length, int block) => Math.Min(HybridBitVector.BlockBits, length - block * HybridBitVector.BlockBits);

    private static int PopCount(ReadOnlySpan<ulong> block)
    {
        int count = 0;
        foreach (ulong word in block)
        {
            count += BitOperations.PopCount(word);
        }
        return count;
    }

    /// <summary>The bits where a new run starts: bit p set when block bit p differs from bit p − 1 (p ≥ 1).</summary>
    private static ulong RunStarts(ReadOnlySpan<ulong> block, int word, int blockLength)
    {
        ulong value = block[word];
        ulong previous = word == 0 ? value & 1 : block[word - 1] >> 63;
        ulong starts = value ^ ((value << 1) | previous);
        int valid = blockLength - word * 64;
        return valid >= 64 ? starts : starts & ((1UL << valid) - 1);
    }

    private static int PayloadLength(ReadOnlySpan<ulong> block, int blockLength, int ones)
    {
        int minority = Math.Min(ones, blockLength - ones);
        if (minority == 0)
        {
            return 0;
        }
        int runs = 0;
        for (int w = 0; w * 64 < blockLength; w++)
        {
            runs += BitOperations.PopCount(RunStarts(block, w, blockLength));
        }
        int best = Math.Min(HybridBlocks.PackedLength(minority, 0), HybridBlocks.PackedLength(runs, 1));
        return best < HybridBitVector.PlainBytes ? best : HybridBitVector.PlainBytes;
    }

    private static void WritePositions(ReadOnlySpan<ulong> block, int blockLength, bool minorityIsOne, Span<byte> target)
    {
        int t = 0;
        for (int w = 0; w * 64 < blockLength; w++)
        {
            int valid = blockLength - w * 64;
            ulong word = minorityIsOne ? block[w] : ~block[w];
            word = valid >= 64 ? word : word & ((1UL << valid) - 1);
            for (; word != 0; word &= word - 1)
            {
                HybridBlocks.Pack(target, t++ * HybridBlocks.PositionBits, w * 64 + BitOperations.TrailingZeroCount(word));
            }
        }
        Debug.Assert(HybridBlocks.PackedLength(t, 0) == target.Length);
    }

    private static void WriteRuns(ReadOnlySpan<ulong> block, int blockLength, Span<byte> target)
    {
        int t = 0;
        for (int w = 0; w * 64 < blockLength; w++)
        {
            for (ulong starts = RunStarts(block, w, blockLength); starts != 0; starts &= starts - 1)
            {
                HybridBlocks.Pack(target, 1 + t++ * HybridBlocks.PositionBits, w * 64 + BitOperations.TrailingZeroCount(starts));
            }
        }
        Debug.Assert(HybridBlocks.PackedLength(t, 1) == target.Length);
        target[0] |= (byte)(block[0] & 1);
    }
}
