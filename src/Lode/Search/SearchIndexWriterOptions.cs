using Lode.SuffixArrays;

namespace Lode;

/// <summary>How <see cref="SearchIndexWriter"/> shards and builds an index.</summary>
internal sealed record SearchIndexWriterOptions
{
    /// <summary>The most text bytes in one shard built from several files (a larger single file gets a shard of its
    /// own). 8 MiB: small enough to build in parallel and to carry over unchanged, large enough that a query's
    /// per-shard binary searches stay few.</summary>
    public int ShardSize { get; init; } = 8 << 20;

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
}
