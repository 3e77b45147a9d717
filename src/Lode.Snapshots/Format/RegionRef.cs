using System.Buffers.Binary;

namespace Lode.Snapshots.Format;

/// <summary>
/// Where a region of the file is and what it hashes to: offset (i64), length (i32), reserved (u32, 0), SHA-256
/// (32 bytes) — 48 bytes. Offset 0 means absent.
/// </summary>
internal readonly record struct RegionRef(long Offset, int Length, Sha256Digest Sha256)
{
    /// <summary>The encoded size in bytes.</summary>
    public const int Size = 48;

    /// <summary>Whether the region exists.</summary>
    public bool IsPresent => Offset != 0;

    /// <summary>Encodes the reference into <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteInt64LittleEndian(destination, Offset);
        BinaryPrimitives.WriteInt32LittleEndian(destination[8..], Length);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], 0);
        Sha256.Write(destination[16..]);
    }

    /// <summary>Decodes a reference without judging it.</summary>
    public static RegionRef Read(ReadOnlySpan<byte> source) => new(
        BinaryPrimitives.ReadInt64LittleEndian(source),
        BinaryPrimitives.ReadInt32LittleEndian(source[8..]),
        Sha256Digest.Read(source[16..]));

    /// <summary>Whether the region lies inside a file of <paramref name="fileLength"/> bytes, after the header.</summary>
    public bool FitsIn(long fileLength, int maxLength) =>
        Length >= 1 && Length <= maxLength && Offset >= SnapshotLayout.HeaderSize && Offset <= fileLength - Length;
}
