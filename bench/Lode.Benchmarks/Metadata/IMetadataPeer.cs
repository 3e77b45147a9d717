namespace Lode.Benchmarks.Metadata;

/// <summary>
/// One engine under the metadata workloads: Lode's store or a peer (SQLite, LMDB, RocksDB). Every method is one
/// logical operation as the spec's workloads define it; implementations use each engine's natural fast path
/// (prepared statements, cursors, pinned reads) and a fair fast-forward for delimiter listings (seek past each
/// common prefix instead of reading the keys below it). Thread-safe where the durable-writer table needs it (Put).
/// </summary>
public interface IMetadataPeer : IDisposable
{
    /// <summary>Loads the initial keys, all with <paramref name="value"/>, in the engine's fastest bulk way.</summary>
    void Load(IReadOnlyList<byte[]> keys, byte[] value);

    /// <summary>Stores a value (insert or update).</summary>
    void Put(byte[] key, byte[] value);

    /// <summary>Reads a key; returns the value length, or -1 when absent.</summary>
    int Get(byte[] key);

    /// <summary>Removes a key.</summary>
    void Delete(byte[] key);

    /// <summary>Moves a key's value to another key, atomically.</summary>
    void Rename(byte[] from, byte[] to);

    /// <summary>Reads up to <paramref name="take"/> keys and values with the prefix, in order; returns how many.</summary>
    int List(byte[] prefix, int take);

    /// <summary>Lists up to <paramref name="take"/> entries one level below the prefix (keys and common prefixes ending in '/'); returns how many.</summary>
    int ListDirectory(byte[] prefix, int take);
}
