namespace Lode;

/// <summary>How to take a snapshot.</summary>
public sealed class SnapshotOptions
{
    /// <summary>A tag to name the snapshot by, or null.</summary>
    public string? Tag { get; init; }

    /// <summary>Receives progress now and then (from the snapshotting thread), or null.</summary>
    public IProgress<SnapshotProgress>? Progress { get; init; }

    /// <summary>Receives one line per entry that was skipped (unreadable, vanished, special), or null.</summary>
    public Action<string>? Warning { get; init; }

    /// <summary>The most unique text bytes in one search index shard (default 64 MiB; docs/format.md, "Search index").</summary>
    public int IndexShardSize { get; init; } = SearchIndexWriterOptions.DefaultShardSize;

    /// <summary>Whether to build the search index (default true). Without one, searches of the snapshot scan its files
    /// until <see cref="Repository.BuildIndex"/> adds it.</summary>
    public bool Index { get; init; } = true;
}
