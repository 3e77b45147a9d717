namespace Lode.Metadata;

/// <summary>When a write of a <see cref="MetadataStore"/> returns, relative to the disk.</summary>
public enum Durability
{
    /// <summary>
    /// A write returns after its write-ahead log record is written and fsynced. Concurrent writers share fsyncs
    /// (group commit): one fsync covers every record published before it started.
    /// </summary>
    Sync,

    /// <summary>
    /// A write returns once its record is in the in-memory log ring; the flusher writes and fsyncs it within
    /// <see cref="MetadataStoreOptions.AsyncFlushInterval"/>. A crash loses at most that window.
    /// </summary>
    Async,

    /// <summary>
    /// No write-ahead log: writes live in memory only and reach disk with the next checkpoint (on demand, in the
    /// background by <see cref="MetadataStoreOptions.CheckpointInterval"/>, and when the store is disposed).
    /// A crash returns the store to its last checkpoint.
    /// </summary>
    None,
}
