using Lode.IO;

namespace Lode.Tests;

/// <summary>What a snapshot leaves out: its own repository and cache, exclude patterns, tagged caches, large files,
/// other file systems.</summary>
public sealed class ExcludeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lode-exclude-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Tree => Path.Combine(_dir, "home");

    private void Write(string relative, string text)
    {
        string path = Path.Combine(Tree, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static List<string> Paths(Repository repository, SnapshotManifest manifest)
    {
        using var view = repository.OpenSnapshot(manifest);
        return [.. view.Files.Entries.Select(e => e.Path).Where(p => p.Length > 0)];
    }

    [Fact]
    public void A_tree_holding_the_repository_and_the_cache_never_stores_them()
    {
        Write("notes.txt", "notes\n");
        string repo = Path.Combine(Tree, ".local", "share", "lode");
        string cache = Path.Combine(Tree, ".cache", "lode");
        Directory.CreateDirectory(cache);
        File.WriteAllText(Path.Combine(cache, "entry"), "cached\n");
        Repository.Init(repo).Dispose();
        // Reached through a symbolic link, as a repository named by another path would be.
        string link = Path.Combine(_dir, "repo-link");
        File.CreateSymbolicLink(link, repo);
        using var repository = Repository.Open(link, new RepositoryOptions { Catalog = new CatalogSettings { Directory = cache } });

        var first = repository.CreateSnapshot(Tree);
        var second = repository.CreateSnapshot(Tree);

        Assert.Equal([".cache", ".local", ".local/share", "notes.txt"], Paths(repository, second.Manifest));
        Assert.Equal(Paths(repository, first.Manifest), Paths(repository, second.Manifest));
        Assert.Equal(1, second.Manifest.UnchangedFiles);
    }

    [Fact]
    public void Patterns_tagged_caches_and_large_files_are_left_out()
    {
        Write("a.o", "object\n");
        Write("src/b.o", "object\n");
        Write("src/c.c", "source\n");
        Write("node_modules/m/x.js", "module\n");
        Write("build/out/y", "output\n");
        Write("build/z", "kept\n");
        Write("docs/build/out/w", "not at the root: kept\n");
        Write("cache/CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n# a cache\n");
        Write("cache/junk", "junk\n");
        Write("fake-cache/CACHEDIR.TAG", "no signature\n");
        Write("fake-cache/kept", "kept\n");
        Write("big", new string('x', 5000));
        using var repository = Repository.Init(Path.Combine(_dir, "repo"));

        var result = repository.CreateSnapshot(Tree, new SnapshotOptions
        {
            Exclude = ["*.o", "node_modules", "/build/out"],
            ExcludeCaches = true,
            ExcludeLargerThan = 4096,
        });

        Assert.Equal(
            ["build", "build/z", "cache", "cache/CACHEDIR.TAG", "docs", "docs/build", "docs/build/out", "docs/build/out/w",
             "fake-cache", "fake-cache/CACHEDIR.TAG", "fake-cache/kept", "src", "src/c.c"],
            Paths(repository, result.Manifest));
        Assert.Equal(0, result.Warnings);
    }

    [Fact]
    public void Directories_on_other_file_systems_are_kept_empty_with_one_file_system()
    {
        var options = new SnapshotOptions { OneFileSystem = true };
        var filter = new WalkFilter(options, []);
        var root = FileStatus.Get(_dir);
        filter.SetRoot(root);
        Assert.Null(filter.OnlyNames(_dir, root));
        Assert.Equal([], filter.OnlyNames("/mnt", root with { Device = root.Device + 1 }));
        Assert.Null(new WalkFilter(new SnapshotOptions(), []).OnlyNames("/mnt", root with { Device = root.Device + 1 }));
    }
}
