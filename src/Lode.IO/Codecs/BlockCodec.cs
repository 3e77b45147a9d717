namespace Lode.IO;

/// <summary>
/// One entry point for every <see cref="CompressionCodec"/>: compress a block, and decompress a block to
/// exactly its known logical length. Thread-safe.
/// </summary>
public static class BlockCodec
{
    /// <summary>The largest compressed size of <paramref name="length"/> bytes under <paramref name="codec"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The codec is unknown.</exception>
    public static int CompressBound(CompressionCodec codec, int length) => codec switch
    {
        CompressionCodec.None => length,
        CompressionCodec.Zstd => Zstd.CompressBound(length),
        CompressionCodec.Lz4 => Lz4.CompressBound(length),
        _ => throw new ArgumentOutOfRangeException(nameof(codec), codec, "Unknown compression codec."),
    };

    /// <summary>Compresses a block.</summary>
    /// <param name="codec">The codec.</param>
    /// <param name="level">The zstd level; ignored by the other codecs.</param>
    /// <param name="source">The block's bytes.</param>
    /// <param name="destination">At least <see cref="CompressBound"/> bytes.</param>
    /// <returns>The compressed length in bytes.</returns>
    /// <exception cref="CodecException">The codec failed.</exception>
    public static int Compress(CompressionCodec codec, int level, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        switch (codec)
        {
            case CompressionCodec.None:
                source.CopyTo(destination);
                return source.Length;
            case CompressionCodec.Zstd:
                return Zstd.Compress(source, destination, level);
            case CompressionCodec.Lz4:
                return Lz4.Compress(source, destination);
            default:
                throw new ArgumentOutOfRangeException(nameof(codec), codec, "Unknown compression codec.");
        }
    }

    /// <summary>
    /// Decompresses a block whose logical length is known: <paramref name="destination"/> must come out
    /// exactly full.
    /// </summary>
    /// <exception cref="CodecException">The block is malformed or decompresses to another length.</exception>
    public static void Decompress(CompressionCodec codec, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int n;
        switch (codec)
        {
            case CompressionCodec.None:
                if (source.Length != destination.Length)
                {
                    throw new CodecException($"An uncompressed block holds {source.Length} bytes, not the {destination.Length} expected.");
                }
                source.CopyTo(destination);
                return;
            case CompressionCodec.Zstd:
                n = Zstd.Decompress(source, destination);
                break;
            case CompressionCodec.Lz4:
                n = Lz4.Decompress(source, destination);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(codec), codec, "Unknown compression codec.");
        }
        if (n != destination.Length)
        {
            throw new CodecException($"A {codec} block decompressed to {n} bytes, not the {destination.Length} expected.");
        }
    }
}
