using Lode.IO;

namespace Lode.Snapshots.Tests;

public sealed class AppendFromTests
{
    [Fact]
    public void An_unchanged_file_at_a_block_boundary_is_appended_by_reference_without_reading_its_blocks()
    {
        var repo = new MemoryRepository();
        var small = Snap.Text(5000, 201);
        var large = Snap.Random(2 << 20, 202);
        repo.Write("old", Snap.Small, w =>
        {
            w.Append("data", small);
            w.EndBlock("data");
            w.Append("data", large);
            w.EndBlock("data");
        });
        var counting = new CountingSource(repo["old"]);
        using var source = SnapshotReader.Open(counting, repo.Options("old"));
        counting.Reset();
        long referenced = 0;
        var result = repo.Write("new", Snap.Small, w =>
        {
            w.Append("data", Snap.Text(3000, 203));
            w.EndBlock("data");
            referenced = w.AppendFrom("data", source, "data", small.Length, large.Length);
        }, dedup: false);
        Assert.Equal(large.Length, referenced);
        Assert.True(counting.BytesRead < 64 << 10, $"{counting.BytesRead} bytes read from the source: more than its index");
        Assert.True(result.StoredBytes < 32 << 10, $"{result.StoredBytes} bytes stored");
        Assert.Equal([new SnapshotParent("old", source.Header.IntegrityRoot)], result.Parents);
        using var reader = repo.Open("new");
        Assert.Equal([.. Snap.Text(3000, 203), .. large], Snap.ReadAll(reader, "data"));
        reader.Verify();
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 100_000)]
    [InlineData(12_345, 600_000)]
    [InlineData(0, 1 << 20)]
    public void Any_range_appends_the_right_bytes(int offset, int length)
    {
        var repo = new MemoryRepository();
        var data = Snap.Random(1 << 20, 204);
        repo.Write("old", Snap.Small, w => w.Append("data", data));
        using var source = repo.Open("old");
        repo.Write("new", Snap.Small, w =>
        {
            w.Append("data", Snap.Random(777, 205));
            w.AppendFrom("data", source, "data", offset, length);
            w.Append("data", Snap.Random(333, 206));
        }, dedup: false);
        using var reader = repo.Open("new");
        Assert.Equal([.. Snap.Random(777, 205), .. data.AsSpan(offset, length), .. Snap.Random(333, 206)], Snap.ReadAll(reader, "data"));
        reader.Verify();
    }

    [Fact]
    public void Referenced_parent_blocks_point_at_the_snapshot_that_stores_them()
    {
        var repo = new MemoryRepository();
        var data = Snap.Random(512 << 10, 207);
        repo.Write("first", Snap.Small, w => w.Append("data", data));
        repo.Write("second", Snap.Small, w => w.Append("data", data));
        using (var second = repo.Open("second"))
        {
            repo.Write("third", Snap.Small, w => Assert.Equal(data.Length, w.AppendFrom("data", second, "data", 0, data.Length)), dedup: false);
        }
        using var reader = repo.Open("third");
        Assert.Equal(["first"], reader.Header.Parents.Select(p => p.SnapshotId));
        Assert.Equal(data, Snap.ReadAll(reader, "data"));
        Assert.False(repo.Loads.ContainsKey("second"));
    }

    [Fact]
    public void Zero_blocks_stay_zero_blocks()
    {
        var repo = new MemoryRepository();
        var zeros = new byte[256 << 10];
        repo.Write("old", Snap.Small, w => w.Append("data", zeros));
        using var source = repo.Open("old");
        var result = repo.Write("new", Snap.Small, w => Assert.Equal(zeros.Length, w.AppendFrom("data", source, "data", 0, zeros.Length)), dedup: false);
        Assert.Equal(result.Blocks, result.ZeroBlocks);
        Assert.Empty(result.Parents);
    }

    [Fact]
    public void A_source_under_another_key_is_copied_as_bytes()
    {
        var encrypted = new MemoryRepository(SnapshotEncryption.FromKey(new byte[32]));
        var data = Snap.Random(300_000, 208);
        encrypted.Write("secret", Snap.Small, w => w.Append("data", data));
        using var source = encrypted.Open("secret");
        var plain = new MemoryRepository();
        var result = plain.Write("copy", Snap.Small, w => Assert.Equal(0, w.AppendFrom("data", source, "data", 0, data.Length)), dedup: false);
        Assert.Empty(result.Parents);
        using var reader = plain.Open("copy");
        Assert.Equal(data, Snap.ReadAll(reader, "data"));
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        var repo = new MemoryRepository();
        repo.Write("old", Snap.Small, w => w.Append("data", Snap.Random(1000, 209)));
        using var anonymous = SnapshotReader.Open(new MemoryByteSource(repo["old"]));
        using var source = repo.Open("old");
        using var output = new MemoryStream();
        using var writer = SnapshotWriter.Create(output);
        Assert.Throws<ArgumentException>(() => writer.AppendFrom("data", anonymous, "data", 0, 10));
        Assert.Throws<KeyNotFoundException>(() => writer.AppendFrom("data", source, "meta", 0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.AppendFrom("data", source, "data", 900, 101));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.AppendFrom("data", source, "data", -1, 1));
        Assert.Throws<ArgumentNullException>(() => writer.AppendFrom("data", null!, "data", 0, 1));
    }

    [Fact]
    public void An_empty_range_of_a_stream_the_source_never_had_appends_nothing()
    {
        var repo = new MemoryRepository();
        repo.Write("old", Snap.Small, w => w.Append("meta", Snap.Random(100, 7)));
        using var source = repo.Open("old");
        repo.Write("new", Snap.Small, w =>
        {
            Assert.Equal(0, w.AppendFrom("data", source, "data", 0, 0));
            w.Append("meta", Snap.Random(10, 8));
        });
        using var reader = repo.Open("new");
        Assert.Equal(0, reader.GetLength("data"));
    }
}
