using Lode.SuffixArrays;

namespace Lode;

/// <summary>How <see cref="SearchIndexWriter"/> shards and builds an index.</summary>
internal sealed record SearchIndexWriterOptions
{
    /// <summary>The most text bytes in one shard built from several files (a larger single file gets a shard of its
    /// own). <see cref="DefaultShardSize"/> by default.</summary>
    public int ShardSize { get; init; } = DefaultShardSize;

    /// <summary>
    /// 64 MiB: every query pays a backward search per shard, so fewer, larger shards answer faster (on the Linux 6.1
    /// sources, 20 shards instead of 159 took an absent literal's cold count from 116 to 33 ms) and, on that text, even
    /// compress better (2.25 against 2.35 bits per text byte); building one takes about 10 bytes per text byte
    /// (docs/benchmarks.md, "Search index format 3").
    /// </summary>
    public const int DefaultShardSize = 64 << 20;

    /// <summary>Shards whose suffix arrays are built at once (one thread each).</summary>
    public int ParallelBuilds { get; init; } = Environment.ProcessorCount;

    /// <summary>Bytes of memory the suffix array constructions may use together besides their texts, or null for
    /// no limit. A shard whose in-memory construction would not fit is built in external memory (CaPS-SA spilling to
    /// <see cref="WorkingDirectory"/>), and fewer shards are built at once.</summary>
    public long? MemoryBudget { get; init; }

    /// <summary>Where external-memory construction spills; null for the system's temporary directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>How each shard's FM-index is built (its SA sample rate).</summary>
    public FmIndexOptions FmIndex { get; init; } = new();

    /// <summary>Build slots kept free until <see cref="SearchIndexWriter.Finish"/> (at least one slot always builds):
    /// a snapshot keeps one core for reading, compressing and storing files, so its data is durable sooner.</summary>
    public int SlotsReservedWhileFeeding { get; init; }
}
