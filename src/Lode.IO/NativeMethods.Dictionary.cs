using System.Runtime.InteropServices;

namespace Lode.IO;

/// <summary>libzstd's dictionary API: training (ZDICT, part of every libzstd.so.1 build Debian ships) and
/// compression and decompression with digested dictionaries (CDict, DDict).</summary>
internal static partial class NativeMethods
{
    [LibraryImport(ZstdLibrary)]
    internal static unsafe partial nuint ZDICT_trainFromBuffer(byte* dictBuffer, nuint dictBufferCapacity, byte* samplesBuffer, nuint* samplesSizes, uint nbSamples);

    [LibraryImport(ZstdLibrary)]
    internal static partial uint ZDICT_isError(nuint code);

    [LibraryImport(ZstdLibrary)]
    internal static partial nint ZDICT_getErrorName(nuint code);

    [LibraryImport(ZstdLibrary)]
    internal static unsafe partial nint ZSTD_createCDict(byte* dictBuffer, nuint dictSize, int compressionLevel);

    [LibraryImport(ZstdLibrary)]
    internal static partial nuint ZSTD_freeCDict(nint cdict);

    [LibraryImport(ZstdLibrary)]
    internal static unsafe partial nint ZSTD_createDDict(byte* dictBuffer, nuint dictSize);

    [LibraryImport(ZstdLibrary)]
    internal static partial nuint ZSTD_freeDDict(nint ddict);

    [LibraryImport(ZstdLibrary)]
    internal static unsafe partial nuint ZSTD_compress_usingCDict(nint cctx, byte* dst, nuint dstCapacity, byte* src, nuint srcSize, nint cdict);

    [LibraryImport(ZstdLibrary)]
    internal static unsafe partial nuint ZSTD_decompress_usingDDict(nint dctx, byte* dst, nuint dstCapacity, byte* src, nuint srcSize, nint ddict);
}
