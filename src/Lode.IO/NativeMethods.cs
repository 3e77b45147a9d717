using System.Runtime.InteropServices;

namespace Lode.IO;

/// <summary>Bindings to libzstd (1.4+) and liblz4 (1.9+), the reference C libraries every Debian system has, and
/// the few libc calls .NET does not expose.</summary>
internal static partial class NativeMethods
{
    private const string ZstdLibrary = "libzstd.so.1";
    private const string Lz4Library = "liblz4.so.1";

    [LibraryImport(ZstdLibrary)]
    internal static partial nuint ZSTD_compressBound(nuint srcSize);

    [LibraryImport(ZstdLibrary)]
    internal static partial nint ZSTD_createCCtx();

    [LibraryImport(ZstdLibrary)]
    internal static partial nuint ZSTD_freeCCtx(nint cctx);

    [LibraryImport(ZstdLibrary)]
    internal static unsafe partial nuint ZSTD_compressCCtx(nint cctx, byte* dst, nuint dstCapacity, byte* src, nuint srcSize, int level);

    [LibraryImport(ZstdLibrary)]
    internal static partial nint ZSTD_createDCtx();

    [LibraryImport(ZstdLibrary)]
    internal static partial nuint ZSTD_freeDCtx(nint dctx);

    [LibraryImport(ZstdLibrary)]
    internal static unsafe partial nuint ZSTD_decompressDCtx(nint dctx, byte* dst, nuint dstCapacity, byte* src, nuint srcSize);

    [LibraryImport(ZstdLibrary)]
    internal static partial uint ZSTD_isError(nuint code);

    [LibraryImport(ZstdLibrary)]
    internal static partial nint ZSTD_getErrorName(nuint code);

    [LibraryImport(ZstdLibrary)]
    internal static partial int ZSTD_maxCLevel();

    [LibraryImport(ZstdLibrary)]
    internal static partial uint ZSTD_versionNumber();

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Statx(int dirFd, string path, int flags, uint mask, Span<byte> buffer);

    [LibraryImport("libc", EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Lchown(string path, uint owner, uint group);

    /// <summary><c>getpwuid_r(3)</c>; returns 0 or an error number, and a null result when there is no such user.</summary>
    [LibraryImport("libc", EntryPoint = "getpwuid_r")]
    internal static unsafe partial int GetPwUid(uint uid, byte* entry, byte* buffer, nuint length, nint* result);

    /// <summary><c>getgrgid_r(3)</c>; as <see cref="GetPwUid"/>.</summary>
    [LibraryImport("libc", EntryPoint = "getgrgid_r")]
    internal static unsafe partial int GetGrGid(uint gid, byte* entry, byte* buffer, nuint length, nint* result);

    /// <summary><c>getpwnam_r(3)</c>; as <see cref="GetPwUid"/>.</summary>
    [LibraryImport("libc", EntryPoint = "getpwnam_r", StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int GetPwNam(string name, byte* entry, byte* buffer, nuint length, nint* result);

    /// <summary><c>getgrnam_r(3)</c>; as <see cref="GetPwUid"/>.</summary>
    [LibraryImport("libc", EntryPoint = "getgrnam_r", StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int GetGrNam(string name, byte* entry, byte* buffer, nuint length, nint* result);

    /// <summary><c>posix_fadvise(2)</c>; returns 0 or an error number (it does not set errno).</summary>
    [LibraryImport("libc", EntryPoint = "posix_fadvise")]
    internal static partial int PosixFadvise(int fd, long offset, long length, int advice);

    /// <summary><c>mmap(2)</c>; returns the address, or -1 (MAP_FAILED) with errno set.</summary>
    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    internal static partial nint Mmap(nint address, nuint length, int protection, int flags, int fd, long offset);

    /// <summary><c>munmap(2)</c>; returns 0 or -1.</summary>
    [LibraryImport("libc", EntryPoint = "munmap")]
    internal static partial int Munmap(nint address, nuint length);

    [LibraryImport(Lz4Library)]
    internal static partial int LZ4_compressBound(int inputSize);

    [LibraryImport(Lz4Library)]
    internal static unsafe partial int LZ4_compress_default(byte* src, byte* dst, int srcSize, int dstCapacity);

    [LibraryImport(Lz4Library)]
    internal static unsafe partial int LZ4_decompress_safe(byte* src, byte* dst, int compressedSize, int dstCapacity);
}
