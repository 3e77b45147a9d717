using System.Buffers.Binary;
using System.Text;

namespace Lode.Snapshots.Format;

/// <summary>One row of the header's stream table (80 bytes on disk; layout in docs/format.md).</summary>
internal readonly record struct StreamEntry(
    string Name,
    long Length,
    long BlockCount,
    long MasterOffset,
    int PageCount,
    Sha256Digest MasterSha256)
{
    /// <summary>Encodes the row into <paramref name="entry"/> (80 bytes, zeroed by the caller).</summary>
    public void Write(Span<byte> entry)
    {
        Encoding.ASCII.GetBytes(Name, entry);
        BinaryPrimitives.WriteInt64LittleEndian(entry[16..], Length);
        BinaryPrimitives.WriteInt64LittleEndian(entry[24..], BlockCount);
        BinaryPrimitives.WriteInt64LittleEndian(entry[32..], MasterOffset);
        BinaryPrimitives.WriteInt32LittleEndian(entry[40..], PageCount);
        MasterSha256.Write(entry[48..]);
    }

    /// <summary>Decodes a row without judging it; the name is ASCII up to the first zero byte.</summary>
    public static StreamEntry Read(ReadOnlySpan<byte> entry)
    {
        var name = entry[..StreamNames.MaxLength];
        int end = name.IndexOf((byte)0);
        return new StreamEntry(
            Encoding.Latin1.GetString(end < 0 ? name : name[..end]),
            BinaryPrimitives.ReadInt64LittleEndian(entry[16..]),
            BinaryPrimitives.ReadInt64LittleEndian(entry[24..]),
            BinaryPrimitives.ReadInt64LittleEndian(entry[32..]),
            BinaryPrimitives.ReadInt32LittleEndian(entry[40..]),
            Sha256Digest.Read(entry[48..]));
    }
}
