using System.Buffers.Binary;

namespace Lode.Snapshots.Format;

/// <summary>
/// One block's entry in an index page: 56 bytes, little-endian (layout in docs/format.md). A parent block keeps
/// its place in the parent in the stored-location fields: <see cref="StoredOffset"/> holds the block number and
/// <see cref="StoredLength"/> the stream's position in the parent's stream table.
/// </summary>
internal readonly record struct BlockInfo(
    SnapshotBlockKind Kind,
    byte Flags,
    ushort ParentIndex,
    int LogicalLength,
    long StoredOffset,
    int StoredLength,
    uint Crc,
    Sha256Digest Sha256)
{
    /// <summary>The encoded size in bytes.</summary>
    public const int Size = 56;

    /// <summary>Flag bit: the stored bytes are the plaintext itself (the codec could not shrink the block).</summary>
    public const byte RawFlag = 1;

    /// <summary>Whether the stored bytes are the plaintext (before any encryption), not codec output.</summary>
    public bool IsRaw => (Flags & RawFlag) != 0;

    /// <summary>A parent block's block number in the parent's stream.</summary>
    public long ParentBlock => StoredOffset;

    /// <summary>A parent block's stream: its position in the parent's stream table.</summary>
    public int ParentStream => StoredLength;

    /// <summary>A zero block of <paramref name="length"/> bytes.</summary>
    public static BlockInfo Zero(int length, Sha256Digest hash) => new(SnapshotBlockKind.Zero, 0, 0, length, 0, 0, 0, hash);

    /// <summary>A parent block: block <paramref name="block"/> of stream <paramref name="stream"/> of parent <paramref name="parent"/>.</summary>
    public static BlockInfo Parent(ushort parent, int stream, long block, int length, Sha256Digest hash) =>
        new(SnapshotBlockKind.Parent, 0, parent, length, block, stream, 0, hash);

    /// <summary>Encodes the entry into the first <see cref="Size"/> bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        destination[0] = (byte)Kind;
        destination[1] = Flags;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[2..], ParentIndex);
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], LogicalLength);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], StoredOffset);
        BinaryPrimitives.WriteInt32LittleEndian(destination[16..], StoredLength);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[20..], Crc);
        Sha256.Write(destination[24..]);
    }

    /// <summary>Decodes an entry without judging it; <see cref="Reading.IndexPage"/> validates.</summary>
    public static BlockInfo Read(ReadOnlySpan<byte> source) => new(
        (SnapshotBlockKind)source[0],
        source[1],
        BinaryPrimitives.ReadUInt16LittleEndian(source[2..]),
        BinaryPrimitives.ReadInt32LittleEndian(source[4..]),
        BinaryPrimitives.ReadInt64LittleEndian(source[8..]),
        BinaryPrimitives.ReadInt32LittleEndian(source[16..]),
        BinaryPrimitives.ReadUInt32LittleEndian(source[20..]),
        Sha256Digest.Read(source[24..]));
}
