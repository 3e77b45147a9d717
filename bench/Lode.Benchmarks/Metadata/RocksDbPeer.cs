namespace Lode.Benchmarks.Metadata;

/// <summary>
/// RocksDB as a benchmark engine: default options plus background threads for both cores and the usual read tuning
/// (a 1 GiB LRU block cache, so the data set stays in memory as Lode's does, and 10-bit Bloom filters), pinned reads, an
/// iterator per listing, write batches for load and rename, WriteOptions.sync true (durable) or false.
/// </summary>
public sealed unsafe class RocksDbPeer : IMetadataPeer
{
    private readonly nint _db;
    private readonly nint _options;
    private readonly nint _write;
    private readonly nint _read;
    private readonly nint _cache;
    private readonly nint _table;

    public RocksDbPeer(string directory, bool durable)
    {
        _options = RocksDbNative.OptionsCreate();
        RocksDbNative.OptionsSetCreateIfMissing(_options, 1);
        RocksDbNative.OptionsIncreaseParallelism(_options, Environment.ProcessorCount);
        _cache = RocksDbNative.CacheCreateLru((nuint)1 << 30);
        _table = RocksDbNative.BlockBasedOptionsCreate();
        RocksDbNative.BlockBasedOptionsSetBlockCache(_table, _cache);
        RocksDbNative.BlockBasedOptionsSetFilterPolicy(_table, RocksDbNative.FilterPolicyCreateBloom(10));
        RocksDbNative.OptionsSetBlockBasedTableFactory(_options, _table);
        _db = RocksDbNative.Open(_options, directory, out nint error);
        RocksDbNative.Check(error, "rocksdb_open");
        _write = RocksDbNative.WriteOptionsCreate();
        RocksDbNative.WriteOptionsSetSync(_write, durable ? (byte)1 : (byte)0);
        _read = RocksDbNative.ReadOptionsCreate();
    }

    /// <summary>Writes the keys in batches of 10 000, then compacts the whole store, so reads meet it settled (as after a
    /// bulk import) rather than in the middle of its first compactions; the load time includes the compaction.</summary>
    public void Load(IReadOnlyList<byte[]> keys, byte[] value)
    {
        for (int start = 0; start < keys.Count; start += 10_000)
        {
            nint batch = RocksDbNative.WriteBatchCreate();
            try
            {
                fixed (byte* v = value)
                {
                    for (int i = start; i < Math.Min(keys.Count, start + 10_000); i++)
                    {
                        fixed (byte* k = keys[i])
                        {
                            RocksDbNative.WriteBatchPut(batch, k, (nuint)keys[i].Length, v, (nuint)value.Length);
                        }
                    }
                }
                RocksDbNative.Write(_db, _write, batch, out nint error);
                RocksDbNative.Check(error, "rocksdb_write");
            }
            finally
            {
                RocksDbNative.WriteBatchDestroy(batch);
            }
        }
        RocksDbNative.CompactRange(_db, null, 0, null, 0);
    }

    public void Put(byte[] key, byte[] value)
    {
        fixed (byte* k = key, v = value)
        {
            RocksDbNative.Put(_db, _write, k, (nuint)key.Length, v, (nuint)value.Length, out nint error);
            RocksDbNative.Check(error, "rocksdb_put");
        }
    }

    public int Get(byte[] key)
    {
        fixed (byte* k = key)
        {
            nint slice = RocksDbNative.GetPinned(_db, _read, k, (nuint)key.Length, out nint error);
            RocksDbNative.Check(error, "rocksdb_get_pinned");
            if (slice == 0)
            {
                return -1;
            }
            RocksDbNative.PinnableSliceValue(slice, out nuint length);
            RocksDbNative.PinnableSliceDestroy(slice);
            return (int)length;
        }
    }

    public void Delete(byte[] key)
    {
        fixed (byte* k = key)
        {
            RocksDbNative.Delete(_db, _write, k, (nuint)key.Length, out nint error);
            RocksDbNative.Check(error, "rocksdb_delete");
        }
    }

    /// <summary>Reads the value, then writes put-new and delete-old as one batch (atomic).</summary>
    public void Rename(byte[] from, byte[] to)
    {
        fixed (byte* f = from, t = to)
        {
            nint slice = RocksDbNative.GetPinned(_db, _read, f, (nuint)from.Length, out nint error);
            RocksDbNative.Check(error, "rocksdb_get_pinned");
            if (slice == 0)
            {
                return;
            }
            nint batch = RocksDbNative.WriteBatchCreate();
            try
            {
                byte* value = RocksDbNative.PinnableSliceValue(slice, out nuint length);
                RocksDbNative.WriteBatchPut(batch, t, (nuint)to.Length, value, length);
                RocksDbNative.WriteBatchDelete(batch, f, (nuint)from.Length);
                RocksDbNative.Write(_db, _write, batch, out error);
                RocksDbNative.Check(error, "rocksdb_write");
            }
            finally
            {
                RocksDbNative.WriteBatchDestroy(batch);
                RocksDbNative.PinnableSliceDestroy(slice);
            }
        }
    }

    public int List(byte[] prefix, int take) => Scan(prefix, take, directory: false);

    public int ListDirectory(byte[] prefix, int take) => Scan(prefix, take, directory: true);

    /// <summary>Walks an iterator from the prefix; for a directory listing, seeks past each common prefix (fair fast-forward).</summary>
    private int Scan(byte[] prefix, int take, bool directory)
    {
        nint iterator = RocksDbNative.CreateIterator(_db, _read);
        try
        {
            fixed (byte* p = prefix)
            {
                RocksDbNative.IterSeek(iterator, p, (nuint)prefix.Length);
            }
            int n = 0;
            while (n < take && RocksDbNative.IterValid(iterator) != 0)
            {
                byte* keyPointer = RocksDbNative.IterKey(iterator, out nuint keyLength);
                var key = new ReadOnlySpan<byte>(keyPointer, (int)keyLength);
                if (!key.StartsWith(prefix))
                {
                    break;
                }
                RocksDbNative.IterValue(iterator, out _);
                n++;
                int slash = directory ? key[prefix.Length..].IndexOf((byte)'/') : -1;
                if (slash < 0)
                {
                    RocksDbNative.IterNext(iterator);
                    continue;
                }
                byte[] next = MetadataPeers.Successor(key[..(prefix.Length + slash + 1)]);
                fixed (byte* s = next)
                {
                    RocksDbNative.IterSeek(iterator, s, (nuint)next.Length);
                }
            }
            return n;
        }
        finally
        {
            RocksDbNative.IterDestroy(iterator);
        }
    }

    public void Dispose()
    {
        RocksDbNative.Close(_db);
        RocksDbNative.WriteOptionsDestroy(_write);
        RocksDbNative.ReadOptionsDestroy(_read);
        RocksDbNative.OptionsDestroy(_options);
        RocksDbNative.BlockBasedOptionsDestroy(_table);
        RocksDbNative.CacheDestroy(_cache);
    }
}
