using Lode.IO;

namespace Lode.Snapshots;

/// <summary>How a <see cref="SnapshotWriter"/> cuts, compresses and parallelises. Immutable once built.</summary>
public sealed class SnapshotWriterOptions
{
    /// <summary>The block codec for every stored block (default zstd).</summary>
    public CompressionCodec Codec { get; init; } = CompressionCodec.Zstd;

    /// <summary>The zstd level (default 3; -7 to 22); ignored by the other codecs.</summary>
    public int Level { get; init; } = 3;

    /// <summary>How streams are cut into blocks (default FastCDC 16/64/256 KiB).</summary>
    public ChunkingOptions Chunking { get; init; } = new();

    /// <summary>
    /// How many blocks are hashed and compressed at once (default: the processor count). 1 runs everything on
    /// the calling thread.
    /// </summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Test hook: the creation time to record instead of the clock's.</summary>
    internal DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Test hook: the writer version to record instead of this assembly's.</summary>
    internal string? WriterVersion { get; init; }
}
