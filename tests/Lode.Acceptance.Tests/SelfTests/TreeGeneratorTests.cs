using Lode.Acceptance.Tests.Corpus;
using Lode.Acceptance.Tests.Harness;

namespace Lode.Acceptance.Tests.SelfTests;

/// <summary>The generator makes what the acceptance tests rely on, and the comparer catches each kind of difference.</summary>
public sealed class TreeGeneratorTests
{
    private const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public void Generated_tree_has_links_empty_directories_binary_files_modes_and_the_big_file()
    {
        using var work = new TempDirectory();
        string root = work.Combine("tree");

        TreeGenerator.Generate(root, seed: 3, bigFileBytes: 5_000_001);

        var entries = TreeWalker.Walk(root).ToDictionary(e => e.RelativePath);
        Assert.Equal(EntryKind.Symlink, entries["links/dangling"].Kind);
        Assert.False(new FileInfo(Path.Combine(root, "links/dangling")).ResolveLinkTarget(returnFinalTarget: true)!.Exists);
        Assert.Equal(EntryKind.Symlink, entries["links/to-deep"].Kind);
        Assert.False(entries.Keys.Any(p => p.StartsWith("links/to-deep/", StringComparison.Ordinal)), "the walker followed a link");
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(root, "deep/a/b/empty")));
        Assert.Contains((byte)0, File.ReadAllBytes(Path.Combine(root, TreeGenerator.BinaryFile)));
        Assert.Equal(5_000_001, new FileInfo(Path.Combine(root, TreeGenerator.BigFile)).Length);
        Assert.Equal(0, new FileInfo(Path.Combine(root, "empty.txt")).Length);
        Assert.Equal(Mode0600, File.GetUnixFileMode(Path.Combine(root, "secret.txt")));
        Assert.True(File.GetUnixFileMode(Path.Combine(root, "run.sh")).HasFlag(UnixFileMode.UserExecute));
        Assert.True(entries.ContainsKey(".hidden") && entries.ContainsKey("names/naïve café.txt"));
    }

    [Fact]
    public void Same_seed_gives_the_same_tree_and_the_comparer_sees_bytes_modes_mtimes_links_and_missing_entries()
    {
        using var work = new TempDirectory();
        string first = work.Combine("first");
        string second = work.Combine("second");
        TreeGenerator.Generate(first, seed: 4, bigFileBytes: 1 << 20);
        TreeGenerator.Generate(second, seed: 4, bigFileBytes: 1 << 20);
        Assert.Empty(TreeComparer.Differences(first, second));

        var mtime = File.GetLastWriteTimeUtc(Path.Combine(second, "README.md"));
        File.WriteAllText(Path.Combine(second, "README.md"), "changed");
        File.SetLastWriteTimeUtc(Path.Combine(second, "README.md"), mtime);
        File.SetUnixFileMode(Path.Combine(second, "run.sh"), Mode0600);
        File.SetLastWriteTimeUtc(Path.Combine(second, "secret.txt"), mtime.AddSeconds(1));
        File.Delete(Path.Combine(second, "links/dangling"));
        File.CreateSymbolicLink(Path.Combine(second, "links/dangling"), "elsewhere");
        Directory.Delete(Path.Combine(second, "empty-dir"));
        File.WriteAllText(Path.Combine(second, "extra.txt"), "");

        var differences = TreeComparer.Differences(first, second);

        Assert.Contains("contents differ: README.md", differences);
        Assert.Contains("mode 600, expected 755: run.sh", differences);
        Assert.Contains(differences, d => d.StartsWith("mtime", StringComparison.Ordinal) && d.EndsWith(": secret.txt", StringComparison.Ordinal));
        Assert.Contains("symlink target 'elsewhere', expected '../does/not/exist': links/dangling", differences);
        Assert.Contains("missing: empty-dir", differences);
        Assert.Contains("unexpected: extra.txt", differences);
        Assert.Equal(["README.md"], TreeComparer.WrongFiles(first, second).Where(p => p != "extra.txt"));
    }
}
