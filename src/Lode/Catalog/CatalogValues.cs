using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace Lode;

/// <summary>
/// The byte encodings of catalog values (docs/format.md, "Catalog"): the catalog's format number, snapshot summaries
/// and path entries. Every value starts with its format byte; a decoder checks every length against the value and
/// throws <see cref="CatalogFormatException"/> on anything it does not know. Thread-safe (stateless).
/// </summary>
internal static class CatalogValues
{
    /// <summary>The catalog format this Lode writes and reads: the value of <see cref="CatalogKeys.Format"/> (u32).</summary>
    public const uint CatalogFormat = 1;

    /// <summary>The format byte of summaries and entries.</summary>
    private const byte ValueFormat = 1;

    /// <summary>The fixed head of an entry: format, kind, mode (u16), modification time (i64).</summary>
    private const int EntryHead = 12;

    /// <summary>Manifests as compact JSON (the repository stores them indented).</summary>
    private static readonly LodeJsonContext Compact = new(new JsonSerializerOptions(LodeJsonContext.Default.Options) { WriteIndented = false });

    /// <summary>The value of <see cref="CatalogKeys.Format"/>.</summary>
    public static byte[] EncodeFormat()
    {
        byte[] value = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(value, CatalogFormat);
        return value;
    }

    /// <summary>The catalog format a <see cref="CatalogKeys.Format"/> value names, or null when it is not 4 bytes.</summary>
    public static uint? DecodeFormat(ReadOnlySpan<byte> value) =>
        value.Length == 4 ? BinaryPrimitives.ReadUInt32LittleEndian(value) : null;

    /// <summary>A snapshot summary: format, flags, then the manifest as UTF-8 JSON.</summary>
    public static byte[] EncodeSummary(SnapshotManifest manifest, CatalogTreeState state)
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(manifest, Compact.SnapshotManifest);
        byte[] value = new byte[2 + json.Length];
        value[0] = ValueFormat;
        value[1] = (byte)state;
        json.CopyTo(value, 2);
        return value;
    }

    /// <summary>Decodes the summary stored under <c>snap/<paramref name="id"/></c>.</summary>
    /// <exception cref="CatalogFormatException">The value is not a summary of snapshot <paramref name="id"/> in a known format.</exception>
    public static CatalogSnapshot DecodeSummary(string id, ReadOnlySpan<byte> value)
    {
        if (value.Length < 2 || value[0] != ValueFormat || !Enum.IsDefined((CatalogTreeState)value[1]))
        {
            throw new CatalogFormatException($"The catalog's summary of snapshot {id} has an unknown format or state.");
        }
        SnapshotManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(value[2..], Compact.SnapshotManifest);
        }
        catch (JsonException e)
        {
            throw new CatalogFormatException($"The catalog's summary of snapshot {id} is damaged: {e.Message}", e);
        }
        if (manifest is null || manifest.Id != id || manifest.DataKey != ObjectKeys.Data(id))
        {
            throw new CatalogFormatException($"The catalog's summary of snapshot {id} names another snapshot.");
        }
        return new CatalogSnapshot(manifest, (CatalogTreeState)value[1]);
    }

    /// <summary>A path entry: format, kind, mode, modification time, then per kind the size and data offset
    /// (files, LEB128) or the link target (symbolic links, UTF-8).</summary>
    public static byte[] EncodeEntry(FileEntry entry)
    {
        int tail = entry.Kind switch
        {
            FileKind.File => VarintLength((ulong)entry.Size) + VarintLength((ulong)entry.DataOffset),
            FileKind.Symlink => Encoding.UTF8.GetByteCount(entry.LinkTarget ?? ""),
            _ => 0,
        };
        byte[] value = new byte[EntryHead + tail];
        value[0] = ValueFormat;
        value[1] = (byte)entry.Kind;
        BinaryPrimitives.WriteUInt16LittleEndian(value.AsSpan(2), (ushort)((int)entry.Mode & 0xFFF));
        BinaryPrimitives.WriteInt64LittleEndian(value.AsSpan(4), entry.ModifiedTimeNs);
        if (entry.Kind == FileKind.File)
        {
            int at = WriteVarint(value, EntryHead, (ulong)entry.Size);
            WriteVarint(value, at, (ulong)entry.DataOffset);
        }
        else if (entry.Kind == FileKind.Symlink)
        {
            Encoding.UTF8.GetBytes(entry.LinkTarget ?? "", value.AsSpan(EntryHead));
        }
        return value;
    }

    /// <summary>Decodes the entry stored for <paramref name="path"/>.</summary>
    /// <exception cref="CatalogFormatException">The value is damaged or in an unknown format.</exception>
    public static FileEntry DecodeEntry(string path, ReadOnlySpan<byte> value)
    {
        if (value.Length < EntryHead || value[0] != ValueFormat || value[1] is < 1 or > 3)
        {
            throw Damaged(path);
        }
        var kind = (FileKind)value[1];
        int mode = BinaryPrimitives.ReadUInt16LittleEndian(value[2..]);
        long time = BinaryPrimitives.ReadInt64LittleEndian(value[4..]);
        ReadOnlySpan<byte> tail = value[EntryHead..];
        if (mode > 0xFFF || (kind == FileKind.Directory && !tail.IsEmpty) || (kind == FileKind.Symlink && tail.IsEmpty))
        {
            throw Damaged(path);
        }
        long size = 0, offset = 0;
        if (kind == FileKind.File && (!TryReadVarint(ref tail, out size) || !TryReadVarint(ref tail, out offset) || !tail.IsEmpty))
        {
            throw Damaged(path);
        }
        return new FileEntry
        {
            Path = path,
            Kind = kind,
            Mode = (UnixFileMode)mode,
            ModifiedTimeNs = time,
            Size = size,
            DataOffset = offset,
            LinkTarget = kind == FileKind.Symlink ? Encoding.UTF8.GetString(tail) : null,
        };
    }

    private static CatalogFormatException Damaged(string path) =>
        new($"The catalog's entry for '{path}' is damaged or in an unknown format.");

    private static int VarintLength(ulong value)
    {
        int n = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            n++;
        }
        return n;
    }

    /// <summary>Writes <paramref name="value"/> as unsigned LEB128 at <paramref name="at"/>; returns the offset after it.</summary>
    private static int WriteVarint(byte[] buffer, int at, ulong value)
    {
        while (value >= 0x80)
        {
            buffer[at++] = (byte)(value | 0x80);
            value >>= 7;
        }
        buffer[at++] = (byte)value;
        return at;
    }

    /// <summary>Reads an unsigned LEB128 in its shortest form, of at most 9 bytes (so the value fits a non-negative <see cref="long"/>).</summary>
    private static bool TryReadVarint(ref ReadOnlySpan<byte> input, out long value)
    {
        ulong result = 0;
        for (int i = 0; i < input.Length && i < 9; i++)
        {
            result |= (ulong)(input[i] & 0x7F) << (7 * i);
            if ((input[i] & 0x80) == 0)
            {
                if (i > 0 && input[i] == 0)
                {
                    break; // not the shortest form: the encoder never writes it
                }
                input = input[(i + 1)..];
                value = (long)result;
                return true;
            }
        }
        value = 0;
        return false;
    }
}
