using System.Text;

namespace Lode.Metadata.Tests;

/// <summary>Drives a store and the oracle with the same random operations (every kind the API has) and checks each result.</summary>
internal sealed class StoreModel(Oracle oracle, RandomKeys keys)
{
    private long _lastVersion;

    public Random Random => keys.Random;

    public void Step(MetadataStore store, int step)
    {
        byte[] key = keys.Next();
        byte[] value = Encoding.UTF8.GetBytes($"value {step} {new string('x', Random.Next(0, 40))}");
        bool present = oracle.Entries.TryGetValue(key, out var current);
        switch (Random.Next(9))
        {
            case 0:
            case 1:
                Record(key, value, store.Put(key, value));
                break;
            case 2:
                Assert.Equal(!present, store.PutIfAbsent(key, value));
                if (!present)
                {
                    Record(key, value, store.Get(key)!.Version);
                }
                break;
            case 3:
                long expected = present && Random.Next(2) == 0 ? current.Version : Random.Next(1, (int)Math.Max(2, _lastVersion + 2));
                bool matches = present && expected == current.Version;
                Assert.Equal(matches, store.CompareAndPut(key, expected, value));
                if (matches)
                {
                    Record(key, value, store.Get(key)!.Version);
                }
                break;
            case 4:
                Assert.Equal(oracle.Entries.Remove(key), store.Delete(key));
                break;
            case 5:
                Rename(store, key, keys.Next());
                break;
            case 6:
                Batch(store, key, value);
                break;
            default:
                CheckScan(store);
                break;
        }
    }

    private void Record(byte[] key, byte[] value, long version)
    {
        Assert.True(version > _lastVersion, "versions must grow with every write");
        _lastVersion = version;
        oracle.Entries[key] = (value, version);
    }

    private void Rename(MetadataStore store, byte[] from, byte[] to)
    {
        bool present = oracle.Entries.TryGetValue(from, out var moved);
        Assert.Equal(present, store.Rename(from, to));
        if (present && !from.AsSpan().SequenceEqual(to))
        {
            oracle.Entries.Remove(from);
            Record(to, moved.Value, store.Get(to)!.Version);
        }
    }

    private void Batch(MetadataStore store, byte[] key, byte[] value)
    {
        var batch = new MetadataBatch();
        var writes = new List<(byte[] Key, byte[]? Value)>();
        bool guardsHold = true;
        for (int i = Random.Next(1, 6); i > 0; i--)
        {
            byte[] k = i == 1 ? key : keys.Next();
            bool present = oracle.Entries.TryGetValue(k, out var entry);
            switch (Random.Next(6))
            {
                case 0:
                case 1:
                    batch.Put(k, value);
                    writes.Add((k, value));
                    break;
                case 2:
                    batch.Delete(k);
                    writes.Add((k, null));
                    break;
                case 3:
                    long version = present && Random.Next(3) > 0 ? entry.Version : _lastVersion + 1;
                    batch.RequireVersion(k, version);
                    guardsHold &= present && entry.Version == version;
                    break;
                case 4:
                    batch.RequireAbsent(k);
                    guardsHold &= !present;
                    break;
                default:
                    byte[] prefix = k[..Random.Next(0, k.Length + 1)];
                    batch.RequirePrefixEmpty(prefix);
                    guardsHold &= !oracle.Entries.Keys.Any(e => e.AsSpan().StartsWith(prefix));
                    break;
            }
        }
        Assert.Equal(guardsHold, store.Atomic(batch, out long batchVersion));
        if (!guardsHold || writes.Count == 0)
        {
            return;
        }
        Assert.True(batchVersion > _lastVersion);
        _lastVersion = batchVersion;
        foreach (var (k, v) in writes)
        {
            if (v is null)
            {
                oracle.Entries.Remove(k);
            }
            else
            {
                oracle.Entries[k] = (v, batchVersion);
            }
        }
    }

    public void CheckScan(MetadataStore store)
    {
        var existing = oracle.Entries.Keys.ToList();
        byte[] prefix = keys.NextProbe(existing);
        prefix = prefix[..Math.Min(prefix.Length, Random.Next(0, 4))];
        byte[]? startAfter = Random.Next(2) == 0 ? null : keys.NextProbe(existing);
        int limit = Random.Next(3) == 0 ? Random.Next(0, 10) : int.MaxValue;
        byte? delimiter = Random.Next(2) == 0 ? null : (byte)'/';
        var expected = oracle.Scan(prefix, startAfter, limit, delimiter ?? -1);
        var options = new ScanOptions { Prefix = prefix, StartAfter = startAfter, Limit = limit, Delimiter = delimiter };
        var actual = store.Scan(options).Select(e => (e.Key.ToArray(), e.IsCommonPrefix ? null : (byte[]?)e.Value.ToArray())).ToList();
        Assert.Equal(Oracle.Show(expected), Oracle.Show(actual));
        Assert.Equal(expected.Select(e => e.Value), actual.Select(e => e.Item2));
    }
}
