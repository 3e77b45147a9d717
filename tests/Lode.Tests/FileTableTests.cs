using System.Buffers.Binary;

namespace Lode.Tests;

public class FileTableTests
{
    private static FileTable Sample() => new([
        new FileEntry { Path = "", Kind = FileKind.Directory, Mode = (UnixFileMode)0x1ED, ModifiedTimeNs = 1 },
        new FileEntry { Path = "a", Kind = FileKind.Directory, Mode = (UnixFileMode)0x1ED, ModifiedTimeNs = 2 },
        new FileEntry
        {
            Path = "a/x y.txt", Kind = FileKind.File, Mode = (UnixFileMode)0xDED, ModifiedTimeNs = 1_600_000_000_123_456_789, Size = 10, DataOffset = 0, Sha256 = new byte[32],
            ChangedTimeNs = 1_600_000_001_000_000_007, Inode = 77, Device = (8UL << 32) | 1, Owner = new FileOwner(1000, 100, "ann", "users"),
        },
        new FileEntry { Path = "a/z", Kind = FileKind.Symlink, Mode = (UnixFileMode)0x1FF, ModifiedTimeNs = 3, LinkTarget = "../b.h", Owner = new FileOwner(65534, 65534, null, "nogroup") },
        new FileEntry { Path = "a.h", Kind = FileKind.File, Mode = (UnixFileMode)0x180, ModifiedTimeNs = 4, Size = 3, DataOffset = 10, Sha256 = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray() },
        new FileEntry { Path = "é", Kind = FileKind.Directory, Mode = (UnixFileMode)0x1C0, ModifiedTimeNs = 5 },
    ]);

    [Fact]
    public void Round_trips_every_field()
    {
        var table = Sample();
        var copy = FileTable.Deserialize(table.Serialize(), "test");
        Assert.Equal(table.Entries.Count, copy.Entries.Count);
        for (int i = 0; i < table.Entries.Count; i++)
        {
            var a = table.Entries[i];
            var b = copy.Entries[i];
            Assert.Equal((a.Path, a.Kind, a.Mode, a.ModifiedTimeNs, a.Size, a.DataOffset, a.LinkTarget),
                (b.Path, b.Kind, b.Mode, b.ModifiedTimeNs, b.Size, b.DataOffset, b.LinkTarget));
            Assert.Equal((a.ChangedTimeNs, a.Inode, a.Device, a.Owner), (b.ChangedTimeNs, b.Inode, b.Device, b.Owner));
            Assert.Equal(a.Sha256.ToArray(), b.Sha256.ToArray());
        }
    }

    [Fact]
    public void Lists_children_and_finds_paths()
    {
        var table = Sample();
        Assert.Equal(["a", "a.h", "é"], table.Children("").Select(e => e.Path));
        Assert.Equal(["a/x y.txt", "a/z"], table.Children("a").Select(e => e.Path));
        Assert.Empty(table.Children("é"));
        Assert.True(table.TryGet("a/z", out var link));
        Assert.Equal("../b.h", link.LinkTarget);
        Assert.False(table.TryGet("a/missing", out _));
        Assert.Throws<KeyNotFoundException>(() => table.Children("nope").ToList());
    }

    [Fact]
    public void Refuses_unsorted_orphaned_or_invalid_entries()
    {
        var root = new FileEntry { Path = "", Kind = FileKind.Directory, Mode = 0, ModifiedTimeNs = 0 };
        FileEntry File(string path) => new() { Path = path, Kind = FileKind.File, Mode = 0, ModifiedTimeNs = 0, Sha256 = new byte[32] };
        Assert.Throws<ArgumentException>(() => new FileTable([root, File("b"), File("a")]));
        Assert.Throws<ArgumentException>(() => new FileTable([root, File("a/b")]));
        Assert.Throws<ArgumentException>(() => new FileTable([root, File("a"), File("a/b")]));
        Assert.Throws<ArgumentException>(() => new FileTable([root, File("../x")]));
        Assert.Throws<ArgumentException>(() => new FileTable([File("a")]));
    }

    [Fact]
    public void Any_flipped_bit_or_truncation_is_a_corrupt_data_error()
    {
        byte[] bytes = Sample().Serialize();
        for (int i = 0; i < bytes.Length * 8; i += 7)
        {
            var damaged = (byte[])bytes.Clone();
            damaged[i / 8] ^= (byte)(1 << (i % 8));
            Assert.ThrowsAny<LodeException>(() => FileTable.Deserialize(damaged, "test"));
        }
        for (int length = 0; length < bytes.Length; length += 5)
        {
            Assert.Throws<CorruptDataException>(() => FileTable.Deserialize(bytes.AsSpan(0, length), "test"));
        }
    }

    [Fact]
    public void Tables_of_format_1_stay_readable_without_owners_or_change_times()
    {
        foreach (ushort minor in new ushort[] { 0, 1 })
        {
            var copy = FileTable.Deserialize(Version1(minor), "test");
            Assert.Equal(["", "f"], copy.Entries.Select(e => e.Path));
            var file = copy.Entries[1];
            Assert.Equal((FileKind.File, (UnixFileMode)0x9ED, 5L, 1_700_000_000_000_000_000L), (file.Kind, file.Mode, file.Size, file.ModifiedTimeNs));
            Assert.Equal(minor == 1 ? 42UL : 0UL, file.Inode);
            Assert.Equal(0, file.ChangedTimeNs);
            Assert.All(copy.Entries, e => Assert.Null(e.Owner));
        }
    }

    /// <summary>A table of format 1.<paramref name="minor"/> as Lode wrote it before owners: the root and a setuid file "f".</summary>
    private static byte[] Version1(ushort minor)
    {
        var bytes = new List<byte>();
        void Add(ReadOnlySpan<byte> span) => bytes.AddRange(span.ToArray());
        byte[] Entry(FileKind kind, string path, uint mode, long size)
        {
            var fixedPart = new byte[40];
            fixedPart[0] = (byte)kind;
            BinaryPrimitives.WriteUInt16LittleEndian(fixedPart.AsSpan(2), (ushort)path.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(fixedPart.AsSpan(4), mode);
            BinaryPrimitives.WriteInt64LittleEndian(fixedPart.AsSpan(8), 1_700_000_000_000_000_000);
            BinaryPrimitives.WriteInt64LittleEndian(fixedPart.AsSpan(16), size);
            BinaryPrimitives.WriteInt32LittleEndian(fixedPart.AsSpan(32), -1);
            var entry = new List<byte>(fixedPart);
            if (kind == FileKind.File)
            {
                entry.AddRange(new byte[32]);
                if (minor >= 1)
                {
                    var identity = new byte[16];
                    BinaryPrimitives.WriteUInt64LittleEndian(identity, 42);
                    entry.AddRange(identity);
                }
            }
            entry.AddRange(System.Text.Encoding.UTF8.GetBytes(path));
            return [.. entry];
        }
        var header = new byte[16];
        "LODEFTAB"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(10), minor);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), 2);
        Add(header);
        Add(Entry(FileKind.Directory, "", 0x1ED, 0));
        Add(Entry(FileKind.File, "f", 0x9ED, 5));
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(crc, Lode.IO.Crc32C.Compute([.. bytes]));
        Add(crc);
        return [.. bytes];
    }

    [Fact]
    public void Link_targets_that_are_empty_hold_a_nul_or_belong_to_a_non_link_are_refused()
    {
        var root = new FileEntry { Path = "", Kind = FileKind.Directory, Mode = 0, ModifiedTimeNs = 0 };
        FileEntry Link(string? target, FileKind kind = FileKind.Symlink) => new() { Path = "l", Kind = kind, Mode = 0, ModifiedTimeNs = 0, LinkTarget = target };
        Assert.Throws<ArgumentException>(() => new FileTable([root, Link("a\0b")]));
        Assert.Throws<ArgumentException>(() => new FileTable([root, Link("")]));
        Assert.Throws<ArgumentException>(() => new FileTable([root, Link("x", FileKind.Directory)]));
        var table = new FileTable([root, Link("ok")]);
        byte[] bytes = table.Serialize();
        int at = Array.LastIndexOf(bytes, (byte)'k', bytes.Length - 5);
        bytes[at] = 0; // "o\0" with a valid CRC: refused when read, as a damaged table
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), Lode.IO.Crc32C.Compute(bytes.AsSpan(0, bytes.Length - 4)));
        Assert.Throws<CorruptDataException>(() => FileTable.Deserialize(bytes, "test"));
    }

    [Fact]
    public void A_data_range_past_the_largest_offset_is_refused_when_read()
    {
        var root = new FileEntry { Path = "", Kind = FileKind.Directory, Mode = 0, ModifiedTimeNs = 0 };
        var file = new FileEntry { Path = "f", Kind = FileKind.File, Mode = 0, ModifiedTimeNs = 0, Size = 1000, DataOffset = long.MaxValue - 10, Sha256 = new byte[32] };
        byte[] bytes = new FileTable([root, file]).Serialize();
        Assert.Throws<CorruptDataException>(() => FileTable.Deserialize(bytes, "test"));
    }
}
