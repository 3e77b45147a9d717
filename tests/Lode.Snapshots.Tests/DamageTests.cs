using System.Buffers.Binary;
using Lode.IO;
using Lode.Snapshots.Format;
using Lode.Snapshots.Reading;

namespace Lode.Snapshots.Tests;

public sealed class DamageTests
{
    private static byte[] ValidFile() => (byte[])FuzzTests.PlainFile.Clone();

    private static SnapshotException? ReadEverything(byte[] file) => FuzzTests.ReadEverything(FuzzTests.Flavour.Plain, file);

    private static (StreamEntry Data, StreamIndex Index) Layout(byte[] file)
    {
        var fields = HeaderFields.Read(file, 2);
        var entry = fields.Streams[0];
        return (entry, StreamIndex.Load(new MemoryByteSource(file), entry, 0, fields.Defaults));
    }

    [Fact]
    public void Truncation_at_random_points_is_a_format_error()
    {
        var file = ValidFile();
        var random = new Random(44);
        for (int i = 0; i < 200; i++)
        {
            Assert.IsType<SnapshotFormatException>(ReadEverything(file[..random.Next(file.Length)]));
        }
    }

    [Fact]
    public void A_zeroed_header_says_the_writer_never_finished()
    {
        var file = ValidFile();
        file.AsSpan(0, SnapshotLayout.HeaderSize).Clear();
        var e = Assert.IsType<SnapshotFormatException>(ReadEverything(file));
        Assert.Contains("never finished", e.Message);
        Assert.Equal(0, e.Offset);
    }

    [Fact]
    public void A_flipped_bit_in_the_header_fails_its_crc()
    {
        var file = ValidFile();
        file[300] ^= 4;
        var e = Assert.IsType<SnapshotFormatException>(ReadEverything(file));
        Assert.Contains("CRC32C", e.Message);
    }

    [Fact]
    public void A_flipped_bit_in_a_block_is_a_corrupt_block_on_read_and_verify()
    {
        var file = ValidFile();
        file[1024 + 2048 + 5] ^= 0x10;
        using var reader = Snap.Open(file);
        var buffer = new byte[100];
        Assert.Equal(100, reader.ReadAt("data", 0, buffer));
        var e = Assert.Throws<SnapshotCorruptException>(() => reader.ReadAt("data", 1, new byte[FuzzTests.Data.Length]));
        Assert.Equal("data", e.Stream);
        Assert.True(e.BlockIndex >= 1, $"block {e.BlockIndex}");
        Assert.Matches("^block [0-9]+ of stream 'data' is corrupt: crc32c [0-9a-f]{8} expected, [0-9a-f]{8} found", e.Message.ToLowerInvariant());
        Assert.NotEqual(e.Expected, e.Actual);
        Assert.Throws<SnapshotCorruptException>(() => reader.Verify());
    }

    [Fact]
    public void A_flipped_bit_in_an_index_page_is_a_corrupt_page()
    {
        var file = ValidFile();
        var (_, index) = Layout(file);
        file[index.Pages[0].Offset + 100] ^= 1;
        using var reader = Snap.Open(file);
        var e = Assert.Throws<SnapshotCorruptException>(() => reader.ReadAt("data", 0, new byte[10]));
        Assert.Contains("Index page 0", e.Message);
        Assert.Throws<SnapshotCorruptException>(() => reader.Verify());
    }

    [Fact]
    public void A_flipped_bit_in_the_master_index_fails_open()
    {
        var file = ValidFile();
        var (entry, _) = Layout(file);
        file[entry.MasterOffset + 20] ^= 0x80;
        var e = Assert.Throws<SnapshotCorruptException>(() => Snap.Open(file));
        Assert.Equal("data", e.Stream);
        Assert.Equal(-1, e.BlockIndex);
    }

    internal static void FixHeaderCrc(byte[] file) =>
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(SnapshotLayout.HeaderCrcOffset),
            Crc32C.Compute(file.AsSpan(0, SnapshotLayout.HeaderCrcOffset)));
}
