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
}
