using Lode.IO;

namespace Lode.Snapshots.Tests;

/// <summary>
/// Snapshots written by format 1.1 and checked in (Golden/golden-1.1-*.bin): parent blocks into the 1.0 golden file
/// and per-stream settings (none), a dictionary (zstd), encryption with a raw key and with a password. If one of
/// these tests fails, the format changed: that needs a new version, not a new golden file.
/// </summary>
public sealed class Golden11Tests
{
    private static readonly byte[] Data = [.. Snap.Text(20_000, 81), .. new byte[8192], .. Snap.Text(20_000, 81)];
    private static readonly byte[] Extra = Snap.Text(6000, 82);
    private static readonly byte[] Meta = "golden 1.1\n"u8.ToArray();
    private static readonly byte[] Key = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];
    private const string Password = "golden";

    public static TheoryData<string> Names => new() { "golden-1.1-none.bin", "golden-1.1-zstd.bin", "golden-1.1-key.bin", "golden-1.1-password.bin" };

    private static SnapshotWriterOptions Options(string name) => new()
    {
        Codec = name.Contains("none") ? CompressionCodec.None : name.Contains("password") ? CompressionCodec.Lz4 : CompressionCodec.Zstd,
        Parallelism = 1,
        Chunking = new ChunkingOptions(ChunkingMethod.FastCdc, 256, 1024, 4096),
        StreamOptions = new Dictionary<string, SnapshotStreamOptions>
        {
            ["meta"] = new() { Codec = name.Contains("none") ? CompressionCodec.None : CompressionCodec.Lz4, Chunking = new ChunkingOptions(ChunkingMethod.Fixed, 512, 512, 512) },
        },
        TrainDictionary = name.Contains("zstd") || name.Contains("key"),
        DictionarySampleBytes = 64 << 10,
        Encryption = Encryption(name),
        CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        WriterVersion = "golden",
    };

    private static SnapshotEncryption? Encryption(string name) =>
        name.Contains("key") ? SnapshotEncryption.FromKey(Key) : name.Contains("password") ? SnapshotEncryption.FromPassword(Password) : null;

    /// <summary>What every 1.1 golden file's data stream holds.</summary>
    private static byte[] ExpectedData => [.. Meta, .. Data, .. Extra];

    /// <summary>Writes a 1.1 golden file; the "none" one refers to the 1.0 golden file's blocks.</summary>
    private static byte[] Write(string name)
    {
        using var parent = OpenGolden("golden-1.0-none.bin");
        return Snap.WriteBytes(Options(name), w =>
        {
            w.Append("data", Meta);
            w.EndBlock("data");
            if (name.Contains("none"))
            {
                Assert.Equal(Data.Length, w.AppendFrom("data", parent, "data", 0, Data.Length));
            }
            else
            {
                w.Append("data", Data);
            }
            w.Append("data", Extra);
            w.Append("meta", Meta);
        });
    }

    private static byte[] Golden(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Golden", name));

    private static SnapshotReader OpenGolden(string name) => SnapshotReader.Open(new MemoryByteSource(Golden(name)), new SnapshotReaderOptions
    {
        SnapshotId = Path.GetFileNameWithoutExtension(name),
        Encryption = Encryption(name),
        ParentLoader = id => OpenGolden(id + ".bin"),
    });

    [Theory]
    [MemberData(nameof(Names))]
    public void Golden_file_reads_back_its_known_contents(string name)
    {
        using var reader = OpenGolden(name);
        Assert.Equal(new SnapshotVersion(1, 1), reader.Header.Version);
        Assert.Equal("golden", reader.Header.WriterVersion);
        Assert.Equal(Options(name).Codec, reader.Header.Codec);
        Assert.Equal(Options(name).StreamOptions["meta"].Chunking, reader.Header.Streams.Single(s => s.Name == "meta").Chunking);
        Assert.Equal(Encryption(name) is not null, reader.Header.IsEncrypted);
        Assert.Equal(name.Contains("password"), reader.Header.IsPasswordProtected);
        Assert.Equal(Options(name).TrainDictionary, reader.Header.DictionaryLength > 0);
        Assert.Equal(name.Contains("none") ? ["golden-1.0-none"] : Array.Empty<string>(), reader.Header.Parents.Select(p => p.SnapshotId));
        Assert.Equal(ExpectedData, Snap.ReadAll(reader, "data"));
        Assert.Equal(Meta, Snap.ReadAll(reader, "meta"));
        reader.Verify();
    }

    [Fact]
    public void Writer_reproduces_the_uncompressed_1_1_golden_file_byte_for_byte()
    {
        Assert.Equal(Golden("golden-1.1-none.bin"), Write("golden-1.1-none.bin"));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Golden_file_has_the_same_streams_as_a_fresh_write(string name)
    {
        using var golden = OpenGolden(name);
        using var fresh = SnapshotReader.Open(new MemoryByteSource(Write(name)), new SnapshotReaderOptions { Encryption = Encryption(name) });
        Assert.Equal(golden.Header.Streams, fresh.Header.Streams);
    }
}
