using Lode.IO;

namespace Lode.Snapshots;

/// <summary>How a <see cref="SnapshotWriter"/> cuts, compresses, dedups, encrypts and parallelises. Immutable once built.</summary>
public sealed class SnapshotWriterOptions
{
    /// <summary>The default block codec (default zstd).</summary>
    public CompressionCodec Codec { get; init; } = CompressionCodec.Zstd;

    /// <summary>The default zstd level (default 3; -7 to 22); ignored by the other codecs.</summary>
    public int Level { get; init; } = 3;

    /// <summary>How streams are cut into blocks by default (default FastCDC 16/64/256 KiB).</summary>
    public ChunkingOptions Chunking { get; init; } = new();

    /// <summary>
    /// Per-stream overrides of codec, level and chunking, by stream name (default none). Recorded in the file for
    /// each stream (<see cref="SnapshotStreamInfo"/>).
    /// </summary>
    public IReadOnlyDictionary<string, SnapshotStreamOptions> StreamOptions { get; init; } = new Dictionary<string, SnapshotStreamOptions>();

    /// <summary>
    /// How many blocks are hashed and compressed at once (default: the processor count). 1 runs everything on
    /// the calling thread.
    /// </summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Earlier snapshots' blocks to refer to instead of storing them again (default none). Asked for every chunk
    /// that is neither all zeros nor already in this file; called from worker threads.
    /// </summary>
    public ISnapshotBlockLookup? BlockLookup { get; init; }

    /// <summary>Encrypts the snapshot with AES-256-GCM and keys its block hashes (default none).</summary>
    public SnapshotEncryption? Encryption { get; init; }

    /// <summary>
    /// Trains a zstd dictionary from the first <see cref="DictionarySampleBytes"/> bytes of chunks of zstd streams
    /// (held back until then), stores it in the file, and compresses every zstd block with it (default off). Helps
    /// small blocks most. When zstd cannot train one (too little data), the snapshot is written without.
    /// </summary>
    public bool TrainDictionary { get; init; }

    /// <summary>The sample size for <see cref="TrainDictionary"/>, in bytes (default 4 MiB; 64 KiB to 64 MiB).</summary>
    public int DictionarySampleBytes { get; init; } = 4 << 20;

    /// <summary>Test hook: the creation time to record instead of the clock's.</summary>
    internal DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Test hook: the scheduler chunk jobs run on instead of the thread pool (to force an order of hashing).</summary>
    internal TaskScheduler? Scheduler { get; init; }

    /// <summary>Test hook: the writer version to record instead of this assembly's.</summary>
    internal string? WriterVersion { get; init; }
}
