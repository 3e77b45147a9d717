using System.Runtime.InteropServices;

namespace Lode.Benchmarks.Metadata;

/// <summary>The part of LMDB's C API (lmdb.h, liblmdb.so.0 from Debian's liblmdb0) the benchmark peer uses.</summary>
internal static unsafe partial class LmdbNative
{
    private const string Library = "liblmdb.so.0";

    public const uint NoSync = 0x10000;
    public const uint ReadOnly = 0x20000;
    public const uint NoMetaSync = 0x40000;
    public const uint NoTls = 0x200000;
    public const uint Create = 0x40000;
    public const int NotFound = -30798;
    public const int SetRange = 17;
    public const int Next = 8;

    /// <summary>MDB_val: a length and a pointer.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Value
    {
        public nuint Size;
        public byte* Data;
    }

    [LibraryImport(Library, EntryPoint = "mdb_env_create")]
    public static partial int EnvCreate(out nint env);

    [LibraryImport(Library, EntryPoint = "mdb_env_set_mapsize")]
    public static partial int EnvSetMapSize(nint env, nuint size);

    [LibraryImport(Library, EntryPoint = "mdb_env_open", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int EnvOpen(nint env, string path, uint flags, int mode);

    [LibraryImport(Library, EntryPoint = "mdb_env_close")]
    public static partial void EnvClose(nint env);

    [LibraryImport(Library, EntryPoint = "mdb_txn_begin")]
    public static partial int TxnBegin(nint env, nint parent, uint flags, out nint txn);

    [LibraryImport(Library, EntryPoint = "mdb_txn_commit")]
    public static partial int TxnCommit(nint txn);

    [LibraryImport(Library, EntryPoint = "mdb_txn_abort")]
    public static partial void TxnAbort(nint txn);

    [LibraryImport(Library, EntryPoint = "mdb_dbi_open")]
    public static partial int DbiOpen(nint txn, byte* name, uint flags, out uint dbi);

    [LibraryImport(Library, EntryPoint = "mdb_get")]
    public static partial int Get(nint txn, uint dbi, ref Value key, out Value data);

    [LibraryImport(Library, EntryPoint = "mdb_put")]
    public static partial int Put(nint txn, uint dbi, ref Value key, ref Value data, uint flags);

    [LibraryImport(Library, EntryPoint = "mdb_del")]
    public static partial int Del(nint txn, uint dbi, ref Value key, nint data);

    [LibraryImport(Library, EntryPoint = "mdb_cursor_open")]
    public static partial int CursorOpen(nint txn, uint dbi, out nint cursor);

    [LibraryImport(Library, EntryPoint = "mdb_cursor_get")]
    public static partial int CursorGet(nint cursor, ref Value key, ref Value data, int op);

    [LibraryImport(Library, EntryPoint = "mdb_cursor_close")]
    public static partial void CursorClose(nint cursor);

    /// <summary>Throws when an LMDB call returned an error code.</summary>
    public static void Check(int rc, string call)
    {
        if (rc != 0)
        {
            throw new InvalidOperationException($"LMDB {call} failed with {rc}.");
        }
    }
}
