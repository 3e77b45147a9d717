using Lode.Snapshots.Format;
using Lode.Snapshots.Reading;

namespace Lode.Snapshots;

/// <summary>Parent blocks: following the chain to the snapshot that stores the bytes, and checking them.</summary>
public sealed partial class SnapshotReader
{
    private IReadOnlyList<string>? _lineage;

    /// <summary>The ids of this snapshot and its descendants down to the reader the caller opened (for cycle detection).</summary>
    internal IReadOnlyList<string> Lineage => _lineage ??= SnapshotId is null ? [] : [SnapshotId];

    /// <summary>The parent table's entries (id and root), in order.</summary>
    internal IReadOnlyList<ParentEntry> ParentEntries => _parents.Entries;

    /// <summary>This snapshot as a parent-table entry (its id must be known).</summary>
    internal ParentEntry AsParentEntry() => new(SnapshotId!, _fields.IntegrityRoot);

    /// <summary>Whose block hashes this snapshot's are comparable with (see <see cref="Crypto.BlockHasher.Domain"/>).</summary>
    internal Sha256Digest HashDomain => _transform.Hasher.Domain;

    /// <summary>The streams by their position in the stream table.</summary>
    internal IReadOnlyList<StreamIndex> StreamList => _streamList;

    /// <summary>
    /// Called by a child that loaded this reader as its parent <paramref name="id"/>: checks the id, the integrity
    /// root the child recorded and the hash domain, and extends the lineage.
    /// </summary>
    internal void AdoptAsParent(string id, Sha256Digest root, SnapshotReader child)
    {
        if (SnapshotId is not null && SnapshotId != id)
        {
            throw new ParentSnapshotNotFoundException($"The ParentLoader was asked for snapshot '{id}' but returned snapshot '{SnapshotId}'.", id, null);
        }
        if (_fields.IntegrityRoot != root)
        {
            throw new SnapshotCorruptException(
                $"Parent snapshot '{id}' is not the one this snapshot refers to: integrity root {root} expected, {_fields.IntegrityRoot} found.",
                "", -1, root.ToString(), _fields.IntegrityRoot.ToString());
        }
        if (HashDomain != child.HashDomain)
        {
            throw new SnapshotCorruptException(
                $"Parent snapshot '{id}' hashes its blocks under another key (or none), so its blocks cannot be checked against this snapshot's hashes.");
        }
        SnapshotId = id;
        _lineage = [.. child.Lineage, id];
    }

    /// <summary>Reads a parent block from the snapshot that stores it and checks its hash with this file's hasher.</summary>
    private byte[] LoadParentBlock(StreamIndex index, long blockNumber, in BlockInfo info)
    {
        var (owner, ownerIndex, ownerNumber, ownerInfo) = ResolveParent(index, blockNumber, info);
        var plain = new byte[info.LogicalLength];
        if (ownerInfo.Kind != SnapshotBlockKind.Zero)
        {
            owner.DecodeBlock(ownerIndex, ownerNumber, ownerInfo, plain);
        }
        var actual = _transform.Hasher.Compute(plain);
        if (actual != info.Sha256)
        {
            throw new SnapshotCorruptException(
                $"Block {blockNumber} of stream '{index.Name}' is corrupt: the parent block it names has hash {actual}, {info.Sha256} expected.",
                index.Name, blockNumber, info.Sha256.ToString(), actual.ToString());
        }
        return plain;
    }

    /// <summary>
    /// Follows a parent block through the parent chain (iteratively, to any depth) to the block that holds bytes —
    /// stored, duplicate or zero — checking at every step that the named block exists and records the same length
    /// and hash. Reads index pages only.
    /// </summary>
    private (SnapshotReader Owner, StreamIndex Index, long Number, BlockInfo Info) ResolveParent(StreamIndex index, long blockNumber, BlockInfo info)
    {
        var reader = this;
        var current = info;
        var currentIndex = index;
        long currentNumber = blockNumber;
        while (current.Kind == SnapshotBlockKind.Parent)
        {
            var parent = reader._parents.Get(current.ParentIndex, reader);
            var streams = parent._streamList;
            if (current.ParentStream >= streams.Length || current.ParentBlock >= streams[current.ParentStream].BlockCount)
            {
                throw new SnapshotFormatException(
                    $"Block {currentNumber} of stream '{currentIndex.Name}' names block {current.ParentBlock} of stream {current.ParentStream} of parent '{parent.SnapshotId}', which has no such block.");
            }
            var parentIndex = streams[current.ParentStream];
            var parentInfo = parent.GetInfo(parentIndex, current.ParentBlock);
            if (parentInfo.LogicalLength != current.LogicalLength || parentInfo.Sha256 != current.Sha256)
            {
                throw new SnapshotCorruptException(
                    $"Block {blockNumber} of stream '{index.Name}' is corrupt: block {current.ParentBlock} of stream '{parentIndex.Name}' of parent '{parent.SnapshotId}' has {parentInfo.LogicalLength} bytes and hash {parentInfo.Sha256}; {current.LogicalLength} bytes and hash {current.Sha256} expected.",
                    index.Name, blockNumber, current.Sha256.ToString(), parentInfo.Sha256.ToString());
            }
            currentNumber = current.ParentBlock;
            reader = parent;
            currentIndex = parentIndex;
            current = parentInfo;
        }
        return (reader, currentIndex, currentNumber, current);
    }
}
