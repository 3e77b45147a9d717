namespace Lode;

/// <summary>How <see cref="Repository.BuildIndex"/> rebuilds a snapshot's search index.</summary>
public sealed class IndexBuildOptions
{
    /// <summary>Bytes of memory the suffix array constructions may use besides their texts (at least 1 MiB), or null
    /// for no limit. Under a budget, shards are built one or a few at a time, and a shard whose construction does not
    /// fit is built in external memory (CaPS-SA spilling sorted runs to temporary files).</summary>
    public long? MemoryBudget { get; init; }

    /// <summary>Receives progress now and then (from the building thread), or null.</summary>
    public IProgress<SnapshotProgress>? Progress { get; init; }
}
