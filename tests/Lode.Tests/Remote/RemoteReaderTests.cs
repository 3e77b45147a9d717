using Lode.IO;

namespace Lode.Tests.Remote;

/// <summary>The engine's wrappers of remote readers return exactly the inner source's bytes, with fewer reads of it.</summary>
public sealed class RemoteReaderTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(SmallReadCache.BlockSize - 1)]
    [InlineData(3 * SmallReadCache.BlockSize + 5)]
    [InlineData(PrefetchedRanges.WholeObjectBytes + 77_777)]
    public void Reads_through_the_wrappers_equal_reads_of_the_source(int length)
    {
        var random = new Random(length);
        byte[] data = new byte[length];
        random.NextBytes(data);
        using var cached = new SmallReadCache(PrefetchedRanges.Open(new CountingSource(data)));

        for (int i = 0; i < 2000; i++)
        {
            long offset = random.Next(length + 10);
            int size = random.Next(4) == 0 ? random.Next(100_000) : random.Next(SmallReadCache.MaxSmallRead + 2);
            byte[] buffer = new byte[size];

            int n = cached.ReadAt(offset, buffer);

            int expected = (int)Math.Clamp(length - offset, 0, size);
            Assert.Equal(expected, n);
            Assert.True(buffer.AsSpan(0, n).SequenceEqual(data.AsSpan((int)Math.Min(offset, length), n)), $"offset {offset} size {size}");
        }
    }

    [Fact]
    public void Small_reads_of_one_block_reach_the_source_once()
    {
        var source = new CountingSource(new byte[10 * SmallReadCache.BlockSize]);
        using var cached = new SmallReadCache(source);
        byte[] entry = new byte[4];

        for (int i = 0; i < 100; i++)
        {
            cached.ReadAt(5 * SmallReadCache.BlockSize + (i * 40), entry);
        }

        Assert.Equal(1, source.Reads);
    }

    [Fact]
    public void Opening_a_large_object_reads_its_head_and_tail_and_serves_them_from_memory()
    {
        int length = 5 * PrefetchedRanges.WholeObjectBytes;
        var source = new CountingSource(new byte[length]);
        using var prefetched = PrefetchedRanges.Open(source);
        int afterOpen = source.Reads;
        byte[] buffer = new byte[1024];

        prefetched.ReadAt(0, buffer);
        prefetched.ReadAt(length - 1024, buffer);
        prefetched.ReadAt(length - PrefetchedRanges.TailBytes, buffer);
        Assert.Equal(afterOpen, source.Reads);
        prefetched.ReadAt(length / 2, buffer);

        Assert.Equal(2, afterOpen);
        Assert.Equal(3, source.Reads);
    }

    /// <summary>A memory source that counts the reads that reach it.</summary>
    private sealed class CountingSource(byte[] data) : IByteSource
    {
        private int _reads;

        public int Reads => _reads;

        public long Length => data.Length;

        public int ReadAt(long offset, Span<byte> buffer)
        {
            Interlocked.Increment(ref _reads);
            if (offset >= data.Length)
            {
                return 0;
            }
            int n = (int)Math.Min(buffer.Length, data.Length - offset);
            data.AsSpan((int)offset, n).CopyTo(buffer);
            return n;
        }

        public void Dispose()
        {
        }
    }
}
