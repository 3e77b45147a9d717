using System.Text;

namespace Lode.Metadata.Tests;

/// <summary>Compares a store with the oracle: every key, value and version, and a full scan.</summary>
internal static class StoreAssert
{
    public static void Matches(Oracle oracle, MetadataStore store, bool checkVersions = true)
    {
        Assert.Equal(oracle.Entries.Count, store.Stats.Keys);
        foreach (var (key, (value, version)) in oracle.Entries)
        {
            MetadataRecord? record = store.Get(key);
            Assert.True(record is not null, $"key {Encoding.Latin1.GetString(key)} missing");
            Assert.Equal(value, record.Value.ToArray());
            if (checkVersions)
            {
                Assert.Equal(version, record.Version);
            }
        }
        var scanned = store.Scan(new ScanOptions()).Select(e => (e.Key.ToArray(), (byte[]?)e.Value.ToArray()));
        Assert.Equal(Oracle.Show(oracle.Scan([], null, int.MaxValue, -1)), Oracle.Show(scanned));
    }
}
