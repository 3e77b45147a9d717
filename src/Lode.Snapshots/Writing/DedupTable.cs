using Lode.Snapshots.Format;

namespace Lode.Snapshots.Writing;

/// <summary>
/// The blocks of the file being written that later chunks can point at, by hash: stored blocks (a repeat becomes a
/// duplicate block) and parent blocks (a repeat becomes the same parent block). Memory: one dictionary entry per
/// unique block — a 32-byte key, a 24-byte value and 12 bytes of dictionary bookkeeping, about 68 bytes (up to twice
/// that while the table resizes); e.g. about 1.1 MB per GiB of unique data at the 64 KiB average chunk. Not
/// thread-safe (used by the ordered writer only).
/// </summary>
internal sealed class DedupTable
{
    private readonly Dictionary<Sha256Digest, Location> _blocks = [];

    /// <summary>A stored block's bytes, or a parent block's place (parent index, stream in StoredLength, block in StoredOffset).</summary>
    public readonly record struct Location(SnapshotBlockKind Kind, byte Flags, ushort ParentIndex, long Offset, int Length, uint Crc)
    {
        /// <summary>The block info of a repeat of this block: a duplicate of a stored block, or the same parent block.</summary>
        public BlockInfo ToInfo(int logicalLength, Sha256Digest hash) => new(
            Kind == SnapshotBlockKind.Stored ? SnapshotBlockKind.Duplicate : Kind, Flags, ParentIndex, logicalLength, Offset, Length, Crc, hash);
    }

    /// <summary>Finds a block with this hash.</summary>
    public bool TryGet(Sha256Digest hash, out Location location) => _blocks.TryGetValue(hash, out location);

    /// <summary>Records the first block with this hash (a stored or parent block info).</summary>
    public void Add(in BlockInfo info) =>
        _blocks.Add(info.Sha256, new Location(info.Kind, info.Flags, info.ParentIndex, info.StoredOffset, info.StoredLength, info.Crc));
}
