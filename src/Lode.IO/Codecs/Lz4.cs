namespace Lode.IO;

/// <summary>LZ4 block-format compression through liblz4. Thread-safe (stateless).</summary>
public static class Lz4
{
    /// <summary>The largest compressed size of <paramref name="length"/> input bytes.</summary>
    public static int CompressBound(int length) => NativeMethods.LZ4_compressBound(length);

    /// <summary>Compresses <paramref name="source"/> as one LZ4 block.</summary>
    /// <returns>The compressed length in bytes.</returns>
    /// <exception cref="CodecException">The destination is too small.</exception>
    public static unsafe int Compress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        fixed (byte* src = source)
        fixed (byte* dst = destination)
        {
            int n = NativeMethods.LZ4_compress_default(src, dst, source.Length, destination.Length);
            return n > 0 || source.IsEmpty ? n : throw new CodecException("lz4 could not compress: the destination is too small.");
        }
    }

    /// <summary>Decompresses one LZ4 block into <paramref name="destination"/>.</summary>
    /// <returns>The decompressed length in bytes.</returns>
    /// <exception cref="CodecException">The block is malformed or does not fit the destination.</exception>
    public static unsafe int Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        fixed (byte* src = source)
        fixed (byte* dst = destination)
        {
            int n = NativeMethods.LZ4_decompress_safe(src, dst, source.Length, destination.Length);
            return n >= 0 ? n : throw new CodecException("lz4 could not decompress: the block is malformed.");
        }
    }
}
