namespace Lode.Snapshots.Tests;

public sealed class DedupTests
{
    [Fact]
    public void The_same_8_MiB_appended_twice_is_stored_once()
    {
        using var dir = new TempDirectory();
        var data = Snap.Random(8 << 20, 31);
        var result = Snap.Write(dir.File("s"), null, w =>
        {
            w.Append("data", data);
            w.EndBlock("data");
            w.Append("data", data);
        });
        Assert.Equal(16L << 20, result.LogicalBytes);
        Assert.Equal(result.Blocks / 2, result.DuplicateBlocks);
        Assert.Equal(result.Blocks / 2, result.StoredBlocks);
        Assert.InRange(result.StoredBytes, 8L << 20, (8L << 20) + (256 << 10));
        using var source = Lode.IO.FileByteSource.Open(dir.File("s"));
        using var reader = SnapshotReader.Open(source);
        Assert.Equal([.. data, .. data], Snap.ReadAll(reader, "data"));
        reader.Verify();
    }

    [Fact]
    public void Identical_blocks_in_different_streams_are_stored_once()
    {
        var data = Snap.Random(1 << 20, 32);
        var file = Snap.WriteBytes(null, w =>
        {
            w.Append("data", data);
            w.Append("meta", data);
        });
        Assert.InRange(file.Length, 1 << 20, (1 << 20) + (64 << 10));
        using var reader = Snap.Open(file);
        Assert.Equal(data, Snap.ReadAll(reader, "meta"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_repeated_chunk_is_compressed_once_even_when_a_later_copy_is_hashed_first(bool encrypted)
    {
        // Fixed 4 KiB blocks: each 4 KiB piece is one chunk; pieces 0 and 1 are equal, as are 2, 3 and 4.
        var a = Snap.Text(4096, 40);
        var b = Snap.Text(4096, 41);
        byte[] data = [.. a, .. a, .. b, .. b, .. b, .. Snap.Text(4096, 42)];
        var options = new SnapshotWriterOptions
        {
            Chunking = new ChunkingOptions(ChunkingMethod.Fixed, 1024, 4096, 16384),
            Parallelism = 4,
            Scheduler = new NewestFirstScheduler(),
            Encryption = encrypted ? SnapshotEncryption.FromKey(new byte[32]) : null,
        };
        using var output = new MemoryStream();
        using var writer = SnapshotWriter.Create(output, options);
        writer.Append("data", data);
        var result = writer.Finish();

        Assert.Equal(3, result.StoredBlocks);
        Assert.Equal(3, result.DuplicateBlocks);
        Assert.Equal(3, writer.EncodedBlocks);
        using var reader = SnapshotReader.Open(new Lode.IO.MemoryByteSource(output.ToArray()), new SnapshotReaderOptions { Encryption = options.Encryption });
        Assert.Equal(data, Snap.ReadAll(reader, "data"));
    }
}
