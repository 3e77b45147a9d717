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

    /// <summary>
    /// Glob patterns of entries to leave out (with what they hold, for a directory), matched against the path
    /// relative to the snapshotted directory, '/'-separated, by Microsoft.Extensions.FileSystemGlobbing: <c>*</c> within
    /// a name, <c>**</c> across directories (there is no <c>?</c> or <c>[...]</c>). A pattern without '/' matches a name
    /// at any depth (<c>*.o</c>, <c>node_modules</c>); one with '/' matches from the root, a leading '/' being optional
    /// (<c>/build/out</c>). Matching is case-sensitive.
    /// </summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>Leave out the contents of directories holding a valid <c>CACHEDIR.TAG</c> (the directory and the tag
    /// file are kept), as tar's and restic's <c>--exclude-caches</c> do; see https://bford.info/cachedir/.</summary>
    public bool ExcludeCaches { get; init; }

    /// <summary>Leave out regular files larger than this many bytes; null keeps every file.</summary>
    public long? ExcludeLargerThan { get; init; }

    /// <summary>Do not descend into directories on another file system than the snapshotted directory's (they are
    /// kept, empty), as restic's <c>--one-file-system</c>.</summary>
    public bool OneFileSystem { get; init; }
}
