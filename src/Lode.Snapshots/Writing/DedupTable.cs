using System.Collections.Concurrent;
using Lode.Snapshots.Format;

namespace Lode.Snapshots.Writing;

/// <summary>
/// The blocks of the file being written that later chunks can point at, by hash: stored blocks (a repeat becomes a
/// duplicate block) and parent blocks (a repeat becomes the same parent block). Worker threads also <see cref="Claim"/>
/// a hash here first, so only one job per hash looks it up and compresses it.
/// </summary>
/// <remarks>
/// Memory: one concurrent-dictionary node per unique block — a 32-byte key, a 24-byte value, a 16-byte object
/// header, a next pointer and a hash code, plus an 8-byte bucket: about 96 bytes per unique block (up to 8 more per
/// block while the table resizes); e.g. about 1.6 MB per GiB of unique data at the 64 KiB average chunk.
/// Thread-safe: any thread may claim; only the ordered writer adds.
/// </remarks>
internal sealed class DedupTable
{
    private readonly ConcurrentDictionary<Sha256Digest, Location> _blocks = new();

    /// <summary>A stored block's bytes, or a parent block's place (parent index, stream in Length, block in Offset); Kind 0 = claimed only.</summary>
    public readonly record struct Location(SnapshotBlockKind Kind, byte Flags, ushort ParentIndex, long Offset, int Length, uint Crc)
    {
        /// <summary>The block info of a repeat of this block: a duplicate of a stored block, or the same parent block.</summary>
        public BlockInfo ToInfo(int logicalLength, Sha256Digest hash) => new(
            Kind == SnapshotBlockKind.Stored ? SnapshotBlockKind.Duplicate : Kind, Flags, ParentIndex, logicalLength, Offset, Length, Crc, hash);
    }

    /// <summary>
    /// Claims a hash for the calling job: true for the first job to see it, false when another job (earlier, later or
    /// concurrent) already did — that one will store it or find it, so this one skips the work.
    /// </summary>
    public bool Claim(Sha256Digest hash) => _blocks.TryAdd(hash, default);

    /// <summary>Finds a committed block with this hash.</summary>
    public bool TryGet(Sha256Digest hash, out Location location) => _blocks.TryGetValue(hash, out location) && location.Kind != 0;

    /// <summary>Records the first committed block with this hash (a stored or parent block info). Ordered writer only.</summary>
    public void Add(in BlockInfo info) =>
        _blocks[info.Sha256] = new Location(info.Kind, info.Flags, info.ParentIndex, info.StoredOffset, info.StoredLength, info.Crc);
}
