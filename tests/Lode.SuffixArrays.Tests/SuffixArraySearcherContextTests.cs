using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Lode.IO;

namespace Lode.SuffixArrays.Tests;

/// <summary>Search over bounded-context suffix arrays (patterns longer than the context are verified), 8-byte entries, and suffix array files.</summary>
public class SuffixArraySearcherContextTests
{
    public static TheoryData<int, int> Contexts => new()
    {
        // bounded context, sample prefix length (0 = no sample)
        { 1, 0 },
        { 3, 0 },
        { 3, 3 },
        { 8, 4 },
        { 32, 0 },
    };

    [Theory]
    [MemberData(nameof(Contexts))]
    public void Count_and_Locate_agree_with_a_naive_scan_for_patterns_shorter_and_longer_than_the_context(int context, int prefixLength)
    {
        var random = new Random((context * 7) + prefixLength);
        byte[][] texts =
        [
            TextGenerators.Random(random, 3_000, 2),
            TextGenerators.Random(random, 3_000, 256),
            TextGenerators.Periodic("abcab"u8.ToArray(), 2_000),
            TextGenerators.Fibonacci(2_500),
            [.. Enumerable.Repeat((byte)'a', 1_500)],
        ];
        foreach (var text in texts)
        {
            int[] sa = SuffixArray.Build(text, new SuffixArrayOptions { BoundedContext = context });
            var sample = prefixLength == 0 ? null : SuffixArraySample.Build(text, sa, 16, prefixLength);
            var searcher = new SuffixArraySearcher(new MemoryByteSource(text), SaSource(sa, 4), sample, 4, context);
            var wide = new SuffixArraySearcher(new MemoryByteSource(text), SaSource(sa, 8), sample, 8, context);
            for (int i = 0; i < 120; i++)
            {
                byte[] pattern = Pattern(random, text, maxLength: (3 * context) + 5);
                AssertFinds(searcher, text, pattern, context);
                AssertFinds(wide, text, pattern, context);
            }
            AssertFinds(searcher, text, [], context);
            AssertFinds(searcher, text, [.. text[^Math.Min(text.Length, context + 2)..], 0], context);
        }
    }

    [Fact]
    public void Open_reads_entry_width_and_context_from_a_suffix_array_file()
    {
        var directory = Directory.CreateTempSubdirectory("lode-sa-search-");
        try
        {
            var text = TextGenerators.Periodic("the cat sat on the mat; "u8.ToArray(), 5_000);
            string textPath = Path.Combine(directory.FullName, "text");
            File.WriteAllBytes(textPath, text);
            SuffixArrayFileBuilder.Build(textPath, textPath + ".sa", new SuffixArrayOptions { BoundedContext = 6, ComputeLcp = true });
            using var textSource = FileByteSource.Open(textPath);
            using var file = FileByteSource.Open(textPath + ".sa");
            var searcher = SuffixArraySearcher.Open(textSource, file);
            Assert.Equal(6, searcher.BoundedContext);
            AssertFinds(searcher, text, "the mat; the"u8.ToArray(), 6);
            AssertFinds(searcher, text, "the mat; thf"u8.ToArray(), 6);
            AssertFinds(searcher, text, "at"u8.ToArray(), 6);
            Assert.Throws<ArgumentException>(() => SuffixArraySearcher.Open(new MemoryByteSource(text[1..]), file));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_sample_that_keeps_more_than_the_context_is_refused()
    {
        byte[] text = "mississippi"u8.ToArray();
        int[] sa = SuffixArray.Build(text, new SuffixArrayOptions { BoundedContext = 2 });
        var sample = SuffixArraySample.Build(text, sa, 2, 2);
        Assert.Throws<ArgumentException>(() => new SuffixArraySearcher(new MemoryByteSource(text), SaSource(sa, 4), SuffixArraySample.Build(text, SuffixArray.Build(text), 2, 3), 4, 2));
        Assert.Equal(2, new SuffixArraySearcher(new MemoryByteSource(text), SaSource(sa, 4), sample, 4, 2).Count("ssi"u8));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SuffixArraySearcher(new MemoryByteSource(text), SaSource(sa, 4), null, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SuffixArraySearcher(new MemoryByteSource(text), SaSource(sa, 4), null, 4, 0));
    }

    [Fact]
    public void Eight_byte_entries_are_checked_like_four_byte_ones()
    {
        byte[] text = "to be or not to be"u8.ToArray();
        var bytes = SaSource(SuffixArray.Build(text), 8).ReadBytes(0, text.Length * 8);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8 * 3), (long)int.MaxValue + 5);
        var searcher = new SuffixArraySearcher(new MemoryByteSource(text), new MemoryByteSource(bytes), null, 8);
        Assert.Throws<InvalidDataException>(() => searcher.Locate(new SuffixRange(0, text.Length)));
        Assert.Throws<ArgumentException>(() => new SuffixArraySearcher(new MemoryByteSource(text), new MemoryByteSource(bytes.AsMemory(0, bytes.Length - 4)), null, 8));
    }

    private static void AssertFinds(SuffixArraySearcher searcher, byte[] text, byte[] pattern, int context)
    {
        // Every suffix starts with the empty pattern (the naive scan also counts the empty suffix at n).
        int[] expected = pattern.Length == 0 ? [.. Enumerable.Range(0, text.Length)] : Naive.Occurrences(text, pattern);
        int[] located = searcher.Locate(pattern);
        Array.Sort(located);
        Assert.Equal(expected, located);
        Assert.Equal(expected.Length, searcher.Count(pattern));
        var range = searcher.FindRange(pattern);
        if (pattern.Length <= context)
        {
            Assert.Equal(expected.Length, range.Count);
        }
        else
        {
            Assert.Equal(Naive.Occurrences(text, pattern[..context]).Length, range.Count);
        }
    }

    private static byte[] Pattern(Random random, byte[] text, int maxLength)
    {
        int start = random.Next(text.Length);
        var pattern = text.AsSpan(start, Math.Min(random.Next(1, maxLength + 1), text.Length - start)).ToArray();
        if (random.Next(3) == 0)
        {
            pattern[random.Next(pattern.Length)] ^= (byte)random.Next(1, 256);
        }
        return pattern;
    }

    private static MemoryByteSource SaSource(int[] sa, int entryBytes)
    {
        if (entryBytes == 4)
        {
            return new MemoryByteSource(MemoryMarshal.AsBytes(sa.AsSpan()).ToArray());
        }
        var bytes = new byte[sa.Length * 8];
        for (int i = 0; i < sa.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8 * i), sa[i]);
        }
        return new MemoryByteSource(bytes);
    }
}
