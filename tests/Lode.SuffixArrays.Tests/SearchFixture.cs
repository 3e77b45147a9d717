using System.Runtime.InteropServices;
using Lode.IO;

namespace Lode.SuffixArrays.Tests;

/// <summary>A text, its suffix array, and both written to files in a temp directory, read back through <see cref="FileByteSource"/>.</summary>
internal sealed class SearchFixture : IDisposable
{
    private readonly DirectoryInfo _directory;

    public SearchFixture(byte[] text)
    {
        _directory = Directory.CreateTempSubdirectory("lode-sa-");
        Text = text;
        SuffixArray = Lode.SuffixArrays.SuffixArray.Build(text);
        string textPath = Path.Combine(_directory.FullName, "text");
        string saPath = Path.Combine(_directory.FullName, "sa");
        File.WriteAllBytes(textPath, text);
        File.WriteAllBytes(saPath, MemoryMarshal.AsBytes(SuffixArray.AsSpan()).ToArray());
        TextSource = FileByteSource.Open(textPath);
        SuffixArraySource = FileByteSource.Open(saPath);
    }

    public byte[] Text { get; }

    public int[] SuffixArray { get; }

    public IByteSource TextSource { get; }

    public IByteSource SuffixArraySource { get; }

    public SuffixArraySearcher Searcher(SuffixArraySample? sample = null) => new(TextSource, SuffixArraySource, sample);

    /// <summary>Checks FindRange and Locate against a naive scan.</summary>
    public void AssertFinds(SuffixArraySearcher searcher, byte[] pattern)
    {
        var range = searcher.FindRange(pattern);
        int[] expected = Naive.Occurrences(Text, pattern);
        int[] located = searcher.Locate(range);
        Assert.Equal(expected.Length, range.Count);
        Assert.Equal(SuffixArray[(int)range.Start..(int)range.End], located);
        Array.Sort(located);
        Assert.Equal(expected, located);
        if (range.Count == 0)
        {
            // An empty range sits where the pattern would sort.
            Assert.True(range.Start == 0 || Text.AsSpan(SuffixArray[range.Start - 1]).SequenceCompareTo(pattern) < 0);
            Assert.True(range.Start == Text.Length || Text.AsSpan(SuffixArray[range.Start]).SequenceCompareTo(pattern) > 0);
        }
    }

    public void Dispose()
    {
        TextSource.Dispose();
        SuffixArraySource.Dispose();
        _directory.Delete(recursive: true);
    }
}
