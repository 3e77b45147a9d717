namespace Lode.Snapshots.Reading;

/// <summary>
/// A block-cache key: source 0 and the stored offset for this file's own blocks (duplicates share their stored
/// block's entry); for a parent block, source 1 + parent index × 8 + parent stream, and the parent block number.
/// </summary>
internal readonly record struct BlockKey(int Source, long Position);
