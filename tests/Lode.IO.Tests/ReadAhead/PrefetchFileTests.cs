using FsCheck;
using FsCheck.Fluent;

namespace Lode.IO.Tests.ReadAhead;

public sealed class PrefetchFileTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("lode-prefetch-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string WriteFile(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        string path = Path.Combine(_dir.FullName, $"f{seed}-{length}");
        File.WriteAllBytes(path, data);
        return path;
    }

    [Fact]
    public void The_multi_stream_reader_reads_back_any_file()
    {
        Prop.ForAll(
            Gen.Choose(0, 8192).Zip(Gen.Choose(1, 2048)).Zip(Gen.Choose(1, 6).Zip(Gen.Choose(1, 6)).Zip(Gen.Choose(1, 256))).ToArbitrary(),
            t =>
            {
                var ((length, chunk), ((depth, streams), readSize)) = t;
                streams = Math.Min(streams, depth);
                string path = WriteFile(length, length * 31 + chunk);
                using var stream = PrefetchStream.OpenFile(path, new PrefetchFileOptions { ChunkSize = chunk, Depth = depth, Streams = streams });
                var output = new MemoryStream();
                var buffer = new byte[readSize];
                int n;
                while ((n = stream.Read(buffer)) > 0)
                {
                    output.Write(buffer, 0, n);
                }
                bool equal = output.ToArray().AsSpan().SequenceEqual(File.ReadAllBytes(path));
                File.Delete(path);
                return equal;
            }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void A_file_of_many_chunks_reads_back_identically(int streams)
    {
        string path = WriteFile(3_000_017, streams);
        using var stream = PrefetchStream.OpenFile(path, new PrefetchFileOptions { ChunkSize = 65536, Depth = 4, Streams = streams });
        var output = new MemoryStream();
        stream.CopyTo(output);
        Assert.Equal(File.ReadAllBytes(path), output.ToArray());
        Assert.Equal(0, stream.Read(new byte[1]));
    }

    [Fact]
    public void A_file_that_is_an_exact_multiple_of_the_chunk_size_ends_cleanly()
    {
        string path = WriteFile(4096 * 5, 3);
        using var stream = PrefetchStream.OpenFile(path, new PrefetchFileOptions { ChunkSize = 4096, Depth = 2, Streams = 2 });
        var output = new MemoryStream();
        stream.CopyTo(output);
        Assert.Equal(File.ReadAllBytes(path), output.ToArray());
    }

    [Fact]
    public void Disposing_a_file_reader_mid_way_stops_every_reader_thread()
    {
        string path = WriteFile(1 << 20, 4);
        var stream = PrefetchStream.OpenFile(path, new PrefetchFileOptions { ChunkSize = 4096, Depth = 4, Streams = 3 });
        Assert.Equal(100, stream.Read(new byte[100]));
        stream.Dispose();
        Assert.True(stream.ProducerExited);
        Assert.Equal(0, stream.BuffersOutstanding);
        File.Delete(path);
    }

    [Fact]
    public void Bad_file_options_are_rejected()
    {
        string path = WriteFile(10, 5);
        Assert.Throws<ArgumentOutOfRangeException>(() => PrefetchStream.OpenFile(path, new PrefetchFileOptions { ChunkSize = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => PrefetchStream.OpenFile(path, new PrefetchFileOptions { Depth = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => PrefetchStream.OpenFile(path, new PrefetchFileOptions { Streams = 5, Depth = 4 }));
        Assert.Throws<FileNotFoundException>(() => PrefetchStream.OpenFile(Path.Combine(_dir.FullName, "missing")));
    }

    [Fact]
    public void Evicting_a_file_from_the_page_cache_keeps_its_bytes()
    {
        string path = WriteFile(100_000, 6);
        PageCache.Evict(path);
        using var stream = PrefetchStream.OpenFile(path);
        var output = new MemoryStream();
        stream.CopyTo(output);
        Assert.Equal(File.ReadAllBytes(path), output.ToArray());
    }
}
