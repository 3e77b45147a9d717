using System.Buffers.Binary;

namespace Lode.Snapshots.Tests;

public sealed class VersionTests
{
    private static byte[] FileWithVersion(ushort major, ushort minor)
    {
        var file = Snap.WriteBytes(null, w => w.Append("data", Snap.Text(10_000, 51)));
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(8), major);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(10), minor);
        DamageTests.FixHeaderCrc(file);
        return file;
    }

    [Fact]
    public void Writer_records_version_1_1()
    {
        using var reader = Snap.Open(Snap.WriteBytes(null, w => w.Append("data", Snap.Text(10_000, 51))));
        Assert.Equal(new SnapshotVersion(1, 1), reader.Header.Version);
        Assert.Empty(reader.Warnings);
    }

    [Fact]
    public void A_file_without_1_1_features_reads_the_same_as_version_1_0()
    {
        using var reader = Snap.Open(FileWithVersion(1, 0));
        Assert.Equal(new SnapshotVersion(1, 0), reader.Header.Version);
        Assert.Empty(reader.Warnings);
        Assert.Equal(Snap.Text(10_000, 51), Snap.ReadAll(reader, "data"));
    }

    [Fact]
    public void A_newer_minor_version_reads_with_a_warning()
    {
        using var reader = Snap.Open(FileWithVersion(1, 3));
        Assert.Equal(new SnapshotVersion(1, 3), reader.Header.Version);
        Assert.Contains("1.3", Assert.Single(reader.Warnings));
        Assert.Equal(Snap.Text(10_000, 51), Snap.ReadAll(reader, "data"));
    }

    [Theory]
    [InlineData(2, 0)]
    [InlineData(0, 9)]
    public void Another_major_version_is_refused_naming_both_versions(ushort major, ushort minor)
    {
        var e = Assert.Throws<SnapshotFormatException>(() => Snap.Open(FileWithVersion(major, minor)));
        Assert.Contains($"{major}.{minor}", e.Message);
        Assert.Contains("1.1", e.Message);
    }

    [Fact]
    public void An_unknown_required_feature_is_refused()
    {
        var file = FileWithVersion(1, 1);
        file[32] = 0x10;
        DamageTests.FixHeaderCrc(file);
        var e = Assert.Throws<SnapshotFormatException>(() => Snap.Open(file));
        Assert.Contains("features", e.Message);
    }
}
