using System.Security.Cryptography;
using Lode.IO;
using Lode.Snapshots.Format;

namespace Lode.Snapshots.Tests;

public sealed class DictionaryTests
{
    private static readonly ChunkingOptions SmallBlocks = new(ChunkingMethod.Fixed, 2048, 2048, 2048);

    /// <summary>Records that share their structure, cut into small blocks: where a dictionary pays.</summary>
    private static byte[] Records(int count, int seed)
    {
        var random = new Random(seed);
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < count; i++)
        {
            text.Append($"{{\"path\":\"/usr/include/linux/{random.Next(5000)}.h\",\"size\":{random.Next()},\"mode\":\"0644\",\"owner\":\"root\",\"kind\":\"file\"}}\n");
        }
        return System.Text.Encoding.ASCII.GetBytes(text.ToString());
    }

    private static byte[] Write(byte[] data, bool dictionary, CompressionCodec codec = CompressionCodec.Zstd) => Snap.WriteBytes(new SnapshotWriterOptions
    {
        Codec = codec,
        Chunking = SmallBlocks,
        TrainDictionary = dictionary,
        DictionarySampleBytes = 256 << 10,
    }, w => w.Append("data", data));

    [Fact]
    public void A_trained_dictionary_is_stored_used_and_makes_small_blocks_smaller()
    {
        var data = Records(20_000, 501);
        var with = Write(data, dictionary: true);
        var without = Write(data, dictionary: false);
        Assert.True(with.Length < without.Length * 0.8, $"{with.Length} bytes with a dictionary, {without.Length} without");
        using var reader = Snap.Open(with);
        Assert.InRange(reader.Header.DictionaryLength, 1, ZstdDictionary.DefaultCapacity);
        Assert.Equal(Features.Descriptor | Features.Dictionary, HeaderFields.Read(with, 1).RequiredFeatures);
        Assert.Equal(data, Snap.ReadAll(reader, "data"));
        reader.Verify();
    }

    [Fact]
    public void Too_little_data_or_no_zstd_stream_writes_no_dictionary()
    {
        var tiny = Records(20, 502);
        using (var reader = Snap.Open(Write(tiny, dictionary: true)))
        {
            Assert.Equal(0, reader.Header.DictionaryLength);
            Assert.Equal(tiny, Snap.ReadAll(reader, "data"));
        }
        var data = Records(5000, 503);
        using (var reader = Snap.Open(Write(data, dictionary: true, CompressionCodec.Lz4)))
        {
            Assert.Equal(0, reader.Header.DictionaryLength);
            Assert.Equal(data, Snap.ReadAll(reader, "data"));
        }
    }

    [Fact]
    public void A_malformed_dictionary_with_consistent_hashes_is_a_corrupt_snapshot_not_a_crash()
    {
        var data = Records(5000, 505);
        var file = Write(data, dictionary: true);
        var descriptor = HeaderFields.Read(file, 1).Descriptor;
        var where = RegionRef.Read(file.AsSpan((int)descriptor.Offset + 16));
        new Random(506).NextBytes(file.AsSpan((int)where.Offset + 8, 64));
        SHA256.HashData(file.AsSpan((int)where.Offset, where.Length)).CopyTo(file.AsSpan((int)descriptor.Offset + 32));
        SHA256.HashData(file.AsSpan((int)descriptor.Offset, descriptor.Length)).CopyTo(file.AsSpan(SnapshotLayout.DescriptorOffset + 16));
        FileSurgery.Reseal(file);
        using var reader = Snap.Open(file);
        Assert.Throws<SnapshotCorruptException>(() => Snap.ReadAll(reader, "data"));
    }

    [Fact]
    public void A_damaged_dictionary_fails_open()
    {
        var file = Write(Records(5000, 504), dictionary: true);
        var descriptor = HeaderFields.Read(file, 1).Descriptor;
        var where = RegionRef.Read(file.AsSpan((int)descriptor.Offset + 16));
        file[where.Offset + 10] ^= 1;
        var e = Assert.Throws<SnapshotCorruptException>(() => Snap.Open(file));
        Assert.Contains("dictionary", e.Message);
    }
}
