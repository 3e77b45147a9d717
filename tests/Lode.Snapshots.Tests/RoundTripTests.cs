using Lode.IO;

namespace Lode.Snapshots.Tests;

public sealed class RoundTripTests
{
    [Fact]
    public void Empty_snapshot_has_no_streams_and_reads_back()
    {
        using var dir = new TempDirectory();
        var result = Snap.Write(dir.File("s"), null, _ => { });
        Assert.Equal(0, result.Blocks);
        using var source = FileByteSource.Open(dir.File("s"));
        using var reader = SnapshotReader.Open(source);
        Assert.Empty(reader.Header.Streams);
        Assert.False(reader.HasStream("data"));
        reader.Verify();
    }

    [Fact]
    public void Empty_stream_exists_with_length_zero()
    {
        var file = Snap.WriteBytes(null, w => w.Append("data", []));
        using var reader = Snap.Open(file);
        Assert.True(reader.HasStream("data"));
        Assert.Equal(0, reader.GetLength("data"));
        Assert.Equal(0, reader.ReadAt("data", 0, new byte[10]));
    }

    [Fact]
    public void One_byte_round_trips()
    {
        var file = Snap.WriteBytes(null, w => w.Append("data", [42]));
        using var reader = Snap.Open(file);
        Assert.Equal([42], Snap.ReadAll(reader, "data"));
        reader.Verify();
    }

    [Fact]
    public void Exactly_one_maximum_chunk_round_trips_as_one_block()
    {
        var options = new SnapshotWriterOptions { Chunking = new ChunkingOptions(ChunkingMethod.Fixed, 4096, 65536, 65536) };
        var data = Snap.Random(65536, 1);
        var file = Snap.WriteBytes(options, w => w.Append("data", data));
        using var reader = Snap.Open(file);
        Assert.Equal(1, reader.Header.Streams[0].BlockCount);
        Assert.Equal(data, Snap.ReadAll(reader, "data"));
    }

    [Fact]
    public void Random_64_MiB_round_trips_through_a_file()
    {
        using var dir = new TempDirectory();
        var data = Snap.Random(64 << 20, 2);
        var result = Snap.Write(dir.File("s"), null, w => w.Append("data", data));
        Assert.Equal(data.Length, result.LogicalBytes);
        Assert.Equal(new FileInfo(dir.File("s")).Length, result.StoredBytes);
        using var source = FileByteSource.Open(dir.File("s"));
        using var reader = SnapshotReader.Open(source);
        Assert.Equal(data, Snap.ReadAll(reader, "data"));
        Assert.Equal(result.IntegrityRoot, reader.Header.IntegrityRoot);
        reader.Verify();
    }

    [Fact]
    public void Compressible_text_is_stored_smaller()
    {
        var data = Snap.Text(4 << 20, 3);
        var file = Snap.WriteBytes(null, w => w.Append("data", data));
        Assert.True(file.Length < data.Length / 3, $"{file.Length} bytes stored for {data.Length}");
        using var reader = Snap.Open(file);
        Assert.Equal(data, Snap.ReadAll(reader, "data"));
        reader.Verify();
    }

    [Fact]
    public void Sparse_1_GiB_stream_stores_few_bytes()
    {
        using var dir = new TempDirectory();
        var piece = new byte[1 << 20];
        var result = Snap.Write(dir.File("s"), null, w =>
        {
            for (int i = 0; i < 1024; i++)
            {
                piece[0] = (byte)(i % 64 == 0 ? i + 1 : 0);
                w.Append("data", piece);
            }
        });
        Assert.Equal(1L << 30, result.LogicalBytes);
        Assert.True(result.StoredBytes < 1 << 20, $"{result.StoredBytes} bytes stored");
        Assert.True(result.ZeroBlocks > 3900, $"{result.ZeroBlocks} zero blocks");
        using var source = FileByteSource.Open(dir.File("s"));
        using var reader = SnapshotReader.Open(source);
        var back = new byte[1 << 20];
        for (int i = 0; i < 1024; i++)
        {
            Assert.Equal(back.Length, reader.ReadAt("data", (long)i << 20, back));
            Assert.Equal(i % 64 == 0 ? (byte)(i + 1) : 0, back[0]);
            Assert.False(back.AsSpan(1).ContainsAnyExcept((byte)0));
        }
    }

    [Fact]
    public void Interleaved_streams_read_back_separately()
    {
        var data = Snap.Random(3 << 20, 4);
        var meta = Snap.Text(1 << 20, 5);
        var extra = Snap.Random(1000, 6);
        var file = Snap.WriteBytes(Snap.Small, w =>
        {
            for (int i = 0; i < 16; i++)
            {
                w.Append("data", data.AsSpan(i * (data.Length / 16), data.Length / 16));
                w.Append("meta", meta.AsSpan(i * (meta.Length / 16), meta.Length / 16));
                if (i == 7)
                {
                    w.Append("x-1", extra);
                }
            }
            Assert.Equal(data.Length, w.GetLength("data"));
            Assert.Equal(0, w.GetLength("absent"));
        });
        using var reader = Snap.Open(file);
        Assert.Equal(["data", "meta", "x-1"], reader.Header.Streams.Select(s => s.Name));
        Assert.Equal(data, Snap.ReadAll(reader, "data"));
        Assert.Equal(meta, Snap.ReadAll(reader, "meta"));
        Assert.Equal(extra, Snap.ReadAll(reader, "x-1"));
        reader.Verify();
    }

    [Theory]
    [InlineData(CompressionCodec.None, ChunkingMethod.FastCdc, false)]
    [InlineData(CompressionCodec.Zstd, ChunkingMethod.FastCdc, false)]
    [InlineData(CompressionCodec.Lz4, ChunkingMethod.FastCdc, false)]
    [InlineData(CompressionCodec.None, ChunkingMethod.Fixed, false)]
    [InlineData(CompressionCodec.Zstd, ChunkingMethod.Fixed, false)]
    [InlineData(CompressionCodec.Lz4, ChunkingMethod.Fixed, false)]
    [InlineData(CompressionCodec.None, ChunkingMethod.FastCdc, true)]
    [InlineData(CompressionCodec.Zstd, ChunkingMethod.FastCdc, true)]
    [InlineData(CompressionCodec.Lz4, ChunkingMethod.Fixed, true)]
    public void Every_codec_and_chunking_method_round_trips_with_and_without_encryption(CompressionCodec codec, ChunkingMethod method, bool encrypted)
    {
        var data = new byte[3 << 20];
        Snap.Text(1 << 20, 7).CopyTo(data, 0);
        Snap.Random(1 << 20, 8).CopyTo(data, 2 << 20);
        var encryption = encrypted ? SnapshotEncryption.FromKey(new byte[32]) : null;
        var options = new SnapshotWriterOptions { Codec = codec, Chunking = new ChunkingOptions(method, 4096, 16384, 65536), Encryption = encryption };
        var file = Snap.WriteBytes(options, w => w.Append("data", data));
        using var reader = SnapshotReader.Open(new MemoryByteSource(file), new SnapshotReaderOptions { Encryption = encryption });
        Assert.Equal(encrypted, reader.Header.IsEncrypted);
        Assert.Equal(codec, reader.Header.Codec);
        Assert.Equal(options.Chunking, reader.Header.Chunking);
        Assert.Equal(data, Snap.ReadAll(reader, "data"));
        reader.Verify();
    }

    [Fact]
    public void EndBlock_cuts_a_block_so_identical_files_dedup()
    {
        var fixedBlocks = new SnapshotWriterOptions { Chunking = new ChunkingOptions(ChunkingMethod.Fixed, 4096, 4096, 4096) };
        var fileA = Snap.Random(100_000, 9);
        var filler = Snap.Random(12_345, 10);
        var file = Snap.WriteBytes(fixedBlocks, w =>
        {
            w.Append("data", filler);
            w.EndBlock("data");
            w.Append("data", fileA);
            w.EndBlock("data");
            w.Append("data", fileA);
            w.EndBlock("data");
            w.EndBlock("data");
            w.EndBlock("unknown");
        });
        using var reader = Snap.Open(file);
        var back = Snap.ReadAll(reader, "data");
        Assert.Equal([.. filler, .. fileA, .. fileA], back);
        Assert.Equal(4 + 25 + 25, reader.Header.Streams[0].BlockCount);
        var noCut = Snap.WriteBytes(fixedBlocks, w =>
        {
            w.Append("data", filler);
            w.Append("data", fileA);
            w.Append("data", fileA);
        });
        Assert.True(file.Length < noCut.Length - 90_000, $"with EndBlock {file.Length}, without {noCut.Length}");
    }

    [Fact]
    public void Output_does_not_depend_on_parallelism()
    {
        var data = Snap.Text(2 << 20, 11);
        var serial = Snap.WriteBytes(new SnapshotWriterOptions { Parallelism = 1, CreatedAt = DateTimeOffset.UnixEpoch }, w => w.Append("data", data));
        var parallel = Snap.WriteBytes(new SnapshotWriterOptions { Parallelism = 4, CreatedAt = DateTimeOffset.UnixEpoch }, w => w.Append("data", data));
        Assert.Equal(serial, parallel);
    }
}
