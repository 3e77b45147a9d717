using System.Collections.Concurrent;
using Lode.IO;
using Lode.Snapshots.Format;

namespace Lode.Snapshots.Writing;

/// <summary>
/// The blocks of the file being written that later chunks can point at, by hash and codec (a reader decodes a
/// duplicate block with its own stream's codec, so a block is only repeated in streams of the codec it was stored with): stored blocks (a repeat becomes a
/// duplicate block) and parent blocks (a repeat becomes the same parent block). Worker threads also <see cref="Claim"/>
/// a hash here first, so only one job per hash looks it up and compresses it; an earlier job with that hash that
/// lost the race takes the claimer's result (<see cref="Claimer"/>) instead of compressing again.
/// </summary>
/// <remarks>
/// Memory: one concurrent-dictionary node per unique block — a 40-byte key (hash and codec), a 32-byte value (the location and the
/// claiming job, dropped when the block is committed), a 16-byte object header, a next pointer and a hash code, plus
/// an 8-byte bucket: about 112 bytes per unique block (up to 8 more per block while the table resizes); e.g. about
/// 1.8 MB per GiB of unique data at the 64 KiB average chunk.
/// Thread-safe: any thread may claim; only the ordered writer adds.
/// </remarks>
internal sealed class DedupTable
{
    private readonly ConcurrentDictionary<(Sha256Digest Hash, CompressionCodec Codec), Slot> _blocks = new();

    /// <summary>A stored block's bytes, or a parent block's place (parent index, stream in Length, block in Offset); Kind 0 = claimed only.</summary>
    public readonly record struct Location(SnapshotBlockKind Kind, byte Flags, ushort ParentIndex, long Offset, int Length, uint Crc)
    {
        /// <summary>The block info of a repeat of this block: a duplicate of a stored block, or the same parent block.</summary>
        public BlockInfo ToInfo(int logicalLength, Sha256Digest hash) => new(
            Kind == SnapshotBlockKind.Stored ? SnapshotBlockKind.Duplicate : Kind, Flags, ParentIndex, logicalLength, Offset, Length, Crc, hash);
    }

    /// <summary>
    /// Claims a hash for <paramref name="job"/>: true for the first job to see it, false when another job (earlier,
    /// later or concurrent) already did — that one will store it or find it, so this one skips the work.
    /// </summary>
    public bool Claim(Sha256Digest hash, ChunkJob job) => _blocks.TryAdd((hash, job.Stream.Settings.Codec), new Slot(default, job));

    /// <summary>The job that claimed this hash, while no block with it is committed; else null.</summary>
    public ChunkJob? Claimer(Sha256Digest hash, CompressionCodec codec) => _blocks.TryGetValue((hash, codec), out var slot) && slot.Location.Kind == 0 ? slot.Job : null;

    /// <summary>Finds a committed block with this hash, stored with this codec (or a parent block).</summary>
    public bool TryGet(Sha256Digest hash, CompressionCodec codec, out Location location)
    {
        location = _blocks.TryGetValue((hash, codec), out var slot) ? slot.Location : default;
        return location.Kind != 0;
    }

    /// <summary>Records the first committed block with this hash in a stream of <paramref name="codec"/> (a stored or parent block info), forgetting its claimer. Ordered writer only.</summary>
    public void Add(in BlockInfo info, CompressionCodec codec) =>
        _blocks[(info.Sha256, codec)] = new Slot(new Location(info.Kind, info.Flags, info.ParentIndex, info.StoredOffset, info.StoredLength, info.Crc), null);

    /// <summary>A committed block's location (Kind 0 while only claimed), and the claiming job until then.</summary>
    private readonly record struct Slot(Location Location, ChunkJob? Job);
}
