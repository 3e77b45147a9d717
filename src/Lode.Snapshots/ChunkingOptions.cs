using System.Numerics;

namespace Lode.Snapshots;

/// <summary>
/// Chunking parameters, recorded in the snapshot header. Sizes are in bytes.
/// </summary>
/// <param name="Method">Content-defined (FastCDC) or fixed-size.</param>
/// <param name="MinSize">FastCDC: no cut before this many bytes (except at an explicit end of block).</param>
/// <param name="AverageSize">FastCDC: the target average chunk size, a power of two. Fixed: the block size.</param>
/// <param name="MaxSize">FastCDC: a cut is forced at this many bytes.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record ChunkingOptions(
    ChunkingMethod Method = ChunkingMethod.FastCdc,
    int MinSize = 16 * 1024,
    int AverageSize = 64 * 1024,
    int MaxSize = 256 * 1024)
{
    /// <summary>The smallest size any parameter may take: 64 bytes.</summary>
    public const int SmallestSize = 64;

    /// <summary>The largest size any parameter may take: 4 MiB.</summary>
    public const int LargestSize = 4 << 20;

    /// <summary>The largest block these options can produce, in bytes.</summary>
    public int LargestBlock => Method == ChunkingMethod.Fixed ? AverageSize : MaxSize;

    /// <summary>
    /// Checks 64 B &lt;= MinSize &lt;= AverageSize &lt;= MaxSize &lt;= 4 MiB, a known method, and (for FastCDC) that
    /// AverageSize is a power of two.
    /// </summary>
    /// <exception cref="ArgumentException">A parameter is out of range; the message names it.</exception>
    public void Validate()
    {
        if (Method is not (ChunkingMethod.FastCdc or ChunkingMethod.Fixed))
        {
            throw new ArgumentException($"Unknown chunking method {(byte)Method}; use FastCdc or Fixed.", nameof(Method));
        }
        if (MinSize < SmallestSize || MinSize > AverageSize || AverageSize > MaxSize || MaxSize > LargestSize)
        {
            throw new ArgumentException(
                $"Chunk sizes must satisfy {SmallestSize} <= min <= average <= max <= {LargestSize}; got min {MinSize}, average {AverageSize}, max {MaxSize}.",
                nameof(MinSize));
        }
        if (Method == ChunkingMethod.FastCdc && !BitOperations.IsPow2(AverageSize))
        {
            throw new ArgumentException($"The FastCDC average chunk size must be a power of two; got {AverageSize}.", nameof(AverageSize));
        }
    }
}
