using Lode.IO;

namespace Lode.Snapshots.Tests;

/// <summary><see cref="SnapshotReader.AsByteSource"/> lending verbatim stored ranges in place (<see cref="IDirectByteSource"/>).</summary>
public sealed class PlainMemoryTests
{
    private static readonly SnapshotWriterOptions Raw = new()
    {
        Codec = CompressionCodec.None,
        Chunking = new ChunkingOptions(ChunkingMethod.Fixed, 4096, 4096, 4096),
    };

    [Fact]
    public void Raw_blocks_are_lent_in_place_and_equal_what_reads_return()
    {
        var data = Snap.Random(300_000, 1);
        var repo = new MemoryRepository();
        repo.Write("a", Raw, w => w.Append("data", data));
        using var reader = repo.Open("a");
        var source = reader.AsByteSource("data");
        var random = new Random(2);
        for (int i = 0; i < 300; i++)
        {
            int length = 1 + random.Next(40_000);
            int offset = random.Next(data.Length - length + 1);
            Assert.True(source.TryGetMemory(offset, length, out var memory), $"[{offset}, +{length})");
            Assert.Equal(data.AsSpan(offset, length).ToArray(), memory.ToArray());
        }
        Assert.False(source.TryGetMemory(data.Length - 10, 11, out _));
        Assert.False(source.TryGetMemory(-1, 5, out _));
    }

    [Fact]
    public void Parent_blocks_are_lent_from_the_snapshot_that_stores_them()
    {
        var data = Snap.Random(200_000, 3);
        var repo = new MemoryRepository();
        repo.Write("first", Raw, w => w.Append("data", data));
        var second = repo.Write("second", Raw, w => w.Append("data", data));
        Assert.Equal(second.Blocks, second.ParentBlocks);
        using var reader = repo.Open("second");
        var source = reader.AsByteSource("data");
        Assert.True(source.TryGetMemory(1000, 150_000, out var memory));
        Assert.Equal(data.AsSpan(1000, 150_000).ToArray(), memory.ToArray());
    }

    [Fact]
    public void Blocks_that_are_compressed_encrypted_zero_or_apart_are_not_lent_but_still_read()
    {
        var text = Snap.Text(100_000, 4);
        var compressed = new MemoryRepository();
        compressed.Write("a", new SnapshotWriterOptions { Chunking = Raw.Chunking }, w => w.Append("data", text));
        AssertNotLent(compressed.Open("a"), text, 0, 50_000);

        var encrypted = new MemoryRepository(SnapshotEncryption.FromKey(new byte[32]));
        encrypted.Write("a", Raw, w => w.Append("data", text));
        AssertNotLent(encrypted.Open("a"), text, 0, 50_000);

        // Zero blocks have no stored bytes; a duplicate block sends the range back to an earlier offset.
        var random = Snap.Random(8192, 5);
        byte[] holes = [.. random, .. new byte[8192], .. random];
        var mixed = new MemoryRepository();
        mixed.Write("a", Raw, w => w.Append("data", holes));
        AssertNotLent(mixed.Open("a"), holes, 4000, 8192);
        AssertNotLent(mixed.Open("a"), holes, 8192 + 4000, 8192);
        using var reader = mixed.Open("a");
        Assert.True(reader.AsByteSource("data").TryGetMemory(100, 4000, out var within));
        Assert.Equal(holes.AsSpan(100, 4000).ToArray(), within.ToArray());
    }

    private static void AssertNotLent(SnapshotReader reader, byte[] data, int offset, int length)
    {
        using (reader)
        {
            var source = reader.AsByteSource("data");
            Assert.False(source.TryGetMemory(offset, length, out _));
            var read = new byte[length];
            source.ReadExactlyAt(offset, read);
            Assert.Equal(data.AsSpan(offset, length).ToArray(), read);
        }
    }
}
