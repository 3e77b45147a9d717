using Lode.IO;
using Lode.Snapshots.Format;

namespace Lode.Snapshots.Reading;

/// <summary>
/// A block-cache key: everything a block's plaintext is decoded and checked from, so two block infos share a cache
/// entry only when they would decode to the same bytes. A block of this file (stored or duplicate; duplicates share
/// their stored block's entry): source 0, the stored offset, stored length, CRC32C, flags, and the codec of the
/// reading stream. A parent block: source 1 + parent index × 8 + parent stream, the parent block number, and the
/// hash it is checked against.
/// </summary>
internal readonly record struct BlockKey(int Source, long Position, int StoredLength, uint Crc, byte Flags, CompressionCodec Codec, Sha256Digest Hash)
{
    /// <summary>The key of <paramref name="info"/>, a stored, duplicate or parent block of a stream with <paramref name="codec"/>.</summary>
    public static BlockKey Of(in BlockInfo info, CompressionCodec codec) => info.Kind == SnapshotBlockKind.Parent
        ? new BlockKey(1 + (info.ParentIndex * SnapshotLayout.MaxStreams) + info.ParentStream, info.ParentBlock, 0, 0, 0, default, info.Sha256)
        : new BlockKey(0, info.StoredOffset, info.StoredLength, info.Crc, info.Flags, codec, default);
}
