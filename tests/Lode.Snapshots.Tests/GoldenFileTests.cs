using System.Buffers.Binary;
using Lode.IO;

namespace Lode.Snapshots.Tests;

/// <summary>
/// Snapshots written by format 1.0 and checked in (Golden/*.bin). If one of these tests fails, the format
/// changed: that needs a new version, not a new golden file.
/// </summary>
public sealed class GoldenFileTests
{
    private static readonly byte[] Data = [.. Snap.Text(20_000, 81), .. new byte[8192], .. Snap.Text(20_000, 81)];
    private static readonly byte[] Meta = "golden\n"u8.ToArray();

    private static SnapshotWriterOptions Options(CompressionCodec codec) => new()
    {
        Codec = codec,
        Parallelism = 1,
        Chunking = new ChunkingOptions(ChunkingMethod.FastCdc, 256, 1024, 4096),
        CreatedAt = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
        WriterVersion = "golden",
    };

    private static byte[] Write(CompressionCodec codec) => Snap.WriteBytes(Options(codec), w =>
    {
        w.Append("data", Data);
        w.Append("meta", Meta);
    });

    private static byte[] Golden(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Golden", name));

    [Theory]
    [InlineData("golden-1.0-none.bin", CompressionCodec.None)]
    [InlineData("golden-1.0-zstd.bin", CompressionCodec.Zstd)]
    public void Golden_file_reads_back_its_known_contents(string name, CompressionCodec codec)
    {
        using var reader = Snap.Open(Golden(name));
        Assert.Equal(new SnapshotVersion(1, 0), reader.Header.Version);
        Assert.Equal(codec, reader.Header.Codec);
        Assert.Equal("golden", reader.Header.WriterVersion);
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), reader.Header.CreatedAt);
        Assert.Equal(Data, Snap.ReadAll(reader, "data"));
        Assert.Equal(Meta, Snap.ReadAll(reader, "meta"));
        reader.Verify();
    }

    [Fact]
    public void Writer_reproduces_the_uncompressed_golden_file_but_for_the_minor_version()
    {
        // Codec None only: compressed bytes may differ between libzstd versions without a format change. A file that
        // uses no 1.1 feature has the 1.0 layout; only the minor version (and so the header CRC) differs.
        var fresh = Write(CompressionCodec.None);
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(fresh.AsSpan(10)));
        BinaryPrimitives.WriteUInt16LittleEndian(fresh.AsSpan(10), 0);
        DamageTests.FixHeaderCrc(fresh);
        Assert.Equal(Golden("golden-1.0-none.bin"), fresh);
    }

    [Fact]
    public void Zstd_golden_file_has_the_same_index_as_a_fresh_write()
    {
        using var golden = Snap.Open(Golden("golden-1.0-zstd.bin"));
        using var fresh = Snap.Open(Write(CompressionCodec.Zstd));
        Assert.Equal(golden.Header.Streams, fresh.Header.Streams);
    }
}
