using Lode.IO;

namespace Lode.SuffixArrays.Tests;

public class FmIndexTests
{
    public static TheoryData<int> SampleRates => new() { 1, 4, 64 };

    [Theory]
    [MemberData(nameof(SampleRates))]
    public void Count_and_Locate_agree_with_a_naive_scan_on_random_text(int sampleRate)
    {
        var random = new Random(sampleRate);
        foreach (int alphabet in new[] { 1, 2, 4, 256 })
        {
            foreach (int length in new[] { 0, 1, 2, 17, 1_000, 20_000 })
            {
                AssertAgainstNaive(random, TextGenerators.Random(random, length, alphabet), sampleRate);
            }
        }
    }

    [Theory]
    [MemberData(nameof(SampleRates))]
    public void Count_and_Locate_agree_with_a_naive_scan_on_repetitive_text(int sampleRate)
    {
        var random = new Random(sampleRate + 100);
        var oneByte = new byte[5_000];
        Array.Fill(oneByte, (byte)'a');
        AssertAgainstNaive(random, oneByte, sampleRate);
        AssertAgainstNaive(random, TextGenerators.Fibonacci(6_000), sampleRate);
        AssertAgainstNaive(random, TextGenerators.Periodic(TextGenerators.Random(random, 37, 3), 3_700), sampleRate);
    }

    [Theory]
    [InlineData(4, 64)]
    [InlineData(256, 16)]
    [InlineData(3, 1)]
    public void Several_superblocks_locate_every_row_and_count_like_the_suffix_array(int alphabet, int sampleRate)
    {
        var random = new Random(alphabet);
        var text = TextGenerators.Random(random, 150_000, alphabet);
        text.AsSpan(70_000, 30_000).Fill((byte)1);
        AssertAgainstSuffixArray(random, text, sampleRate);
        AssertAgainstSuffixArray(random, TextGenerators.Fibonacci(140_000), sampleRate);
    }

    [Fact]
    public void Empty_pattern_is_every_row_and_long_or_absent_patterns_are_empty()
    {
        var text = "abracadabra"u8.ToArray();
        var (index, _) = FmIndexFixture.Open(text, 4);
        Assert.Equal(new SuffixRange(0, text.Length), index.Count([]));
        Assert.Equal(0, index.Count("abracadabraabracadabra"u8).Count);
        Assert.Equal(0, index.Count("z"u8).Count);
        Assert.Equal(0, index.Count("rab"u8).Count);
        Assert.Equal(5, index.Count("a"u8).Count);
        Assert.Equal(text.Length, index.TextLength);

        var (empty, _) = FmIndexFixture.Open([], 64);
        Assert.Equal(new SuffixRange(0, 0), empty.Count([]));
        Assert.Equal(0, empty.Count("a"u8).Count);
        empty.Verify();
    }

    [Fact]
    public void Locate_rejects_bad_arguments()
    {
        var (index, _) = FmIndexFixture.Open("banana"u8.ToArray(), 4);
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Locate(new SuffixRange(0, 7), new int[7]));
        Assert.Throws<ArgumentException>(() => index.Locate(new SuffixRange(0, 2), new int[3]));
        Assert.Throws<ArgumentException>(() => FmIndex.Build("ab"u8, [0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FmIndexOptions { SampleRate = 3 });
    }

    [Fact]
    public void Round_trip_through_a_byte_source_is_identical_to_a_rebuild()
    {
        var text = TextGenerators.Random(new Random(5), 70_000, 16);
        var sa = FmIndexFixture.SuffixArray(text);
        var bytes = FmIndex.Build(text, sa, new FmIndexOptions { SampleRate = 8 });
        Assert.Equal(bytes, FmIndex.Build(text, sa, new FmIndexOptions { SampleRate = 8 }));
        using var source = new MemoryByteSource(bytes);
        var index = FmIndex.Open(source);
        Assert.Equal(bytes.Length, index.SizeInBytes);
        index.Verify();
        var positions = new int[text.Length];
        index.Locate(new SuffixRange(0, text.Length), positions);
        Assert.Equal(sa, positions);
    }

    [Fact]
    public void Concurrent_queries_agree()
    {
        var text = TextGenerators.Random(new Random(9), 200_000, 4);
        var (index, sa) = FmIndexFixture.Open(text, 16);
        Parallel.For(0, 8, t =>
        {
            var positions = new int[25_000];
            index.Locate(new SuffixRange(t * 25_000, (t + 1) * 25_000), positions);
            Assert.Equal(sa.AsSpan(t * 25_000, 25_000).ToArray(), positions);
        });
    }

    [Fact]
    public void Real_source_text_locates_every_row_and_counts_like_the_suffix_array()
    {
        if (!Directory.Exists("/usr/include"))
        {
            return;
        }
        var text = new List<byte>();
        foreach (var path in Directory.EnumerateFiles("/usr/include", "*.h", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(path);
            if (!bytes.Contains((byte)0))
            {
                text.AddRange(bytes);
            }
            if (text.Count > 1 << 21)
            {
                break;
            }
        }
        AssertAgainstSuffixArray(new Random(1), [.. text], 16);
    }

    private static void AssertAgainstNaive(Random random, byte[] text, int sampleRate)
    {
        // Every other pattern goes to the index whose sections are copied out of the source instead of lent.
        var (lent, _) = FmIndexFixture.Open(text, sampleRate);
        var (copied, _) = FmIndexFixture.Open(text, sampleRate, lend: false);
        int i = 0;
        foreach (var pattern in FmIndexFixture.Patterns(random, text, 40))
        {
            var index = i++ % 2 == 0 ? lent : copied;
            var expected = FmIndexFixture.Occurrences(text, pattern);
            var range = index.Count(pattern);
            Assert.Equal(expected.Length, range.Count);
            var positions = new int[range.Count];
            index.Locate(range, positions);
            Array.Sort(positions);
            Assert.Equal(expected, positions);
        }
    }

    private static void AssertAgainstSuffixArray(Random random, byte[] text, int sampleRate)
    {
        var (index, sa) = FmIndexFixture.Open(text, sampleRate, lend: random.Next(2) == 0);
        var positions = new int[text.Length];
        index.Locate(new SuffixRange(0, text.Length), positions);
        Assert.Equal(sa, positions);
        foreach (var pattern in FmIndexFixture.Patterns(random, text, 10))
        {
            var range = index.Count(pattern);
            var expected = FmIndexFixture.RangeInSuffixArray(text, sa, pattern);
            Assert.Equal(expected.Count, range.Count);
            if (expected.Count > 0)
            {
                Assert.Equal(expected, range);
            }
        }
        index.Verify();
    }
}
