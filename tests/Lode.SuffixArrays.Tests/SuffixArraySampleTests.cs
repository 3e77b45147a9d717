using System.Buffers.Binary;
using Lode.IO;

namespace Lode.SuffixArrays.Tests;

public class SuffixArraySampleTests
{
    private static readonly byte[] Text = TextGenerators.Random(new Random(3), 1_000, 5);
    private static readonly int[] Sa = SuffixArray.Build(Text);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 3)]
    [InlineData(1024, 32)]
    [InlineData(1000, 4096)]
    public void Sample_round_trips_through_bytes(int interval, int prefixLength)
    {
        var sample = SuffixArraySample.Build(Text, Sa, interval, prefixLength);
        var bytes = sample.ToBytes();
        var parsed = SuffixArraySample.Parse(bytes, Text.Length);
        Assert.Equal(interval, parsed.Interval);
        Assert.Equal(prefixLength, parsed.PrefixLength);
        Assert.Equal(bytes, parsed.ToBytes());
    }

    [Fact]
    public void Sample_of_an_empty_text_round_trips()
    {
        var bytes = SuffixArraySample.Build([], [], 16, 8).ToBytes();
        Assert.Equal(bytes, SuffixArraySample.Parse(bytes, 0).ToBytes());
    }

    [Fact]
    public void Parse_refuses_every_truncation()
    {
        var bytes = SuffixArraySample.Build(Text, Sa, 100, 8).ToBytes();
        for (int length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => SuffixArraySample.Parse(bytes.AsSpan(0, length), Text.Length));
        }
    }

    [Fact]
    public void Parse_refuses_every_single_bit_flip()
    {
        var bytes = SuffixArraySample.Build(Text, Sa, 100, 8).ToBytes();
        for (int bit = 0; bit < bytes.Length * 8; bit++)
        {
            var flipped = (byte[])bytes.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.Throws<InvalidDataException>(() => SuffixArraySample.Parse(flipped, Text.Length));
        }
    }

    [Fact]
    public void Parse_refuses_a_sample_of_another_suffix_array_length()
    {
        var bytes = SuffixArraySample.Build(Text, Sa, 100, 8).ToBytes();
        var error = Assert.Throws<InvalidDataException>(() => SuffixArraySample.Parse(bytes, Text.Length + 1));
        Assert.Contains("1000 entries", error.Message);
        var bytesNotEntries = Assert.Throws<InvalidDataException>(() => SuffixArraySample.Parse(bytes, 4 * Text.Length));
        Assert.Contains("not the size in bytes", bytesNotEntries.Message);
    }

    public static TheoryData<string, Action<byte[]>> Inconsistencies => new()
    {
        { "interval 0 ", bytes => BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16), 0) },
        { "holds 23 samples", bytes => BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16), 99) },
        { "prefix length 4097", bytes => BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(20), SuffixArraySample.MaxPrefixLength + 1) },
        { "holds -1 samples", bytes => BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(24), -1) },
        { "not the expected 23", bytes => BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8), long.MaxValue) },
        { "text position 1000,", bytes => BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(28), 1_000) },
        { "text position -5,", bytes => BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(28), -5) },
        { "out of suffix order", bytes => bytes[28 + 4] = 0xFF },
        { "nonzero bytes", bytes => bytes[28 + 4 + 3] = 1 },
        { "format version 2", bytes => BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), 2) },
    };

    [Theory]
    [MemberData(nameof(Inconsistencies))]
    public void Parse_refuses_inconsistent_samples_even_with_a_valid_checksum(string expectedMessage, Action<byte[]> corrupt)
    {
        // A text whose first sampled suffix is shorter than the prefix, so the last entry has padding.
        byte[] text = [.. Enumerable.Repeat((byte)'z', 20), .. "abc"u8];
        var sa = SuffixArray.Build(text);
        var bytes = SuffixArraySample.Build(text, sa, 1, 8).ToBytes();
        Assert.Equal(20, sa[0]); // entry 0 is "abc": three bytes, then zero padding
        corrupt(bytes);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), Crc32C.Compute(bytes.AsSpan(0, bytes.Length - 4)));
        var error = Assert.Throws<InvalidDataException>(() => SuffixArraySample.Parse(bytes, text.Length));
        Assert.Contains(expectedMessage, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_rejects_a_suffix_array_of_another_length_and_bad_parameters()
    {
        Assert.Throws<ArgumentException>(() => SuffixArraySample.Build(Text, Sa.AsSpan(1), 16, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => SuffixArraySample.Build(Text, Sa, 0, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => SuffixArraySample.Build(Text, Sa, 16, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SuffixArraySample.Build(Text, Sa, 16, SuffixArraySample.MaxPrefixLength + 1));
        var bad = (int[])Sa.Clone();
        bad[0] = Text.Length;
        Assert.Throws<ArgumentException>(() => SuffixArraySample.Build(Text, bad, 16, 8));
    }
}
