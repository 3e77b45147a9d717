using System.Buffers.Binary;
using Lode.IO;

namespace Lode.Metadata.Storage;

/// <summary>
/// The checkpoint file, <c>checkpoint-&lt;number as 16 hex digits&gt;.ckpt</c>: a compact sorted image of the tree.
/// A 64-byte header, then pages of entries in strictly increasing key order, then a 64-byte footer. Little-endian.
/// <code>
/// header: 0 magic "LODECKPT" (8) | 8 format version 1 (4) | 12 reserved (4) | 16 checkpoint number (8)
///         | 24 replay LSN (8) | 32 WAL records before it (8) | 40 reserved (20) | 60 CRC32C of [0, 60) (4)
/// page:   0 magic "PAGE" (4) | 4 entry count (4) | 8 payload length (4) | 12 CRC32C of page bytes [0, 12) and the payload (4)
///         | 16 payload: per entry varint shared-prefix length, varint suffix length, varint value length,
///           varint version, suffix bytes, value bytes (the first entry of a page shares nothing)
/// footer: 0 magic "LODECEND" (8) | 8 keys (8) | 16 pages (8) | 24 version clock (8) | 32 reserved (28) | 60 CRC32C of [0, 60) (4)
/// </code>
/// </summary>
internal static class CheckpointFormat
{
    /// <summary>Header and footer size.</summary>
    public const int HeaderSize = 64;

    /// <summary>Page header size.</summary>
    public const int PageHeaderSize = 16;

    /// <summary>A page is closed once its payload reaches this many bytes.</summary>
    public const int PageTarget = 64 << 10;

    /// <summary>The largest payload a reader accepts: a full page plus one largest entry.</summary>
    public const int MaxPayload = PageTarget + MetadataStore.MaxKeyBytes + MetadataStore.MaxValueBytes + 4 * Varint.MaxBytes;

    /// <summary>The page magic, the bytes "PAGE".</summary>
    public const uint PageMagic = 0x45474150;

    private const ulong HeaderMagic = 0x54504B4345444F4C; // "LODECKPT"
    private const ulong FooterMagic = 0x444E454345444F4C; // "LODECEND"
    private const int FormatVersion = 1;

    /// <summary>The file name of checkpoint <paramref name="number"/>.</summary>
    public static string FileName(long number) => $"checkpoint-{number:x16}.ckpt";

    /// <summary>Encodes the header.</summary>
    public static byte[] Header(long number, long replayLsn, long records)
    {
        var bytes = new byte[HeaderSize];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, HeaderMagic);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), FormatVersion);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(16), number);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(24), replayLsn);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(32), records);
        Seal(bytes);
        return bytes;
    }

    /// <summary>Encodes the footer.</summary>
    public static byte[] Footer(long keys, long pages, long clock)
    {
        var bytes = new byte[HeaderSize];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, FooterMagic);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8), keys);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(16), pages);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(24), clock);
        Seal(bytes);
        return bytes;
    }

    /// <summary>Checks a header against the manifest's checkpoint number and replay position.</summary>
    public static bool IsValidHeader(ReadOnlySpan<byte> bytes, long number, long replayLsn, long records) =>
        BinaryPrimitives.ReadUInt64LittleEndian(bytes) == HeaderMagic && IsSealed(bytes)
        && BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]) == FormatVersion
        && BinaryPrimitives.ReadInt64LittleEndian(bytes[16..]) == number
        && BinaryPrimitives.ReadInt64LittleEndian(bytes[24..]) == replayLsn
        && BinaryPrimitives.ReadInt64LittleEndian(bytes[32..]) == records;

    /// <summary>Reads a footer: (keys, pages, clock), or null when it fails its checks.</summary>
    public static (long Keys, long Pages, long Clock)? ReadFooter(ReadOnlySpan<byte> bytes) =>
        BinaryPrimitives.ReadUInt64LittleEndian(bytes) == FooterMagic && IsSealed(bytes)
            ? (BinaryPrimitives.ReadInt64LittleEndian(bytes[8..]), BinaryPrimitives.ReadInt64LittleEndian(bytes[16..]),
                BinaryPrimitives.ReadInt64LittleEndian(bytes[24..]))
            : null;

    private static void Seal(Span<byte> bytes) => BinaryPrimitives.WriteUInt32LittleEndian(bytes[60..], Crc32C.Compute(bytes[..60]));

    private static bool IsSealed(ReadOnlySpan<byte> bytes) => BinaryPrimitives.ReadUInt32LittleEndian(bytes[60..]) == Crc32C.Compute(bytes[..60]);
}
