namespace Lode.Benchmarks.Metadata;

/// <summary>The engines the metadata benchmarks compare.</summary>
public enum MetadataEngine
{
    /// <summary>Lode.Metadata: adaptive radix tree + WAL ring (Async for workloads, Sync for durable writers).</summary>
    Lode,

    /// <summary>SQLite through Microsoft.Data.Sqlite: WAL journal, a WITHOUT ROWID table (synchronous NORMAL / FULL).</summary>
    Sqlite,

    /// <summary>LMDB 0.9 (Debian's liblmdb): one B+tree in a memory map (MDB_NOSYNC / synced commits).</summary>
    Lmdb,

    /// <summary>RocksDB 7.8 (Debian's librocksdb): an LSM tree with a WAL (sync false / true).</summary>
    RocksDb,
}

/// <summary>Opens the engines.</summary>
public static class MetadataPeers
{
    /// <summary>
    /// Opens <paramref name="engine"/> in the empty directory <paramref name="directory"/>. <paramref name="durable"/>:
    /// every write fsynced before it returns; otherwise each engine's no-fsync mode (writes reach the OS, or for Lode's
    /// Async the log ring, and are flushed shortly after).
    /// </summary>
    public static IMetadataPeer Open(MetadataEngine engine, string directory, bool durable) => engine switch
    {
        MetadataEngine.Lode => new LodePeer(directory, durable),
        MetadataEngine.Sqlite => new SqlitePeer(directory, durable),
        MetadataEngine.Lmdb => new LmdbPeer(directory, durable),
        _ => new RocksDbPeer(directory, durable),
    };

    /// <summary>The bytes that sort right after every key starting with <paramref name="prefix"/> (last byte + 1; prefixes here never end in 0xFF).</summary>
    public static byte[] Successor(ReadOnlySpan<byte> prefix)
    {
        byte[] next = prefix.ToArray();
        next[^1]++;
        return next;
    }
}
