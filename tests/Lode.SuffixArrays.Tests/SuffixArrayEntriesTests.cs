using Lode.IO;

namespace Lode.SuffixArrays.Tests;

public class SuffixArrayEntriesTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(8)]
    public void A_searcher_over_entries_of_any_width_agrees_with_a_naive_scan(int width)
    {
        var random = new Random(width);
        var text = TextGenerators.Random(random, 4_000, 4);
        int[] suffixArray = SuffixArray.Build(text);
        var entries = new byte[suffixArray.Length * width];
        SuffixArrayEntries.Encode(suffixArray, width, entries);
        var searcher = new SuffixArraySearcher(new MemoryByteSource(text), new MemoryByteSource(entries), entryBytes: width);
        for (int i = 0; i < 200; i++)
        {
            int start = random.Next(text.Length);
            var pattern = text.AsSpan(start, Math.Min(random.Next(1, 12), text.Length - start)).ToArray();
            var located = searcher.Locate(pattern);
            Array.Sort(located);
            Assert.Equal(Naive.Occurrences(text, pattern), located);
        }
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(1L << 24, 3)]
    [InlineData((1L << 24) + 1, 4)]
    [InlineData(int.MaxValue, 4)]
    [InlineData(int.MaxValue + 1L, 5)]
    [InlineData(1L << 40, 5)]
    [InlineData((1L << 40) + 1, 6)]
    public void MinimumWidth_is_the_narrowest_width_that_holds_every_position(long textLength, int expected)
    {
        Assert.Equal(expected, SuffixArrayEntries.MinimumWidth(textLength));
        Assert.True(textLength <= SuffixArrayEntries.MaxTextLength(expected));
    }

    [Fact]
    public void Encode_refuses_a_position_the_width_cannot_hold()
    {
        var destination = new byte[6];
        Assert.Throws<ArgumentOutOfRangeException>(() => SuffixArrayEntries.Encode([0, 1 << 24], 3, destination));
        Assert.Throws<ArgumentOutOfRangeException>(() => SuffixArrayEntries.Encode([-1], 3, destination));
    }

    [Fact]
    public void A_searcher_refuses_a_text_too_long_for_its_entry_width()
    {
        var text = new ZeroSource((1L << 24) + 1);
        var entries = new ZeroSource(((1L << 24) + 1) * 3);
        Assert.Throws<ArgumentException>(() => new SuffixArraySearcher(text, entries, entryBytes: 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SuffixArraySearcher(new MemoryByteSource(new byte[] { 1, 2 }), new MemoryByteSource(new byte[] { 0, 0, 1, 0 }), entryBytes: 2));
    }

    /// <summary>A long source of zeros that is never read.</summary>
    private sealed class ZeroSource(long length) : IByteSource
    {
        public long Length => length;

        public int ReadAt(long offset, Span<byte> destination) => throw new InvalidOperationException("not read");

        public void Dispose()
        {
        }
    }
}
