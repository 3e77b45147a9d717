namespace Lode.Tests.Catalog;

/// <summary>A temp directory with a small tree, a repository whose catalog lives in <see cref="CacheDir"/>, and the
/// notices the catalog gave.</summary>
internal sealed class CatalogWorkspace : IDisposable
{
    private readonly string _dir = System.IO.Directory.CreateTempSubdirectory("lode-catalog-").FullName;

    public CatalogWorkspace()
    {
        Directory.CreateDirectory(Path.Combine(Tree, "src", "lib"));
        Directory.CreateDirectory(Path.Combine(Tree, "empty"));
        File.WriteAllText(Path.Combine(Tree, "README"), "read me\n");
        File.WriteAllText(Path.Combine(Tree, "src", "main.c"), "int main(void) { return 0; }\n");
        File.WriteAllText(Path.Combine(Tree, "src", "lib", "a-b.h"), "#define A 1\n");
        File.WriteAllText(Path.Combine(Tree, "src", "lib.h"), "#define LIB 1\n");
        File.CreateSymbolicLink(Path.Combine(Tree, "src", "link"), "main.c");
    }

    public string Tree => Path.Combine(_dir, "tree");

    public string Repo => Path.Combine(_dir, "repo");

    public string CacheDir => Path.Combine(_dir, "cache");

    public List<string> Notices { get; } = [];

    public RepositoryOptions Options(string? password = null) => new()
    {
        Catalog = new CatalogSettings { Directory = CacheDir, Notice = Notices.Add },
        Password = password is null ? null : () => password,
    };

    public Repository OpenOrInit() => Repository.OpenOrInit(Repo, Options());

    /// <summary>The catalog directory of the repository.</summary>
    public string CatalogDir(Repository repository) => SnapshotCatalog.DirectoryOf(CacheDir, repository);

    /// <summary>A listing as comparable lines.</summary>
    public static List<string> Lines(IEnumerable<FileEntry> entries) => [.. entries.Select(RandomTables.Describe)];

    /// <summary>The listing the snapshot's own file table gives (what ls printed before the catalog).</summary>
    public static List<string> FromTable(Repository repository, SnapshotManifest manifest, string path)
    {
        using var view = repository.OpenSnapshot(manifest);
        var entry = view.GetEntry(path);
        return Lines(entry.Kind == FileKind.Directory ? view.Files.Children(entry.Path) : [entry]);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
