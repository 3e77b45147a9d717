namespace Lode.IO;

/// <summary>A block compression codec. The numeric values are written to disk and never change.</summary>
public enum CompressionCodec : byte
{
    /// <summary>Blocks are stored as they are.</summary>
    None = 0,

    /// <summary>Zstandard, through the reference C library (libzstd).</summary>
    Zstd = 1,

    /// <summary>LZ4 block format, through the reference C library (liblz4).</summary>
    Lz4 = 2,
}
