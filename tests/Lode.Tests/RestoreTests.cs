using Lode.IO;

namespace Lode.Tests;

/// <summary>Restore: owners and setuid bits, names as long as the file system allows, one bad entry among good
/// ones, leftovers of an interrupted restore, and holes.</summary>
public sealed class RestoreTests : IDisposable
{
    private const UnixFileMode SetUidExecutable = (UnixFileMode)0xDED; // 06755
    private const uint Nobody = 65534;

    private readonly string _dir = Directory.CreateTempSubdirectory("lode-restore-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Tree => Path.Combine(_dir, "tree");

    private string Target => Path.Combine(_dir, "target");

    private SnapshotView SnapshotOf(Repository repository) => repository.OpenSnapshot(repository.CreateSnapshot(Tree).Manifest);

    private string WriteFile(string name, string text)
    {
        Directory.CreateDirectory(Tree);
        string path = Path.Combine(Tree, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Setuid_and_setgid_bits_stay_only_where_the_recorded_owner_is_restored()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return; // Making a file of another user's to snapshot takes root.
        }
        string evil = WriteFile("evil", "#!/bin/sh\nid\n");
        FileOwnership.Set(evil, Nobody, Nobody);
        File.SetUnixFileMode(evil, SetUidExecutable);
        using var repository = Repository.Init(Path.Combine(_dir, "repo"));
        using var view = SnapshotOf(repository);
        Assert.Equal(Nobody, view.GetEntry("evil").Owner!.UserId);

        var asRoot = view.Restore(Target);
        var restored = FileStatus.Get(Path.Combine(Target, "evil"));
        Assert.Equal(0, asRoot.Errors);
        Assert.Equal((Nobody, Nobody, SetUidExecutable), (restored.UserId, restored.GroupId, restored.Mode));

        string other = Path.Combine(_dir, "not-owned");
        view.Restore(other, new RestoreOptions { Owners = false });
        var notOwned = FileStatus.Get(Path.Combine(other, "evil"));
        Assert.Equal(0u, notOwned.UserId);
        Assert.Equal(SetUidExecutable & ~(UnixFileMode.SetUser | UnixFileMode.SetGroup), notOwned.Mode);
    }

    [Fact]
    public void A_file_table_without_owners_restores_no_setuid_bit()
    {
        string path = WriteFile("tool", "x");
        File.SetUnixFileMode(path, SetUidExecutable);
        using var repository = Repository.Init(Path.Combine(_dir, "repo"));
        using var view = SnapshotOf(repository);
        var entry = view.GetEntry("tool");
        var table = new FileTable([view.Files.Root, new FileEntry
        {
            Path = entry.Path, Kind = entry.Kind, Mode = entry.Mode, ModifiedTimeNs = entry.ModifiedTimeNs,
            Size = entry.Size, DataOffset = entry.DataOffset, Sha256 = entry.Sha256,
        }]);
        Assert.Null(table.Entries[1].Owner);
        // The same bytes, described as a table of format 1 describes them (no owner): the bits go.
        new Restorer(view, table, new RestoreOptions()).Run(Target);
        Assert.Equal(SetUidExecutable & ~(UnixFileMode.SetUser | UnixFileMode.SetGroup), FileStatus.Get(Path.Combine(Target, "tool")).Mode);
    }

    [Fact]
    public void Names_of_up_to_255_bytes_restore()
    {
        foreach (int length in new[] { 233, 234, 255 })
        {
            WriteFile(new string('n', length), $"{length}\n");
        }
        using var repository = Repository.Init(Path.Combine(_dir, "repo"));
        using var view = SnapshotOf(repository);
        var result = view.Restore(Target);
        Assert.Equal((3L, 0), (result.Files, result.Errors));
        Assert.Equal("255\n", File.ReadAllText(Path.Combine(Target, new string('n', 255))));
    }

    [Fact]
    public void An_entry_that_cannot_be_restored_is_reported_and_the_rest_is_restored()
    {
        WriteFile("a", "a\n");
        WriteFile("b", "b\n");
        Directory.CreateDirectory(Path.Combine(Tree, "c"));
        File.WriteAllText(Path.Combine(Tree, "c", "d"), "d\n");
        using var repository = Repository.Init(Path.Combine(_dir, "repo"));
        using var view = SnapshotOf(repository);
        Directory.CreateDirectory(Path.Combine(Target, "a", "in-the-way"));
        File.WriteAllText(Path.Combine(Target, "c"), "a file where a directory goes");
        var warnings = new List<string>();

        var result = view.Restore(Target, new RestoreOptions { Warning = warnings.Add });

        Assert.Equal(3, result.Errors);
        Assert.Equal(3, warnings.Count);
        Assert.Contains("'a'", warnings[0], StringComparison.Ordinal);
        Assert.Contains("'c/d'", warnings[2], StringComparison.Ordinal);
        Assert.Equal("b\n", File.ReadAllText(Path.Combine(Target, "b")));
    }

    [Fact]
    public void Temporary_files_of_an_interrupted_restore_are_removed_by_the_next()
    {
        WriteFile("x", "x\n");
        WriteFile("kept.lode-restore-0000abcd", "a file of the snapshot that looks temporary\n");
        using var repository = Repository.Init(Path.Combine(_dir, "repo"));
        using var view = SnapshotOf(repository);
        Directory.CreateDirectory(Target);
        string[] leftovers = [".lode-restore-0123abcd", "x.lode-restore-89abcdef"];
        foreach (string name in leftovers)
        {
            File.WriteAllText(Path.Combine(Target, name), "half a file");
        }
        File.WriteAllText(Path.Combine(Target, "mine.lode-restore-notmine"), "the user's own file");

        view.Restore(Target);

        Assert.Equal(["kept.lode-restore-0000abcd", "mine.lode-restore-notmine", "x"],
            Directory.EnumerateFileSystemEntries(Target).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Zero_pages_restore_as_holes()
    {
        string path = WriteFile("sparse", "");
        using (var stream = File.OpenWrite(path))
        {
            stream.Position = 8 << 20;
            stream.Write("middle"u8);
            stream.SetLength(16 << 20);
        }
        using var repository = Repository.Init(Path.Combine(_dir, "repo"));
        using var view = SnapshotOf(repository);

        view.Restore(Target);

        string restored = Path.Combine(Target, "sparse");
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(restored));
        Assert.True(FileStatus.Get(restored).AllocatedBytes <= 64 << 10, $"{FileStatus.Get(restored).AllocatedBytes} bytes allocated");
    }
}
