using System.Buffers.Binary;
using Lode.IO;

namespace Lode.Metadata.Wal;

/// <summary>
/// The write-ahead log record format (docs/format.md, "WAL record"). All integers little-endian.
/// <code>
/// offset  size  field
///      0     4  magic 0x43455257 ("WREC")
///      4     4  length: of the whole record, header to CRC, in bytes (at least 29)
///      8     8  LSN: the record's logical byte address in the log (its sequence number)
///     16     8  version: the store clock value the record's writes carry
///     24     1  type (<see cref="WalRecordType"/>)
///     25     …  body (by type)
/// length-4   4  CRC32C of bytes [0, length - 4)
/// </code>
/// Bodies: put = key length u32, value length u32, key, value; delete = key length u32, key; rename = from length
/// u32, to length u32, value length u32, from, to, value; batch = operation count u32, then per operation a kind
/// byte (1 put, 2 delete), key length u32, for a put value length u32, key, for a put value.
/// </summary>
internal static class WalRecord
{
    /// <summary>The record magic, the bytes "WREC".</summary>
    public const uint Magic = 0x43455257;

    /// <summary>Bytes before the body.</summary>
    public const int HeaderSize = 25;

    /// <summary>The smallest possible record: header and CRC around an empty body.</summary>
    public const int MinSize = HeaderSize + 4;

    /// <summary>The largest record replay accepts (a sanity bound before any allocation; writers are bounded by the ring).</summary>
    public const int MaxSize = 1 << 30;

    /// <summary>Writes magic, length, LSN, version and type into <paramref name="record"/> and seals it with its CRC.</summary>
    public static void Seal(Span<byte> record, WalRecordType type, long lsn, long version)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(record, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(record[4..], record.Length);
        BinaryPrimitives.WriteInt64LittleEndian(record[8..], lsn);
        BinaryPrimitives.WriteInt64LittleEndian(record[16..], version);
        record[24] = (byte)type;
        BinaryPrimitives.WriteUInt32LittleEndian(record[^4..], Crc32C.Compute(record[..^4]));
    }

    /// <summary>The size of a put record.</summary>
    public static int PutSize(int keyLength, int valueLength) => MinSize + 8 + keyLength + valueLength;

    /// <summary>The size of a delete record.</summary>
    public static int DeleteSize(int keyLength) => MinSize + 4 + keyLength;

    /// <summary>The size of a rename record.</summary>
    public static int RenameSize(int fromLength, int toLength, int valueLength) => MinSize + 12 + fromLength + toLength + valueLength;

    /// <summary>Writes a put body into a record buffer of <see cref="PutSize"/> bytes (header and CRC left for <see cref="Seal"/>).</summary>
    public static void WritePut(Span<byte> record, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var body = new WalBodyWriter(record[HeaderSize..^4]);
        body.Length(key.Length);
        body.Length(value.Length);
        body.Bytes(key);
        body.Bytes(value);
    }

    /// <summary>Writes a delete body into a record buffer of <see cref="DeleteSize"/> bytes.</summary>
    public static void WriteDelete(Span<byte> record, ReadOnlySpan<byte> key)
    {
        var body = new WalBodyWriter(record[HeaderSize..^4]);
        body.Length(key.Length);
        body.Bytes(key);
    }

    /// <summary>Writes a rename body into a record buffer of <see cref="RenameSize"/> bytes.</summary>
    public static void WriteRename(Span<byte> record, ReadOnlySpan<byte> from, ReadOnlySpan<byte> to, ReadOnlySpan<byte> value)
    {
        var body = new WalBodyWriter(record[HeaderSize..^4]);
        body.Length(from.Length);
        body.Length(to.Length);
        body.Length(value.Length);
        body.Bytes(from);
        body.Bytes(to);
        body.Bytes(value);
    }

    /// <summary>
    /// Checks a record's frame: magic, a length that fits <paramref name="available"/>, the CRC, and the LSN it
    /// must have at its place. Returns the record's length, or 0 when the bytes are not a valid record there.
    /// </summary>
    public static int Check(ReadOnlySpan<byte> available, long expectedLsn)
    {
        if (available.Length < MinSize || BinaryPrimitives.ReadUInt32LittleEndian(available) != Magic)
        {
            return 0;
        }
        int length = BinaryPrimitives.ReadInt32LittleEndian(available[4..]);
        if (length < MinSize || length > available.Length)
        {
            return 0;
        }
        ReadOnlySpan<byte> record = available[..length];
        bool valid = BinaryPrimitives.ReadUInt32LittleEndian(record[^4..]) == Crc32C.Compute(record[..^4])
            && BinaryPrimitives.ReadInt64LittleEndian(record[8..]) == expectedLsn;
        return valid ? length : 0;
    }

    /// <summary>The length field of the record starting at <paramref name="header"/> (at least 8 bytes), unchecked.</summary>
    public static int DeclaredLength(ReadOnlySpan<byte> header) => BinaryPrimitives.ReadInt32LittleEndian(header[4..]);

    /// <summary>The version field of a checked record.</summary>
    public static long VersionOf(ReadOnlySpan<byte> record) => BinaryPrimitives.ReadInt64LittleEndian(record[16..]);

    /// <summary>The type field of a checked record.</summary>
    public static WalRecordType TypeOf(ReadOnlySpan<byte> record) => (WalRecordType)record[24];

    /// <summary>The body of a checked record.</summary>
    public static ReadOnlySpan<byte> BodyOf(ReadOnlySpan<byte> record) => record[HeaderSize..^4];
}
