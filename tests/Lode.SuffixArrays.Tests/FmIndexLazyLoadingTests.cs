using Lode.IO;

namespace Lode.SuffixArrays.Tests;

public class FmIndexLazyLoadingTests
{
    [Fact]
    public void Open_reads_only_the_header_and_queries_read_only_the_sections_they_need()
    {
        var text = TextGenerators.Random(new Random(8), 400_000, 16);
        var sa = FmIndexFixture.SuffixArray(text);
        var bytes = FmIndex.Build(text, sa, new FmIndexOptions { SampleRate = 16 });
        var source = new CountingSource(bytes);
        var index = FmIndex.Open(source);
        int headerLength = 1064 + 32 * 7 + 4;
        Assert.True(source.BytesRead <= 2 * headerLength);

        source.Reads = 0;
        Assert.Equal(0, index.Count([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3]).Count);
        Assert.True(source.Reads <= 2 * 20, $"{source.Reads} section reads");

        source.Reads = 0;
        var range = index.Count(text.AsSpan(123_456, 12));
        Assert.Equal(1, range.Count);
        var positions = new int[1];
        index.Locate(range, positions);
        Assert.Equal(123_456, positions[0]);
        int afterLocate = source.Reads;
        index.Locate(range, positions);
        Assert.Equal(afterLocate, source.Reads);
    }

    private sealed class CountingSource(byte[] bytes) : IByteSource
    {
        private readonly MemoryByteSource _inner = new(bytes);

        public int Reads { get; set; }

        public long BytesRead { get; private set; }

        public long Length => _inner.Length;

        public int ReadAt(long offset, Span<byte> buffer)
        {
            Reads++;
            int read = _inner.ReadAt(offset, buffer);
            BytesRead += read;
            return read;
        }

        public void Dispose() => _inner.Dispose();
    }
}
