namespace Lode.Tests;

public class FileTableTests
{
    private static FileTable Sample() => new([
        new FileEntry { Path = "", Kind = FileKind.Directory, Mode = (UnixFileMode)0x1ED, ModifiedTimeNs = 1 },
        new FileEntry { Path = "a", Kind = FileKind.Directory, Mode = (UnixFileMode)0x1ED, ModifiedTimeNs = 2 },
        new FileEntry { Path = "a/x y.txt", Kind = FileKind.File, Mode = (UnixFileMode)0x1A4, ModifiedTimeNs = 1_600_000_000_123_456_789, Size = 10, DataOffset = 0, Sha256 = new byte[32] },
        new FileEntry { Path = "a/z", Kind = FileKind.Symlink, Mode = (UnixFileMode)0x1FF, ModifiedTimeNs = 3, LinkTarget = "../b.h" },
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
}
