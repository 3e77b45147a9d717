using System.Runtime.InteropServices;

namespace Lode.IO;

/// <summary>
/// Zstandard one-shot block compression through libzstd. Thread-safe: native compression and decompression
/// contexts are pooled (<see cref="ZstdContextPool"/>) and each call uses its own.
/// </summary>
public static class Zstd
{
    /// <summary>The highest compression level the loaded libzstd accepts (22 for current versions).</summary>
    public static int MaxLevel => NativeMethods.ZSTD_maxCLevel();

    /// <summary>The loaded libzstd's version, e.g. 10504 for 1.5.4.</summary>
    public static uint Version => NativeMethods.ZSTD_versionNumber();

    /// <summary>The largest compressed size of <paramref name="length"/> input bytes.</summary>
    public static int CompressBound(int length) => checked((int)NativeMethods.ZSTD_compressBound((nuint)length));

    /// <summary>
    /// Compresses <paramref name="source"/> into <paramref name="destination"/> as one zstd frame.
    /// </summary>
    /// <param name="source">The bytes to compress.</param>
    /// <param name="destination">At least <see cref="CompressBound"/>(source.Length) bytes guarantees success.</param>
    /// <param name="level">1 (fastest) to <see cref="MaxLevel"/>; negative levels are faster still.</param>
    /// <returns>The compressed length in bytes.</returns>
    /// <exception cref="CodecException">The destination is too small or the level is invalid.</exception>
    public static unsafe int Compress(ReadOnlySpan<byte> source, Span<byte> destination, int level)
    {
        nint cctx = ZstdContextPool.Compression.Rent();
        try
        {
            fixed (byte* src = source)
            fixed (byte* dst = destination)
            {
                nuint result = NativeMethods.ZSTD_compressCCtx(cctx, dst, (nuint)destination.Length, src, (nuint)source.Length, level);
                return Check(result, "compress");
            }
        }
        finally
        {
            ZstdContextPool.Compression.Return(cctx);
        }
    }

    /// <summary>Decompresses one zstd frame into <paramref name="destination"/>.</summary>
    /// <returns>The decompressed length in bytes.</returns>
    /// <exception cref="CodecException">The input is not a valid frame, or it does not fit the destination.</exception>
    public static unsafe int Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        nint dctx = ZstdContextPool.Decompression.Rent();
        try
        {
            fixed (byte* src = source)
            fixed (byte* dst = destination)
            {
                nuint result = NativeMethods.ZSTD_decompressDCtx(dctx, dst, (nuint)destination.Length, src, (nuint)source.Length);
                return Check(result, "decompress");
            }
        }
        finally
        {
            ZstdContextPool.Decompression.Return(dctx);
        }
    }

    /// <summary>The size a one-shot libzstd call returned, or a <see cref="CodecException"/> naming its error.</summary>
    /// <param name="result">The call's return value: a size, or an error code.</param>
    /// <param name="operation">What was tried, for the message: "could not {operation}: {zstd's error name}".</param>
    /// <exception cref="CodecException">The result is an error code.</exception>
    internal static int Check(nuint result, string operation)
    {
        if (NativeMethods.ZSTD_isError(result) == 0)
        {
            return (int)result;
        }
        string name = Marshal.PtrToStringAnsi(NativeMethods.ZSTD_getErrorName(result)) ?? "unknown error";
        throw new CodecException($"zstd could not {operation}: {name}.");
    }
}
