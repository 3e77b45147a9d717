namespace Lode.Snapshots.Tests;

public sealed class WriterArgumentTests
{
    [Fact]
    public void Output_must_be_empty_writable_and_seekable()
    {
        using var nonEmpty = new MemoryStream();
        nonEmpty.WriteByte(1);
        Assert.Throws<ArgumentException>(() => SnapshotWriter.Create(nonEmpty));
        using var readOnly = new MemoryStream([], writable: false);
        Assert.Throws<ArgumentException>(() => SnapshotWriter.Create(readOnly));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Data")]
    [InlineData("seventeen-chars-x")]
    [InlineData("a b")]
    [InlineData("é")]
    public void Invalid_stream_names_are_refused(string name)
    {
        using var output = new MemoryStream();
        using var writer = SnapshotWriter.Create(output);
        Assert.Throws<ArgumentException>(() => writer.Append(name, [1]));
    }

    [Fact]
    public void A_ninth_stream_is_refused()
    {
        using var output = new MemoryStream();
        using var writer = SnapshotWriter.Create(output);
        for (int i = 0; i < 8; i++)
        {
            writer.Append($"s{i}", [1]);
        }
        Assert.Throws<ArgumentException>(() => writer.Append("s8", [1]));
        Assert.Equal(8, Snap.Open(FinishAndGet(writer, output)).Header.Streams.Count);
    }

    [Fact]
    public void The_writer_is_closed_after_finish()
    {
        using var output = new MemoryStream();
        using var writer = SnapshotWriter.Create(output);
        writer.Append("data", [1, 2, 3]);
        writer.Finish();
        Assert.Throws<ObjectDisposedException>(() => writer.Append("data", [4]));
        Assert.Throws<ObjectDisposedException>(() => writer.Finish());
    }

    [Fact]
    public void An_abandoned_writer_leaves_a_file_no_reader_accepts()
    {
        using var output = new MemoryStream();
        using (var writer = SnapshotWriter.Create(output))
        {
            writer.Append("data", Snap.Random(1 << 20, 71));
        }
        var e = Assert.Throws<SnapshotFormatException>(() => Snap.Open(output.ToArray()));
        Assert.Contains("never finished", e.Message);
    }

    [Fact]
    public void Bad_options_are_refused()
    {
        using var output = new MemoryStream();
        Assert.Throws<ArgumentException>(() => SnapshotWriter.Create(output, new SnapshotWriterOptions { Parallelism = 0 }));
        Assert.Throws<ArgumentException>(() => SnapshotWriter.Create(output, new SnapshotWriterOptions { Level = 99 }));
        Assert.Throws<ArgumentException>(() => SnapshotWriter.Create(output, new SnapshotWriterOptions { Chunking = new ChunkingOptions(MinSize: 1) }));
    }

    private static byte[] FinishAndGet(SnapshotWriter writer, MemoryStream output)
    {
        writer.Finish();
        return output.ToArray();
    }
}
