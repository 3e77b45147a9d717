using System.Buffers.Binary;
using Lode.IO;

namespace Lode.SuffixArrays.Tests;

public class FmIndexHostileTests
{
    private const int FixedHeader = 1064;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Every_truncation_is_rejected(bool lend)
    {
        var (bytes, _, _) = SmallIndex();
        for (int length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<FmIndexFormatException>(() => FmIndex.Open(FmIndexFixture.Source(bytes.AsMemory(0, length), lend)).Verify());
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Every_flipped_byte_is_caught_and_never_gives_a_wrong_answer(bool lend)
    {
        var (bytes, text, sa) = SmallIndex();
        for (int i = 0; i < bytes.Length; i++)
        {
            var damaged = (byte[])bytes.Clone();
            damaged[i] ^= (byte)(1 << (i % 8));
            AssertRightOrRejected(damaged, text, sa, lend);
            Assert.Throws<FmIndexFormatException>(() => FmIndex.Open(FmIndexFixture.Source(damaged, lend)).Verify());
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Resealed_random_damage_is_rejected_or_harmless(bool lend)
    {
        var (bytes, text, sa) = SmallIndex();
        var random = new Random(3);
        for (int trial = 0; trial < 3_000; trial++)
        {
            var damaged = (byte[])bytes.Clone();
            for (int flips = 1 + random.Next(3); flips > 0; flips--)
            {
                damaged[FixedHeader + random.Next(damaged.Length - FixedHeader)] = (byte)random.Next(256);
            }
            Reseal(damaged);
            AssertNoUnexpectedException(damaged, text, sa, lend);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Resealed_section_damage_is_harmless_to_queries_and_mostly_caught_by_Verify(bool lend)
    {
        // Loading checks only what bounds reads and loops; payload and sample semantics are Verify's, and
        // some damage (a sample value changed within range, bits moved within a block) no check can see.
        var (bytes, text, sa) = SmallIndex();
        int sections = 2 * BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(32));
        var random = new Random(7);
        int caught = 0;
        for (int trial = 0; trial < 3_000; trial++)
        {
            var entry = bytes.AsSpan(FixedHeader + 16 * random.Next(sections));
            int offset = (int)BinaryPrimitives.ReadInt64LittleEndian(entry);
            int length = BinaryPrimitives.ReadInt32LittleEndian(entry[8..]);
            var damaged = (byte[])bytes.Clone();
            for (int flips = 1 + random.Next(3); flips > 0; flips--)
            {
                // Mostly the tail of the section (bitvector payloads, sample values), sometimes anywhere in it.
                int at = random.Next(4) == 0 ? random.Next(length) : length - 1 - random.Next(Math.Min(length, 256));
                damaged[offset + at] = (byte)random.Next(256);
            }
            Reseal(damaged);
            AssertNoUnexpectedException(damaged, text, sa, lend);
            try
            {
                FmIndex.Open(FmIndexFixture.Source(damaged, lend)).Verify();
            }
            catch (FmIndexFormatException)
            {
                caught++;
            }
        }
        Assert.True(caught > 1_800, $"only {caught} damaged indexes failed Verify");
    }

    [Theory]
    [InlineData(16, 8, long.MaxValue)]
    [InlineData(16, 8, int.MaxValue)]
    [InlineData(16, 8, 1L << 40)]
    [InlineData(32, 4, 0x7FFF_FFFF)]
    [InlineData(24, 4, 0)]
    [InlineData(24, 4, 3)]
    [InlineData(28, 4, -5)]
    [InlineData(40, 4, -1)]
    public void Absurd_header_fields_are_rejected_without_large_allocations(int offset, int size, long value)
    {
        var (bytes, _, _) = SmallIndex();
        var damaged = (byte[])bytes.Clone();
        if (size == 8)
        {
            BinaryPrimitives.WriteInt64LittleEndian(damaged.AsSpan(offset), value);
        }
        else
        {
            BinaryPrimitives.WriteInt32LittleEndian(damaged.AsSpan(offset), (int)value);
        }
        Reseal(damaged);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<FmIndexFormatException>(() => FmIndex.Open(new MemoryByteSource(damaged)).Verify());
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
    }

    [Fact]
    public void A_huge_directory_entry_is_rejected_before_reading()
    {
        var (bytes, _, _) = SmallIndex();
        var damaged = (byte[])bytes.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(damaged.AsSpan(FixedHeader + 8), int.MaxValue);
        Reseal(damaged, sections: false);
        Assert.Throws<FmIndexFormatException>(() => FmIndex.Open(new MemoryByteSource(damaged)));
    }

    private static (byte[] Bytes, byte[] Text, int[] SuffixArray) SmallIndex()
    {
        var random = new Random(11);
        var text = TextGenerators.Random(random, 900, 4).Concat(TextGenerators.Random(random, 300, 256)).Concat(new byte[600]).ToArray();
        var sa = FmIndexFixture.SuffixArray(text);
        return (FmIndex.Build(text, sa, new FmIndexOptions { SampleRate = 4 }), text, sa);
    }

    private static void AssertRightOrRejected(byte[] bytes, byte[] text, int[] sa, bool lend)
    {
        try
        {
            AssertRight(bytes, text, sa, lend);
        }
        catch (FmIndexFormatException)
        {
        }
    }

    private static void AssertRight(byte[] bytes, byte[] text, int[] sa, bool lend)
    {
        var index = FmIndex.Open(FmIndexFixture.Source(bytes, lend));
        var positions = new int[text.Length];
        index.Locate(new SuffixRange(0, text.Length), positions);
        Assert.Equal(sa, positions);
        foreach (var pattern in new[] { text.AsSpan(100, 5).ToArray(), text.AsSpan(1000, 3).ToArray(), [0, 0, 0] })
        {
            Assert.Equal(FmIndexFixture.RangeInSuffixArray(text, sa, pattern), index.Count(pattern));
        }
    }

    private static void AssertNoUnexpectedException(byte[] bytes, byte[] text, int[] sa, bool lend)
    {
        try
        {
            var index = FmIndex.Open(FmIndexFixture.Source(bytes, lend));
            var range = index.Count(text.AsSpan(200, 2));
            index.Locate(range, new int[range.Count]);
            index.Locate(new SuffixRange(0, index.TextLength), new int[index.TextLength]);
            Assert.True(index.Count(text.AsSpan(10, 4)).Count <= sa.Length);
            index.Verify();
        }
        catch (FmIndexFormatException)
        {
        }
    }

    /// <summary>Recomputes the section CRCs (optionally) and the header CRC, as a hostile writer would.</summary>
    private static void Reseal(byte[] bytes, bool sections = true)
    {
        long textLength = Math.Clamp(BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(16)), 0, int.MaxValue);
        int superblocks = (int)((textLength + 65535) >> 16);
        int headerLength = FixedHeader + 32 * superblocks + 4;
        if (headerLength > bytes.Length)
        {
            return;
        }
        for (int k = 0; sections && k < 2 * superblocks; k++)
        {
            var entry = bytes.AsSpan(FixedHeader + 16 * k);
            long offset = BinaryPrimitives.ReadInt64LittleEndian(entry);
            int length = BinaryPrimitives.ReadInt32LittleEndian(entry[8..]);
            if (offset >= 0 && length >= 0 && offset + length <= bytes.Length)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(entry[12..], Crc32C.Compute(bytes.AsSpan((int)offset, length)));
            }
        }
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(headerLength - 4), Crc32C.Compute(bytes.AsSpan(0, headerLength - 4)));
    }
}
