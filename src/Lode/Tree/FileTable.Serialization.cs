using System.Buffers.Binary;
using System.Text;
using Lode.IO;

namespace Lode;

public sealed partial class FileTable
{
    private static ReadOnlySpan<byte> Magic => "LODEFTAB"u8;
    private const ushort MajorVersion = 2;
    private const ushort MinorVersion = 0;
    private const int IdentitySize = 16;
    private const int HeaderSize = 16;
    private const int FixedEntrySize = 56;
    private const int Version1EntrySize = 40;
    private const int Sha256Size = 32;
    private const byte OwnerKnown = 1;

    /// <summary>
    /// Writes the table in its on-disk form (docs/format.md, "File table"), format 2.0: a 16-byte header, the
    /// entries, and a CRC32C of everything before it.
    /// </summary>
    /// <exception cref="LodeException">A path or link target is longer than 65535 bytes, or an owner's name longer than 255.</exception>
    public byte[] Serialize()
    {
        using var output = new MemoryStream();
        Span<byte> header = stackalloc byte[HeaderSize];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[8..], MajorVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(header[10..], MinorVersion);
        BinaryPrimitives.WriteInt32LittleEndian(header[12..], _entries.Length);
        output.Write(header);
        Span<byte> fixedPart = stackalloc byte[FixedEntrySize];
        Span<byte> identity = stackalloc byte[IdentitySize];
        foreach (var entry in _entries)
        {
            byte[] path = Encoding.UTF8.GetBytes(entry.Path);
            byte[] target = entry.LinkTarget is null ? [] : Encoding.UTF8.GetBytes(entry.LinkTarget);
            byte[] user = Encoding.UTF8.GetBytes(entry.Owner?.UserName ?? "");
            byte[] group = Encoding.UTF8.GetBytes(entry.Owner?.GroupName ?? "");
            if (path.Length > ushort.MaxValue || target.Length > ushort.MaxValue || user.Length > byte.MaxValue || group.Length > byte.MaxValue)
            {
                throw new LodeException($"The path or link target of '{entry.Path}' is longer than 65535 bytes, or its owner's name longer than 255.");
            }
            fixedPart.Clear();
            fixedPart[0] = (byte)entry.Kind;
            fixedPart[1] = (byte)user.Length;
            BinaryPrimitives.WriteUInt16LittleEndian(fixedPart[2..], (ushort)path.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(fixedPart[4..], (uint)entry.Mode);
            BinaryPrimitives.WriteInt64LittleEndian(fixedPart[8..], entry.ModifiedTimeNs);
            BinaryPrimitives.WriteInt64LittleEndian(fixedPart[16..], entry.Size);
            BinaryPrimitives.WriteInt64LittleEndian(fixedPart[24..], entry.DataOffset);
            BinaryPrimitives.WriteInt32LittleEndian(fixedPart[32..], -1); // Formerly the text blob; searches find blobs by hash.
            BinaryPrimitives.WriteUInt16LittleEndian(fixedPart[36..], (ushort)target.Length);
            fixedPart[38] = (byte)group.Length;
            fixedPart[39] = entry.Owner is null ? (byte)0 : OwnerKnown;
            BinaryPrimitives.WriteInt64LittleEndian(fixedPart[40..], entry.ChangedTimeNs);
            BinaryPrimitives.WriteUInt32LittleEndian(fixedPart[48..], entry.Owner?.UserId ?? 0);
            BinaryPrimitives.WriteUInt32LittleEndian(fixedPart[52..], entry.Owner?.GroupId ?? 0);
            output.Write(fixedPart);
            if (entry.Kind == FileKind.File)
            {
                output.Write(entry.Sha256.Span);
                BinaryPrimitives.WriteUInt64LittleEndian(identity, entry.Inode);
                BinaryPrimitives.WriteUInt64LittleEndian(identity[8..], entry.Device);
                output.Write(identity);
            }
            output.Write(path);
            output.Write(target);
            output.Write(user);
            output.Write(group);
        }
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(crc, Crc32C.Compute(output.GetBuffer().AsSpan(0, (int)output.Length)));
        output.Write(crc);
        return output.ToArray();
    }

    /// <summary>Reads a table written by <see cref="Serialize"/>, checking every length and the CRC first.</summary>
    /// <param name="bytes">The serialised table.</param>
    /// <param name="where">Names the object the bytes came from, for error messages.</param>
    /// <exception cref="CorruptDataException">The bytes are not a valid file table.</exception>
    public static FileTable Deserialize(ReadOnlySpan<byte> bytes, string where)
    {
        if (bytes.Length < HeaderSize + 4 || !bytes.StartsWith(Magic))
        {
            throw new CorruptDataException($"The file table of {where} is corrupt: bad magic or too short ({bytes.Length} bytes).");
        }
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(bytes[^4..]);
        uint actual = Crc32C.Compute(bytes[..^4]);
        if (stored != actual)
        {
            throw new CorruptDataException($"The file table of {where} is corrupt: CRC32C {stored:x8} expected, {actual:x8} found.");
        }
        ushort major = BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]);
        if (major is < 1 or > MajorVersion)
        {
            throw new LodeException($"The file table of {where} has format {major}.x; this Lode reads 1.x and {MajorVersion}.x. Upgrade Lode.");
        }
        var layout = new EntryLayout(major, BinaryPrimitives.ReadUInt16LittleEndian(bytes[10..]));
        int count = BinaryPrimitives.ReadInt32LittleEndian(bytes[12..]);
        var body = bytes[HeaderSize..^4];
        if (count < 1 || count > body.Length / layout.FixedSize)
        {
            throw new CorruptDataException($"The file table of {where} is corrupt: {count} entries cannot fit in {body.Length} bytes.");
        }
        var entries = new List<FileEntry>(count);
        for (int i = 0; i < count; i++)
        {
            entries.Add(ReadEntry(ref body, layout, where));
        }
        if (!body.IsEmpty)
        {
            throw new CorruptDataException($"The file table of {where} is corrupt: {body.Length} bytes follow the last entry.");
        }
        try
        {
            return new FileTable(entries);
        }
        catch (ArgumentException e)
        {
            throw new CorruptDataException($"The file table of {where} is corrupt: {e.Message}", e);
        }
    }

    /// <summary>What an entry holds in each version: format 1.0 has 40 fixed bytes and no inode or device, 1.1 adds
    /// them (16 bytes after a file's hash), 2.0 has 56 fixed bytes (adding the change time and the owner) and names.</summary>
    private readonly record struct EntryLayout(ushort Major, ushort Minor)
    {
        public int FixedSize => Major >= 2 ? FixedEntrySize : Version1EntrySize;

        public int IdentitySize => Major >= 2 || Minor >= 1 ? FileTable.IdentitySize : 0;
    }

    private static FileEntry ReadEntry(ref ReadOnlySpan<byte> body, EntryLayout layout, string where)
    {
        if (body.Length < layout.FixedSize)
        {
            throw new CorruptDataException($"The file table of {where} is corrupt: an entry is cut short.");
        }
        var kind = (FileKind)body[0];
        bool v2 = layout.Major >= 2;
        int pathLength = BinaryPrimitives.ReadUInt16LittleEndian(body[2..]);
        int targetLength = BinaryPrimitives.ReadUInt16LittleEndian(body[36..]);
        int userLength = v2 ? body[1] : 0;
        int groupLength = v2 ? body[38] : 0;
        int hashLength = kind == FileKind.File ? Sha256Size : 0;
        int identityLength = kind == FileKind.File ? layout.IdentitySize : 0;
        int variable = hashLength + identityLength + pathLength + targetLength + userLength + groupLength;
        if (kind is not (FileKind.File or FileKind.Directory or FileKind.Symlink) ||
            body.Length < layout.FixedSize + variable ||
            (kind == FileKind.Symlink) != (targetLength > 0) ||
            (v2 && body[39] > OwnerKnown))
        {
            throw new CorruptDataException($"The file table of {where} is corrupt: an entry has kind {(byte)kind}, flags or lengths that do not fit.");
        }
        long size = BinaryPrimitives.ReadInt64LittleEndian(body[16..]);
        long offset = BinaryPrimitives.ReadInt64LittleEndian(body[24..]);
        if (size < 0 || offset < 0 || offset > long.MaxValue - size || (kind != FileKind.File && size != 0))
        {
            throw new CorruptDataException($"The file table of {where} is corrupt: an entry has size {size} at offset {offset}.");
        }
        var rest = body[layout.FixedSize..];
        var names = rest[(hashLength + identityLength + pathLength + targetLength)..];
        var entry = new FileEntry
        {
            Kind = kind,
            Mode = (UnixFileMode)(BinaryPrimitives.ReadUInt32LittleEndian(body[4..]) & 0xFFF),
            ModifiedTimeNs = BinaryPrimitives.ReadInt64LittleEndian(body[8..]),
            ChangedTimeNs = v2 ? BinaryPrimitives.ReadInt64LittleEndian(body[40..]) : 0,
            Size = size,
            DataOffset = offset,
            Sha256 = rest[..hashLength].ToArray(),
            Inode = identityLength == 0 ? 0 : BinaryPrimitives.ReadUInt64LittleEndian(rest[hashLength..]),
            Device = identityLength == 0 ? 0 : BinaryPrimitives.ReadUInt64LittleEndian(rest[(hashLength + 8)..]),
            Path = Encoding.UTF8.GetString(rest.Slice(hashLength + identityLength, pathLength)),
            LinkTarget = targetLength == 0 ? null : Encoding.UTF8.GetString(rest.Slice(hashLength + identityLength + pathLength, targetLength)),
            Owner = v2 && body[39] == OwnerKnown
                ? new FileOwner(BinaryPrimitives.ReadUInt32LittleEndian(body[48..]), BinaryPrimitives.ReadUInt32LittleEndian(body[52..]),
                    Name(names[..userLength]), Name(names.Slice(userLength, groupLength)))
                : null,
        };
        body = rest[variable..];
        return entry;
    }

    private static string? Name(ReadOnlySpan<byte> bytes) => bytes.IsEmpty ? null : Encoding.UTF8.GetString(bytes);
}
