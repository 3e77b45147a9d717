using System.Buffers.Binary;
using Lode.IO;

namespace Lode.SuffixArrays;

/// <summary>
/// The header of a suffix array file as written by <see cref="SuffixArrayFileBuilder"/>: what the file holds and
/// where. Layout (all integers little-endian): a 64-byte header — magic "LSAF", format version 1 (u32), text
/// length n (i64), entry width w in bytes (u32: 4 when n &lt; 2^31, else 8), flags (u32: bit 0 = LCP array
/// present), bounded context (i64, 0 = exact order), suffix array offset (i64, 64), LCP offset (i64, 64 + n·w, or
/// 0 without LCP), 12 reserved zero bytes, CRC32C of header bytes 0–59 (u32) — then the n suffix array entries and,
/// when present, the n LCP entries, each w bytes.
/// </summary>
/// <param name="TextLength">n, the text length in bytes (and the number of entries).</param>
/// <param name="EntryBytes">w: 4 (int32 entries) or 8 (int64 entries).</param>
/// <param name="BoundedContext">The bounded context k the order was built with, or null for the exact order.</param>
/// <param name="SuffixArrayOffset">Where the suffix array starts, in bytes from the start of the file.</param>
/// <param name="LcpOffset">Where the LCP array starts, or null when the file has none.</param>
public sealed record SuffixArrayFileInfo(long TextLength, int EntryBytes, int? BoundedContext, long SuffixArrayOffset, long? LcpOffset)
{
    /// <summary>The header's size in bytes; the suffix array follows it.</summary>
    public const int HeaderBytes = 64;

    private const uint Magic = 0x4641534C; // "LSAF" read as a little-endian u32
    private const uint FormatVersion = 1;

    /// <summary>The file's total size in bytes.</summary>
    public long FileLength => HeaderBytes + (TextLength * EntryBytes * (LcpOffset is null ? 1 : 2));

    /// <summary>
    /// Reads and checks the header of a suffix array file: its CRC, magic and version, the entry width, that the
    /// offsets are where the layout puts them, and that the file is exactly as long as they say.
    /// </summary>
    /// <param name="file">The whole file; only read, not retained.</param>
    /// <exception cref="InvalidDataException">The file is not a suffix array file, is of another version, is
    /// truncated or corrupt; the message says which. Rebuild it.</exception>
    /// <exception cref="IOException">The source failed to read.</exception>
    public static SuffixArrayFileInfo Read(IByteSource file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Length < HeaderBytes)
        {
            throw Invalid($"it is {file.Length} bytes, shorter than the {HeaderBytes}-byte header");
        }
        Span<byte> header = stackalloc byte[HeaderBytes];
        file.ReadExactlyAt(0, header);
        if (BinaryPrimitives.ReadUInt32LittleEndian(header[60..]) != Crc32C.Compute(header[..60]))
        {
            throw Invalid("its header checksum does not match (corrupt, or the build did not finish)");
        }
        if (BinaryPrimitives.ReadUInt32LittleEndian(header) != Magic)
        {
            throw Invalid("it does not start with the magic \"LSAF\"");
        }
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        if (version != FormatVersion)
        {
            throw Invalid($"it has format version {version}; only version {FormatVersion} is understood");
        }
        long length = BinaryPrimitives.ReadInt64LittleEndian(header[8..]);
        int width = BinaryPrimitives.ReadInt32LittleEndian(header[16..]);
        uint flags = BinaryPrimitives.ReadUInt32LittleEndian(header[20..]);
        long context = BinaryPrimitives.ReadInt64LittleEndian(header[24..]);
        long saOffset = BinaryPrimitives.ReadInt64LittleEndian(header[32..]);
        long lcpOffset = BinaryPrimitives.ReadInt64LittleEndian(header[40..]);
        if (length < 0 || (width != 4 && width != 8) || (width == 4 && length > int.MaxValue) || flags > 1 ||
            context < 0 || context > int.MaxValue || saOffset != HeaderBytes)
        {
            throw Invalid($"its header is inconsistent (length {length}, entry width {width}, flags {flags}, context {context}, offset {saOffset})");
        }
        bool hasLcp = (flags & 1) != 0;
        if (length > (file.Length - HeaderBytes) / width / (hasLcp ? 2 : 1) ||
            lcpOffset != (hasLcp ? HeaderBytes + (length * width) : 0))
        {
            throw Invalid($"its header describes {length} entries of {width} bytes{(hasLcp ? " and an LCP array" : "")}, which do not fit its {file.Length} bytes");
        }
        var info = new SuffixArrayFileInfo(length, width, context == 0 ? null : (int)context, saOffset, hasLcp ? lcpOffset : null);
        if (info.FileLength != file.Length)
        {
            throw Invalid($"it is {file.Length} bytes, but its header describes {info.FileLength}");
        }
        return info;
    }

    /// <summary>The 64 header bytes of this file.</summary>
    internal byte[] ToHeader()
    {
        var header = new byte[HeaderBytes];
        var span = header.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], FormatVersion);
        BinaryPrimitives.WriteInt64LittleEndian(span[8..], TextLength);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], EntryBytes);
        BinaryPrimitives.WriteUInt32LittleEndian(span[20..], LcpOffset is null ? 0u : 1u);
        BinaryPrimitives.WriteInt64LittleEndian(span[24..], BoundedContext ?? 0);
        BinaryPrimitives.WriteInt64LittleEndian(span[32..], SuffixArrayOffset);
        BinaryPrimitives.WriteInt64LittleEndian(span[40..], LcpOffset ?? 0);
        BinaryPrimitives.WriteUInt32LittleEndian(span[60..], Crc32C.Compute(span[..60]));
        return header;
    }

    private static InvalidDataException Invalid(string problem) =>
        new($"The suffix array file is unusable: {problem}. Rebuild it.");
}
