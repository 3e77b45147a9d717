using FsCheck;
using FsCheck.Fluent;

namespace Lode.Tests.Catalog;

/// <summary>The value encodings: exact round trips, and hostile bytes rejected with the one typed error.</summary>
public sealed class CatalogValuesTests
{
    [Fact]
    public void Random_bytes_decode_or_fail_with_a_format_error_only()
    {
        Prop.ForAll(Arb.From(Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b))), bytes =>
        {
            byte[] value = bytes.Length > 0 && bytes[0] % 2 == 0 ? [1, .. bytes] : bytes;
            try
            {
                var entry = CatalogValues.DecodeEntry("p", value);
                if (entry.Kind != FileKind.Symlink)
                {
                    Assert.Equal(value, CatalogValues.EncodeEntry(entry));
                }
            }
            catch (CatalogFormatException)
            {
            }
            try
            {
                CatalogValues.DecodeSummary(RandomTables.Id(1), value);
            }
            catch (CatalogFormatException)
            {
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_summary_keeps_every_field_of_the_manifest()
    {
        var manifest = new SnapshotManifest
        {
            Id = RandomTables.Id(3), Time = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)).AddTicks(1234567),
            Source = "/src/é", Host = "h", Tag = null, Files = 1, Directories = 2, Symlinks = 3, Size = 4,
            DataKey = "data/" + RandomTables.Id(3), DataLength = 5, DataRoot = "ab", IndexKey = "index/" + RandomTables.Id(3),
            IndexLength = 6, UnchangedFiles = 7, WriterVersion = "lode/1",
        };

        var decoded = CatalogValues.DecodeSummary(manifest.Id, CatalogValues.EncodeSummary(manifest, CatalogTreeState.Recorded));

        Assert.Equal(manifest, decoded.Manifest);
        Assert.Equal(manifest.Time.Offset, decoded.Manifest.Time.Offset);
        Assert.Equal(CatalogTreeState.Recorded, decoded.Tree);
        Assert.Throws<CatalogFormatException>(() => CatalogValues.DecodeSummary(RandomTables.Id(4), CatalogValues.EncodeSummary(manifest, CatalogTreeState.Recorded)));
    }

    [Theory]
    [InlineData(new byte[] { 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 1, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7 })]
    [InlineData(new byte[] { 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80 })]
    [InlineData(new byte[] { 1, 1, 0, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 1, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80, 0, 0 })]
    [InlineData(new byte[] { 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0 })]
    public void Malformed_entries_are_format_errors(byte[] value)
    {
        Assert.Throws<CatalogFormatException>(() => CatalogValues.DecodeEntry("p", value));
    }
}
