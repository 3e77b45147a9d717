namespace Lode.Snapshots;

/// <summary>How a <see cref="SnapshotReader"/> caches. Immutable once built.</summary>
public sealed class SnapshotReaderOptions
{
    /// <summary>
    /// The budget of the decompressed-block cache, in bytes (default 64 MiB; 0 disables it). Index pages have
    /// their own small cache (see <see cref="SnapshotReader"/>).
    /// </summary>
    public long BlockCacheBytes { get; init; } = 64L << 20;
}
