using Lode.Metadata;

namespace Lode.Benchmarks.Metadata;

/// <summary>Lode's metadata store as a benchmark engine.</summary>
public sealed class LodePeer(string directory, bool durable) : IMetadataPeer
{
    private readonly MetadataStore _store = MetadataStore.Open(directory, new MetadataStoreOptions
    {
        Durability = durable ? Durability.Sync : Durability.Async,
        CheckpointOnDispose = false,
    });

    public void Load(IReadOnlyList<byte[]> keys, byte[] value)
    {
        foreach (byte[] key in keys)
        {
            _store.Put(key, value);
        }
    }

    /// <summary>The store's counters (log syncs, for the writer table's puts per fsync).</summary>
    public MetadataStoreStats Stats => _store.Stats;

    public void Put(byte[] key, byte[] value) => _store.Put(key, value);

    public int Get(byte[] key) => _store.Get(key)?.Value.Length ?? -1;

    public void Delete(byte[] key) => _store.Delete(key);

    public void Rename(byte[] from, byte[] to) => _store.Rename(from, to);

    public int List(byte[] prefix, int take)
    {
        int n = 0;
        foreach (MetadataEntry entry in _store.Scan(new ScanOptions { Prefix = prefix, Limit = take }))
        {
            n += entry.Value.Length >= 0 ? 1 : 0;
        }
        return n;
    }

    public int ListDirectory(byte[] prefix, int take) =>
        _store.Scan(new ScanOptions { Prefix = prefix, Delimiter = (byte)'/', Limit = take, KeysOnly = true }).Count();

    public void Dispose() => _store.Dispose();
}
