namespace Lode.Snapshots.Tests;

public sealed class ReaderTests
{
    private static readonly byte[] Data = Snap.Random(4 << 20, 61);

    private static byte[] File() => Snap.WriteBytes(
        new SnapshotWriterOptions { Chunking = new ChunkingOptions(ChunkingMethod.FastCdc, 1024, 4096, 16384) },
        w => w.Append("data", Data));

    [Fact]
    public void Concurrent_readers_on_one_reader_get_the_right_bytes()
    {
        using var reader = SnapshotReader.Open(new Lode.IO.MemoryByteSource(File()), new SnapshotReaderOptions { BlockCacheBytes = 256 << 10 });
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, t =>
        {
            var random = new Random(t);
            var buffer = new byte[70_000];
            for (int i = 0; i < 300; i++)
            {
                long offset = random.NextInt64(Data.Length);
                int length = random.Next(1, buffer.Length);
                int n = reader.ReadAt("data", offset, buffer.AsSpan(0, length));
                Assert.Equal((int)Math.Min(length, Data.Length - offset), n);
                Assert.True(buffer.AsSpan(0, n).SequenceEqual(Data.AsSpan((int)offset, n)), $"thread {t} read {i}");
            }
        });
    }

    [Fact]
    public void Stream_view_seeks_and_reads()
    {
        using var reader = Snap.Open(File());
        using var stream = reader.OpenStream("data");
        Assert.True(stream.CanSeek);
        Assert.True(stream.CanRead);
        Assert.False(stream.CanWrite);
        Assert.Equal(Data.Length, stream.Length);
        var copy = new MemoryStream();
        stream.CopyTo(copy);
        Assert.Equal(Data, copy.ToArray());
        Assert.Equal(Data.Length, stream.Position);
        Assert.Equal(0, stream.Read(new byte[10]));
        stream.Seek(-100, SeekOrigin.End);
        var tail = new byte[200];
        Assert.Equal(100, stream.Read(tail));
        Assert.Equal(Data[^100..], tail[..100]);
        stream.Position = 12345;
        stream.Seek(5, SeekOrigin.Current);
        var middle = new byte[1000];
        stream.ReadExactly(middle);
        Assert.Equal(Data[12350..13350], middle);
        Assert.Throws<IOException>(() => stream.Seek(-1, SeekOrigin.Begin));
        Assert.Throws<NotSupportedException>(() => stream.Write(new byte[1]));
    }

    [Fact]
    public void Reads_at_and_beyond_the_end_are_short_or_empty()
    {
        using var reader = Snap.Open(File());
        var buffer = new byte[100];
        Assert.Equal(10, reader.ReadAt("data", Data.Length - 10, buffer));
        Assert.Equal(Data[^10..], buffer[..10]);
        Assert.Equal(0, reader.ReadAt("data", Data.Length, buffer));
        Assert.Equal(0, reader.ReadAt("data", long.MaxValue, buffer));
        Assert.Equal(0, reader.ReadAt("data", 5, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.ReadAt("data", -1, buffer));
    }

    [Fact]
    public void A_missing_stream_is_named_in_the_error()
    {
        using var reader = Snap.Open(File());
        var e = Assert.Throws<KeyNotFoundException>(() => reader.GetLength("meta"));
        Assert.Contains("'meta'", e.Message);
        Assert.Contains("'data'", e.Message);
        Assert.Throws<KeyNotFoundException>(() => reader.ReadAt("meta", 0, new byte[1]));
    }

    [Fact]
    public void Verify_reports_progress_up_to_the_stored_bytes()
    {
        var file = File();
        using var reader = Snap.Open(file);
        var reports = new List<long>();
        reader.Verify(new SynchronousProgress(reports));
        Assert.NotEmpty(reports);
        Assert.Equal(reports.Order(), reports);
        Assert.InRange(reports[^1], file.Length - 2048, file.Length);
    }

    [Fact]
    public void Header_describes_the_writer()
    {
        using var reader = Snap.Open(File());
        Assert.StartsWith("Lode.Snapshots ", reader.Header.WriterVersion);
        Assert.InRange(reader.Header.CreatedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal(3, reader.Header.Level);
        Assert.Equal(64, reader.Header.IntegrityRoot.Length);
        var chunking = new ChunkingOptions(ChunkingMethod.FastCdc, 1024, 4096, 16384);
        Assert.Equal(new SnapshotStreamInfo("data", Data.Length, reader.Header.Streams[0].BlockCount, Lode.IO.CompressionCodec.Zstd, 3, chunking), Assert.Single(reader.Header.Streams));
        Assert.Equal(new SnapshotVersion(1, 1), reader.Header.Version);
        Assert.Empty(reader.Header.Parents);
        Assert.False(reader.Header.IsEncrypted);
    }

    [Fact]
    public async Task ReadAtAsync_returns_the_same_bytes_as_ReadAt()
    {
        using var reader = Snap.Open(File());
        var buffer = new byte[100_000];
        Assert.Equal(buffer.Length, await reader.ReadAtAsync("data", 12_345, buffer));
        Assert.Equal(Data.AsSpan(12_345, buffer.Length).ToArray(), buffer);
        Assert.Equal(10, await reader.ReadAtAsync("data", Data.Length - 10, buffer));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => reader.ReadAtAsync("meta", 0, buffer));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader.ReadAtAsync("data", 0, buffer, new CancellationToken(canceled: true)));
    }

    [Theory]
    [InlineData(4, false)]
    [InlineData(0, true)]
    public async Task Sequential_reads_prefetch_the_next_blocks_in_the_background(int prefetchBlocks, bool readsLater)
    {
        var source = new CountingSource(File());
        using var reader = SnapshotReader.Open(source, new SnapshotReaderOptions { PrefetchBlocks = prefetchBlocks });
        var blocks = reader.GetBlocks("data", 0, 1 << 20);
        long position = 0;
        for (int i = 0; i < 3; i++)
        {
            position += reader.ReadAt("data", position, new byte[blocks[i].Length]);
        }
        await reader.Prefetch;
        source.Reset();
        for (int i = 3; i < 6; i++)
        {
            position += reader.ReadAt("data", position, new byte[blocks[i].Length]);
        }
        Assert.Equal(readsLater, source.BytesRead > 0);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(64L << 20)]
    public void A_read_spanning_many_blocks_decodes_them_in_parallel_and_returns_the_right_bytes(long cacheBytes)
    {
        using var reader = SnapshotReader.Open(new Lode.IO.MemoryByteSource(File()), new SnapshotReaderOptions { BlockCacheBytes = cacheBytes });
        var buffer = new byte[3 << 20];
        Assert.Equal(buffer.Length, reader.ReadAt("data", 777, buffer));
        Assert.Equal(Data.AsSpan(777, buffer.Length).ToArray(), buffer);
        Assert.Equal(buffer.Length, reader.ReadAt("data", 777, buffer));
        Assert.Equal(Data.AsSpan(777, buffer.Length).ToArray(), buffer);
    }

    private sealed class SynchronousProgress(List<long> reports) : IProgress<long>
    {
        public void Report(long value) => reports.Add(value);
    }
}
