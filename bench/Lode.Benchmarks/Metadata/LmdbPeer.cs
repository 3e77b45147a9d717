namespace Lode.Benchmarks.Metadata;

/// <summary>
/// LMDB as a benchmark engine: one unnamed database in a 16 GiB sparse map, a read-only transaction per read,
/// a write transaction per write (LMDB serialises writers), commits synced (durable) or MDB_NOSYNC.
/// </summary>
public sealed unsafe class LmdbPeer : IMetadataPeer
{
    private readonly nint _env;
    private readonly uint _dbi;

    public LmdbPeer(string directory, bool durable)
    {
        LmdbNative.Check(LmdbNative.EnvCreate(out _env), "mdb_env_create");
        LmdbNative.Check(LmdbNative.EnvSetMapSize(_env, (nuint)16 << 30), "mdb_env_set_mapsize");
        uint flags = LmdbNative.NoTls | (durable ? 0 : LmdbNative.NoSync | LmdbNative.NoMetaSync);
        LmdbNative.Check(LmdbNative.EnvOpen(_env, directory, flags, 0x1B6), "mdb_env_open");
        LmdbNative.Check(LmdbNative.TxnBegin(_env, 0, 0, out nint txn), "mdb_txn_begin");
        LmdbNative.Check(LmdbNative.DbiOpen(txn, null, LmdbNative.Create, out _dbi), "mdb_dbi_open");
        LmdbNative.Check(LmdbNative.TxnCommit(txn), "mdb_txn_commit");
    }

    public void Load(IReadOnlyList<byte[]> keys, byte[] value) => Write(txn =>
    {
        foreach (byte[] key in keys)
        {
            PutIn(txn, key, value);
        }
    });

    public void Put(byte[] key, byte[] value) => Write(txn => PutIn(txn, key, value));

    public int Get(byte[] key) => Read(txn =>
    {
        fixed (byte* k = key)
        {
            var keyValue = new LmdbNative.Value { Size = (nuint)key.Length, Data = k };
            int rc = LmdbNative.Get(txn, _dbi, ref keyValue, out LmdbNative.Value data);
            return rc == LmdbNative.NotFound ? -1 : (int)data.Size;
        }
    });

    public void Delete(byte[] key) => Write(txn => DeleteIn(txn, key));

    public void Rename(byte[] from, byte[] to) => Write(txn =>
    {
        fixed (byte* f = from)
        {
            var keyValue = new LmdbNative.Value { Size = (nuint)from.Length, Data = f };
            if (LmdbNative.Get(txn, _dbi, ref keyValue, out LmdbNative.Value data) == 0)
            {
                byte[] value = new ReadOnlySpan<byte>(data.Data, (int)data.Size).ToArray();
                PutIn(txn, to, value);
                DeleteIn(txn, from);
            }
        }
    });

    public int List(byte[] prefix, int take) => Read(txn => Scan(txn, prefix, take, directory: false));

    public int ListDirectory(byte[] prefix, int take) => Read(txn => Scan(txn, prefix, take, directory: true));

    /// <summary>Walks a cursor from the prefix; for a directory listing, seeks past each common prefix (fair fast-forward).</summary>
    private int Scan(nint txn, byte[] prefix, int take, bool directory)
    {
        LmdbNative.Check(LmdbNative.CursorOpen(txn, _dbi, out nint cursor), "mdb_cursor_open");
        try
        {
            int n = 0;
            byte[] seek = prefix;
            int op = LmdbNative.SetRange;
            while (n < take)
            {
                fixed (byte* s = seek)
                {
                    var key = new LmdbNative.Value { Size = (nuint)seek.Length, Data = s };
                    var data = default(LmdbNative.Value);
                    if (LmdbNative.CursorGet(cursor, ref key, ref data, op) != 0)
                    {
                        break;
                    }
                    var found = new ReadOnlySpan<byte>(key.Data, (int)key.Size);
                    if (!found.StartsWith(prefix))
                    {
                        break;
                    }
                    n++;
                    int slash = directory ? found[prefix.Length..].IndexOf((byte)'/') : -1;
                    if (slash >= 0)
                    {
                        seek = MetadataPeers.Successor(found[..(prefix.Length + slash + 1)]);
                        op = LmdbNative.SetRange;
                    }
                    else
                    {
                        op = LmdbNative.Next;
                    }
                }
            }
            return n;
        }
        finally
        {
            LmdbNative.CursorClose(cursor);
        }
    }

    private void PutIn(nint txn, byte[] key, byte[] value)
    {
        fixed (byte* k = key, v = value)
        {
            var keyValue = new LmdbNative.Value { Size = (nuint)key.Length, Data = k };
            var data = new LmdbNative.Value { Size = (nuint)value.Length, Data = v };
            LmdbNative.Check(LmdbNative.Put(txn, _dbi, ref keyValue, ref data, 0), "mdb_put");
        }
    }

    private void DeleteIn(nint txn, byte[] key)
    {
        fixed (byte* k = key)
        {
            var keyValue = new LmdbNative.Value { Size = (nuint)key.Length, Data = k };
            int rc = LmdbNative.Del(txn, _dbi, ref keyValue, 0);
            if (rc != LmdbNative.NotFound)
            {
                LmdbNative.Check(rc, "mdb_del");
            }
        }
    }

    private void Write(Action<nint> body)
    {
        LmdbNative.Check(LmdbNative.TxnBegin(_env, 0, 0, out nint txn), "mdb_txn_begin");
        try
        {
            body(txn);
        }
        catch
        {
            LmdbNative.TxnAbort(txn);
            throw;
        }
        LmdbNative.Check(LmdbNative.TxnCommit(txn), "mdb_txn_commit");
    }

    private T Read<T>(Func<nint, T> body)
    {
        LmdbNative.Check(LmdbNative.TxnBegin(_env, 0, LmdbNative.ReadOnly, out nint txn), "mdb_txn_begin");
        try
        {
            return body(txn);
        }
        finally
        {
            LmdbNative.TxnAbort(txn);
        }
    }

    public void Dispose() => LmdbNative.EnvClose(_env);
}
