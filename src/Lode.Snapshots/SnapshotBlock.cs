namespace Lode.Snapshots;

/// <summary>One block of a stream, as <see cref="SnapshotReader.GetBlocks"/> lists it (from the index, no data read).</summary>
/// <param name="BlockNumber">The block's number in its stream, from 0.</param>
/// <param name="Offset">The logical offset of its first byte in the stream.</param>
/// <param name="Length">Its logical length in bytes.</param>
/// <param name="Kind">Where its bytes come from.</param>
/// <param name="Hash">Its content hash (keyed in an encrypted snapshot).</param>
public readonly record struct SnapshotBlock(long BlockNumber, long Offset, int Length, SnapshotBlockKind Kind, BlockHash Hash);
