using System.Buffers.Binary;

namespace Lode.Snapshots.Format;

/// <summary>
/// One index page's entry in a master index: 64 bytes, little-endian (layout in docs/format.md).
/// </summary>
internal readonly record struct PageEntry(
    long Offset,
    int Length,
    int BlockCount,
    long FirstBlock,
    long FirstLogicalOffset,
    Sha256Digest Sha256)
{
    /// <summary>The encoded size in bytes.</summary>
    public const int Size = 64;

    /// <summary>Encodes the entry into the first <see cref="Size"/> bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteInt64LittleEndian(destination, Offset);
        BinaryPrimitives.WriteInt32LittleEndian(destination[8..], Length);
        BinaryPrimitives.WriteInt32LittleEndian(destination[12..], BlockCount);
        BinaryPrimitives.WriteInt64LittleEndian(destination[16..], FirstBlock);
        BinaryPrimitives.WriteInt64LittleEndian(destination[24..], FirstLogicalOffset);
        Sha256.Write(destination[32..]);
    }

    /// <summary>Decodes an entry without judging it; the reader validates.</summary>
    public static PageEntry Read(ReadOnlySpan<byte> source) => new(
        BinaryPrimitives.ReadInt64LittleEndian(source),
        BinaryPrimitives.ReadInt32LittleEndian(source[8..]),
        BinaryPrimitives.ReadInt32LittleEndian(source[12..]),
        BinaryPrimitives.ReadInt64LittleEndian(source[16..]),
        BinaryPrimitives.ReadInt64LittleEndian(source[24..]),
        Sha256Digest.Read(source[32..]));
}
