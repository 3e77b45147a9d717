namespace Lode.Snapshots;

/// <summary>What <see cref="SnapshotWriter.Finish"/> wrote.</summary>
/// <param name="LogicalBytes">Bytes appended, over all streams.</param>
/// <param name="StoredBytes">The length of the snapshot file in bytes: header, blocks, index pages, master indexes,
/// descriptor and dictionary.</param>
/// <param name="Blocks">Blocks over all streams, of every kind.</param>
/// <param name="StoredBlocks">Blocks whose bytes are stored in the file.</param>
/// <param name="ZeroBlocks">All-zero blocks (nothing stored).</param>
/// <param name="DuplicateBlocks">Blocks that point at an identical block stored earlier in the file.</param>
/// <param name="IntegrityRoot">The integrity root recorded in the header, 64 lowercase hex digits.</param>
public sealed record SnapshotWriteResult(
    long LogicalBytes,
    long StoredBytes,
    long Blocks,
    long StoredBlocks,
    long ZeroBlocks,
    long DuplicateBlocks,
    string IntegrityRoot)
{
    /// <summary>Blocks that refer to a block of a parent snapshot.</summary>
    public long ParentBlocks { get; init; }

    /// <summary>Logical bytes of the parent blocks.</summary>
    public long ParentBytes { get; init; }

    /// <summary>The parents the snapshot refers to, in parent-table order.</summary>
    public IReadOnlyList<SnapshotParent> Parents { get; init; } = [];

    /// <summary>The length of the zstd dictionary stored in the file, 0 when none.</summary>
    public int DictionaryLength { get; init; }
}
