using System.Buffers.Binary;

namespace Lode.Snapshots.Format;

/// <summary>
/// One block's entry in an index page: 56 bytes, little-endian (layout in docs/format.md).
/// </summary>
internal readonly record struct BlockInfo(
    BlockKind Kind,
    byte Flags,
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

    /// <summary>Whether the stored bytes are the plaintext, not codec output.</summary>
    public bool IsRaw => (Flags & RawFlag) != 0;

    /// <summary>Encodes the entry into the first <see cref="Size"/> bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        destination[0] = (byte)Kind;
        destination[1] = Flags;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[2..], 0);
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], LogicalLength);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], StoredOffset);
        BinaryPrimitives.WriteInt32LittleEndian(destination[16..], StoredLength);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[20..], Crc);
        Sha256.Write(destination[24..]);
    }

    /// <summary>Decodes an entry without judging it; <see cref="Reading.IndexPage"/> validates.</summary>
    public static BlockInfo Read(ReadOnlySpan<byte> source, out ushort parentIndex)
    {
        parentIndex = BinaryPrimitives.ReadUInt16LittleEndian(source[2..]);
        return new BlockInfo(
            (BlockKind)source[0],
            source[1],
            BinaryPrimitives.ReadInt32LittleEndian(source[4..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[8..]),
            BinaryPrimitives.ReadInt32LittleEndian(source[16..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[20..]),
            Sha256Digest.Read(source[24..]));
    }
}
