using System.Runtime.InteropServices;

namespace Lode.Benchmarks.Metadata;

/// <summary>The part of RocksDB's C API (rocksdb/c.h, librocksdb.so.7.8 from Debian's librocksdb7.8) the benchmark peer uses.</summary>
internal static unsafe partial class RocksDbNative
{
    private const string Library = "librocksdb.so.7.8";

    [LibraryImport(Library, EntryPoint = "rocksdb_options_create")]
    public static partial nint OptionsCreate();

    [LibraryImport(Library, EntryPoint = "rocksdb_options_set_create_if_missing")]
    public static partial void OptionsSetCreateIfMissing(nint options, byte value);

    [LibraryImport(Library, EntryPoint = "rocksdb_options_increase_parallelism")]
    public static partial void OptionsIncreaseParallelism(nint options, int threads);

    [LibraryImport(Library, EntryPoint = "rocksdb_options_destroy")]
    public static partial void OptionsDestroy(nint options);

    [LibraryImport(Library, EntryPoint = "rocksdb_cache_create_lru")]
    public static partial nint CacheCreateLru(nuint capacity);

    [LibraryImport(Library, EntryPoint = "rocksdb_cache_destroy")]
    public static partial void CacheDestroy(nint cache);

    [LibraryImport(Library, EntryPoint = "rocksdb_filterpolicy_create_bloom")]
    public static partial nint FilterPolicyCreateBloom(double bitsPerKey);

    [LibraryImport(Library, EntryPoint = "rocksdb_block_based_options_create")]
    public static partial nint BlockBasedOptionsCreate();

    [LibraryImport(Library, EntryPoint = "rocksdb_block_based_options_set_block_cache")]
    public static partial void BlockBasedOptionsSetBlockCache(nint options, nint cache);

    /// <summary>The table options take ownership of <paramref name="policy"/>.</summary>
    [LibraryImport(Library, EntryPoint = "rocksdb_block_based_options_set_filter_policy")]
    public static partial void BlockBasedOptionsSetFilterPolicy(nint options, nint policy);

    [LibraryImport(Library, EntryPoint = "rocksdb_block_based_options_destroy")]
    public static partial void BlockBasedOptionsDestroy(nint options);

    [LibraryImport(Library, EntryPoint = "rocksdb_options_set_block_based_table_factory")]
    public static partial void OptionsSetBlockBasedTableFactory(nint options, nint tableOptions);

    /// <summary>Compacts the key range [start, limit); null pointers for the whole store.</summary>
    [LibraryImport(Library, EntryPoint = "rocksdb_compact_range")]
    public static partial void CompactRange(nint db, byte* start, nuint startLength, byte* limit, nuint limitLength);

    [LibraryImport(Library, EntryPoint = "rocksdb_open", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint Open(nint options, string name, out nint error);

    [LibraryImport(Library, EntryPoint = "rocksdb_close")]
    public static partial void Close(nint db);

    [LibraryImport(Library, EntryPoint = "rocksdb_writeoptions_create")]
    public static partial nint WriteOptionsCreate();

    [LibraryImport(Library, EntryPoint = "rocksdb_writeoptions_set_sync")]
    public static partial void WriteOptionsSetSync(nint options, byte value);

    [LibraryImport(Library, EntryPoint = "rocksdb_writeoptions_destroy")]
    public static partial void WriteOptionsDestroy(nint options);

    [LibraryImport(Library, EntryPoint = "rocksdb_readoptions_create")]
    public static partial nint ReadOptionsCreate();

    [LibraryImport(Library, EntryPoint = "rocksdb_readoptions_destroy")]
    public static partial void ReadOptionsDestroy(nint options);

    [LibraryImport(Library, EntryPoint = "rocksdb_put")]
    public static partial void Put(nint db, nint options, byte* key, nuint keyLength, byte* value, nuint valueLength, out nint error);

    [LibraryImport(Library, EntryPoint = "rocksdb_delete")]
    public static partial void Delete(nint db, nint options, byte* key, nuint keyLength, out nint error);

    [LibraryImport(Library, EntryPoint = "rocksdb_get_pinned")]
    public static partial nint GetPinned(nint db, nint options, byte* key, nuint keyLength, out nint error);

    [LibraryImport(Library, EntryPoint = "rocksdb_pinnableslice_value")]
    public static partial byte* PinnableSliceValue(nint slice, out nuint length);

    [LibraryImport(Library, EntryPoint = "rocksdb_pinnableslice_destroy")]
    public static partial void PinnableSliceDestroy(nint slice);

    [LibraryImport(Library, EntryPoint = "rocksdb_writebatch_create")]
    public static partial nint WriteBatchCreate();

    [LibraryImport(Library, EntryPoint = "rocksdb_writebatch_put")]
    public static partial void WriteBatchPut(nint batch, byte* key, nuint keyLength, byte* value, nuint valueLength);

    [LibraryImport(Library, EntryPoint = "rocksdb_writebatch_delete")]
    public static partial void WriteBatchDelete(nint batch, byte* key, nuint keyLength);

    [LibraryImport(Library, EntryPoint = "rocksdb_writebatch_destroy")]
    public static partial void WriteBatchDestroy(nint batch);

    [LibraryImport(Library, EntryPoint = "rocksdb_write")]
    public static partial void Write(nint db, nint options, nint batch, out nint error);

    [LibraryImport(Library, EntryPoint = "rocksdb_create_iterator")]
    public static partial nint CreateIterator(nint db, nint options);

    [LibraryImport(Library, EntryPoint = "rocksdb_iter_seek")]
    public static partial void IterSeek(nint iterator, byte* key, nuint keyLength);

    [LibraryImport(Library, EntryPoint = "rocksdb_iter_valid")]
    public static partial byte IterValid(nint iterator);

    [LibraryImport(Library, EntryPoint = "rocksdb_iter_next")]
    public static partial void IterNext(nint iterator);

    [LibraryImport(Library, EntryPoint = "rocksdb_iter_key")]
    public static partial byte* IterKey(nint iterator, out nuint length);

    [LibraryImport(Library, EntryPoint = "rocksdb_iter_value")]
    public static partial byte* IterValue(nint iterator, out nuint length);

    [LibraryImport(Library, EntryPoint = "rocksdb_iter_destroy")]
    public static partial void IterDestroy(nint iterator);

    [LibraryImport(Library, EntryPoint = "rocksdb_free")]
    public static partial void Free(nint pointer);

    /// <summary>Throws with RocksDB's message when a call set its error pointer.</summary>
    public static void Check(nint error, string call)
    {
        if (error != 0)
        {
            string message = Marshal.PtrToStringUTF8(error) ?? "unknown error";
            Free(error);
            throw new InvalidOperationException($"RocksDB {call} failed: {message}");
        }
    }
}
