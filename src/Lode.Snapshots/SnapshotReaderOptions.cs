namespace Lode.Snapshots;

/// <summary>How a <see cref="SnapshotReader"/> caches, authenticates and finds parents. Immutable once built.</summary>
public sealed class SnapshotReaderOptions
{
    /// <summary>
    /// The budget of the decompressed-block cache, in bytes (default 64 MiB; 0 disables it). Index pages have
    /// their own small cache (see <see cref="SnapshotReader"/>).
    /// </summary>
    public long BlockCacheBytes { get; init; } = 64L << 20;

    /// <summary>
    /// Sequential prefetch: when reads follow each other, this many blocks past the last read are decoded in the
    /// background, one prefetch at a time (default 4; 0 disables it). Prefetched blocks go to the block cache, so
    /// prefetch needs a cache budget.
    /// </summary>
    public int PrefetchBlocks { get; init; } = 4;

    /// <summary>
    /// The key or password of an encrypted snapshot (null for a plain one). With it set, <see cref="SnapshotReader.Open"/>
    /// refuses a snapshot that is not encrypted, so an attacker cannot substitute a plain file.
    /// </summary>
    public SnapshotEncryption? Encryption { get; init; }

    /// <summary>
    /// Opens a parent snapshot by id, when the snapshot has parent blocks; called lazily, at most once per parent,
    /// from any reading thread. It must return a reader the child may own: the child disposes it. Throwing or
    /// returning null makes the read fail with <see cref="ParentSnapshotNotFoundException"/>. Parents open their own
    /// parents through their own options, so give them a loader too.
    /// </summary>
    public Func<string, SnapshotReader>? ParentLoader { get; init; }

    /// <summary>
    /// This snapshot's id (1 to 64 characters of [A-Za-z0-9._-]), needed to use the reader as the source of
    /// <see cref="SnapshotWriter.AppendFrom"/> and for cycle detection; a parent opened through a loader gets the
    /// id it was loaded by.
    /// </summary>
    public string? SnapshotId { get; init; }

    /// <summary>Whether disposing the reader disposes its <see cref="Lode.IO.IByteSource"/> too (default false).</summary>
    public bool OwnsSource { get; init; }
}
