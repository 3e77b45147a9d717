using Lode.IO;

namespace Lode.SuffixArrays.Tests;

/// <summary>Builds FM-indexes for the tests and computes what their queries must return.</summary>
internal static class FmIndexFixture
{
    public static int[] SuffixArray(byte[] text) =>
        Lode.SuffixArrays.SuffixArray.Build(text, new SuffixArrayOptions { Threads = 1, Algorithm = SuffixArrayAlgorithm.Sais });

    /// <summary>The index of <paramref name="text"/> opened from memory (see <see cref="Source"/>), and the text's suffix array.</summary>
    public static (FmIndex Index, int[] SuffixArray) Open(byte[] text, int sampleRate, bool lend = true)
    {
        var sa = SuffixArray(text);
        var bytes = FmIndex.Build(text, sa, new FmIndexOptions { SampleRate = sampleRate });
        return (FmIndex.Open(Source(bytes, lend)), sa);
    }

    /// <summary>The serialized index as a source that lends its sections in place (<see cref="IDirectByteSource"/>,
    /// as a mapped file does) or one that can only copy them out (as an encrypted or remote container does).</summary>
    public static IByteSource Source(ReadOnlyMemory<byte> bytes, bool lend) =>
        lend ? new MemoryByteSource(bytes) : new CopyingSource(new MemoryByteSource(bytes));

    /// <summary>Substrings of the text (lengths 1–12), plus random and over-long patterns.</summary>
    public static IEnumerable<byte[]> Patterns(Random random, byte[] text, int count)
    {
        yield return [];
        yield return [.. text, .. text];
        for (int i = 0; i < count; i++)
        {
            int length = 1 + random.Next(12);
            if (text.Length >= length && i % 4 != 0)
            {
                yield return text.AsSpan(random.Next(text.Length - length + 1), length).ToArray();
            }
            else
            {
                yield return TextGenerators.Random(random, length, 1 + random.Next(256));
            }
        }
    }

    /// <summary>Every position where <paramref name="pattern"/> occurs, increasing (naive scan).</summary>
    public static int[] Occurrences(byte[] text, byte[] pattern) =>
        Enumerable.Range(0, text.Length + 1)
            .Where(p => p < text.Length && text.AsSpan(p).StartsWith(pattern))
            .ToArray();

    /// <summary>The suffix array rows of the suffixes that start with <paramref name="pattern"/>.</summary>
    public static SuffixRange RangeInSuffixArray(byte[] text, int[] sa, byte[] pattern)
    {
        int first = -1;
        int last = -1;
        for (int row = 0; row < sa.Length; row++)
        {
            if (text.AsSpan(sa[row]).StartsWith(pattern))
            {
                first = first < 0 ? row : first;
                last = row;
            }
        }
        return first < 0 ? new SuffixRange(0, 0) : new SuffixRange(first, last + 1);
    }

    /// <summary>A source that hides its inner source's <see cref="IDirectByteSource"/>: reads copy.</summary>
    private sealed class CopyingSource(IByteSource inner) : IByteSource
    {
        public long Length => inner.Length;

        public int ReadAt(long offset, Span<byte> buffer) => inner.ReadAt(offset, buffer);

        public void Dispose() => inner.Dispose();
    }
}
