using Lode.IO;
using Lode.Snapshots.Format;

namespace Lode.Snapshots.Tests;

public sealed class StreamOptionsTests
{
    private static readonly ChunkingOptions Fixed64K = new(ChunkingMethod.Fixed, 65536, 65536, 65536);

    private static SnapshotWriterOptions IndexStreamOptions => new()
    {
        StreamOptions = new Dictionary<string, SnapshotStreamOptions>
        {
            ["index"] = new() { Codec = CompressionCodec.None, Chunking = Fixed64K },
            ["meta"] = new() { Codec = CompressionCodec.Lz4, Level = 1 },
        },
    };

    [Fact]
    public void Each_stream_is_written_and_recorded_with_its_own_settings()
    {
        var data = Snap.Text(500_000, 401);
        var index = Snap.Random(300_000, 402);
        var meta = Snap.Text(100_000, 403);
        var file = Snap.WriteBytes(IndexStreamOptions, w =>
        {
            w.Append("data", data);
            w.Append("index", index);
            w.Append("meta", meta);
        });
        using var reader = Snap.Open(file);
        var streams = reader.Header.Streams.ToDictionary(s => s.Name);
        Assert.Equal((CompressionCodec.Zstd, 3, new ChunkingOptions()), (streams["data"].Codec, streams["data"].Level, streams["data"].Chunking));
        Assert.Equal((CompressionCodec.None, 3, Fixed64K), (streams["index"].Codec, streams["index"].Level, streams["index"].Chunking));
        Assert.Equal((CompressionCodec.Lz4, 1, new ChunkingOptions()), (streams["meta"].Codec, streams["meta"].Level, streams["meta"].Chunking));
        Assert.All(reader.GetBlocks("index", 0, index.Length).SkipLast(1), b => Assert.Equal(65536, b.Length));
        Assert.Equal(data, Snap.ReadAll(reader, "data"));
        Assert.Equal(index, Snap.ReadAll(reader, "index"));
        Assert.Equal(meta, Snap.ReadAll(reader, "meta"));
        reader.Verify();
    }

    [Fact]
    public void A_stream_read_through_its_byte_source_sees_the_same_bytes()
    {
        var index = Snap.Random(300_000, 404);
        using var reader = Snap.Open(Snap.WriteBytes(IndexStreamOptions, w => w.Append("index", index)));
        using var source = reader.AsByteSource("index");
        Assert.Equal(index.Length, source.Length);
        var buffer = new byte[70_000];
        Assert.Equal(buffer.Length, source.ReadAt(100_000, buffer));
        Assert.Equal(index.AsSpan(100_000, buffer.Length).ToArray(), buffer);
        Assert.Equal(0, source.ReadAt(index.Length, buffer));
        Assert.Throws<KeyNotFoundException>(() => reader.AsByteSource("absent"));
    }

    [Fact]
    public void Overrides_equal_to_the_defaults_keep_the_1_0_layout()
    {
        var data = Snap.Text(50_000, 405);
        var same = new SnapshotWriterOptions
        {
            StreamOptions = new Dictionary<string, SnapshotStreamOptions> { ["data"] = new() { Codec = CompressionCodec.Zstd, Level = 3 } },
        };
        var file = Snap.WriteBytes(same, w => w.Append("data", data));
        Assert.Equal(Features.None, HeaderFields.Read(file, 1).RequiredFeatures);
        var different = Snap.WriteBytes(IndexStreamOptions, w => w.Append("meta", data));
        Assert.Equal(Features.Descriptor, HeaderFields.Read(different, 1).RequiredFeatures);
    }

    [Fact]
    public void Bad_stream_options_are_refused()
    {
        using var output = new MemoryStream();
        SnapshotWriterOptions With(string name, SnapshotStreamOptions options) => new()
        {
            StreamOptions = new Dictionary<string, SnapshotStreamOptions> { [name] = options },
        };
        Assert.Throws<ArgumentException>(() => SnapshotWriter.Create(output, With("Bad Name", new SnapshotStreamOptions())));
        Assert.Throws<ArgumentException>(() => SnapshotWriter.Create(output, With("index", new SnapshotStreamOptions { Level = 40 })));
        Assert.Throws<ArgumentException>(() => SnapshotWriter.Create(output, With("index", new SnapshotStreamOptions { Codec = (CompressionCodec)9 })));
        Assert.Throws<ArgumentException>(() => SnapshotWriter.Create(output, With("index", new SnapshotStreamOptions { Chunking = new ChunkingOptions(MinSize: 10) })));
        Assert.Throws<ArgumentNullException>(() => SnapshotWriter.Create(output, With("index", null!)));
    }

    [Theory]
    [InlineData("meta")]
    [InlineData("data")]
    public void A_chunk_repeated_in_a_stream_with_another_codec_reads_back_whichever_stream_is_read_first(string first)
    {
        var chunking = new ChunkingOptions(ChunkingMethod.Fixed, 1024, 4096, 16384);
        var text = Snap.Text(64 << 10, 404);
        var options = new SnapshotWriterOptions
        {
            Chunking = chunking,
            StreamOptions = new Dictionary<string, SnapshotStreamOptions> { ["meta"] = new() { Codec = CompressionCodec.Lz4 } },
        };
        var file = Snap.WriteBytes(options, w =>
        {
            w.Append("data", text);
            w.Append("meta", text);
        });
        using var reader = Snap.Open(file);
        string second = first == "data" ? "meta" : "data";
        Assert.Equal(text, Snap.ReadAll(reader, first));
        Assert.Equal(text, Snap.ReadAll(reader, second));
        reader.Verify();
        Assert.All(reader.GetBlocks("meta", 0, text.Length), b => Assert.NotEqual(SnapshotBlockKind.Duplicate, b.Kind));
    }
}
