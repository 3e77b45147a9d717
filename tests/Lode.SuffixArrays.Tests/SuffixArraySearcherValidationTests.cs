using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Lode.IO;

namespace Lode.SuffixArrays.Tests;

public class SuffixArraySearcherValidationTests
{
    private static readonly byte[] Text = "to be or not to be"u8.ToArray();

    [Theory]
    [InlineData(-1)]
    [InlineData(-4)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void Constructor_rejects_a_suffix_array_of_the_wrong_size(int extraBytes)
    {
        var sa = new MemoryByteSource(new byte[(4 * Text.Length) + extraBytes]);
        Assert.Throws<ArgumentException>(() => new SuffixArraySearcher(new MemoryByteSource(Text), sa));
    }

    [Fact]
    public void Constructor_rejects_a_sample_of_another_text()
    {
        byte[] other = [.. Text, (byte)'!'];
        var sample = SuffixArraySample.Build(other, SuffixArray.Build(other), 4, 4);
        Assert.Throws<ArgumentException>(() => new SuffixArraySearcher(new MemoryByteSource(Text), SaSource(SuffixArray.Build(Text)), sample));
    }

    [Fact]
    public void Locate_rejects_a_range_outside_the_array()
    {
        var searcher = new SuffixArraySearcher(new MemoryByteSource(Text), SaSource(SuffixArray.Build(Text)));
        Assert.Throws<ArgumentOutOfRangeException>(() => searcher.Locate(new SuffixRange(-1, 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => searcher.Locate(new SuffixRange(0, Text.Length + 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => searcher.Locate(new SuffixRange(5, 4)));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(18)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void Corrupt_suffix_array_entries_are_reported_not_followed(int badEntry)
    {
        var sa = SuffixArray.Build(Text);
        var bytes = MemoryMarshal.AsBytes(sa.AsSpan()).ToArray();
        for (int i = 0; i < sa.Length; i++)
        {
            var corrupt = (byte[])bytes.Clone();
            BinaryPrimitives.WriteInt32LittleEndian(corrupt.AsSpan(4 * i), badEntry);
            var searcher = new SuffixArraySearcher(new MemoryByteSource(Text), new MemoryByteSource(corrupt));
            Assert.Throws<InvalidDataException>(() => searcher.Locate(new SuffixRange(0, Text.Length)));
            foreach (var pattern in new[] { "be"u8.ToArray(), "o"u8.ToArray(), "zzz"u8.ToArray(), Text })
            {
                try
                {
                    var range = searcher.FindRange(pattern);
                    Assert.InRange(range.Start, 0, range.End);
                    Assert.InRange(range.End, range.Start, Text.Length);
                }
                catch (InvalidDataException)
                {
                    // Reported: fine. Anything else (a crash, a hang, a wild read) fails the test.
                }
            }
        }
    }

    private static MemoryByteSource SaSource(int[] sa) => new(MemoryMarshal.AsBytes(sa.AsSpan()).ToArray());
}
