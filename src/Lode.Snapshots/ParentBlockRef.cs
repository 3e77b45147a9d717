namespace Lode.Snapshots;

/// <summary>Where a block lives in an earlier snapshot: the snapshot, the stream and the block number there.</summary>
/// <param name="SnapshotId">The snapshot's id (1 to 64 characters of [A-Za-z0-9._-]), as the reader's
/// <see cref="SnapshotReaderOptions.ParentLoader"/> will be asked for it.</param>
/// <param name="IntegrityRoot">That snapshot's integrity root, 64 hex digits (<see cref="SnapshotHeader.IntegrityRoot"/>).</param>
/// <param name="StreamIndex">The stream's position in that snapshot's stream table (<see cref="SnapshotHeader.Streams"/>).</param>
/// <param name="BlockNumber">The block's number in that stream, from 0.</param>
/// <param name="LogicalLength">The block's length in bytes; a writer uses the reference only when it equals its chunk's.</param>
public readonly record struct ParentBlockRef(string SnapshotId, string IntegrityRoot, int StreamIndex, long BlockNumber, int LogicalLength);
