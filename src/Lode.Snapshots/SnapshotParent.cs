namespace Lode.Snapshots;

/// <summary>A parent snapshot that a snapshot refers to for some of its blocks.</summary>
/// <param name="SnapshotId">The id the reader passes to <see cref="SnapshotReaderOptions.ParentLoader"/>: 1 to 64 characters of [A-Za-z0-9._-].</param>
/// <param name="IntegrityRoot">The parent's integrity root, 64 lowercase hex digits; the reader checks it when it opens the parent.</param>
public sealed record SnapshotParent(string SnapshotId, string IntegrityRoot);
