using Lode.Metadata;

namespace Lode.Tests.Catalog;

/// <summary>A missing, damaged or unknown catalog is rebuilt by itself, with one notice, never a failure.</summary>
public sealed class CatalogRepairTests : IDisposable
{
    private readonly CatalogWorkspace _work = new();

    public void Dispose() => _work.Dispose();

    private (Repository Repository, SnapshotManifest Manifest, List<string> Expected) Snapshot()
    {
        var repository = _work.OpenOrInit();
        var manifest = repository.CreateSnapshot(_work.Tree).Manifest;
        return (repository, manifest, CatalogWorkspace.FromTable(repository, manifest, "src"));
    }

    private void AssertRebuilt(Repository repository, List<string> expected, string reason)
    {
        using var catalog = repository.OpenCatalog();
        Assert.True(catalog.IsPersistent);
        Assert.Equal(expected, CatalogWorkspace.Lines(catalog.List(catalog.ResolveSnapshot("latest"), "src")));
        var notice = Assert.Single(_work.Notices);
        Assert.StartsWith("catalog rebuilt: ", notice, StringComparison.Ordinal);
        Assert.Contains(reason, notice, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deleted_catalog_directory_is_rebuilt()
    {
        var (repository, _, expected) = Snapshot();
        using var owned = repository;
        Directory.Delete(_work.CatalogDir(repository), recursive: true);

        AssertRebuilt(repository, expected, "there was none");
    }

    [Fact]
    public void A_damaged_checkpoint_is_rebuilt()
    {
        var (repository, _, expected) = Snapshot();
        using var owned = repository;
        repository.RebuildCatalog();
        string checkpoint = Directory.EnumerateFiles(_work.CatalogDir(repository), "checkpoint-*.ckpt").Single();
        byte[] bytes = File.ReadAllBytes(checkpoint);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(checkpoint, bytes);

        AssertRebuilt(repository, expected, "unreadable");
    }

    [Fact]
    public void A_catalog_of_an_unknown_format_is_rebuilt()
    {
        var (repository, _, expected) = Snapshot();
        using var owned = repository;
        using (var store = MetadataStore.Open(_work.CatalogDir(repository)))
        {
            store.Put(CatalogKeys.Format, [99, 0, 0, 0]);
        }

        AssertRebuilt(repository, expected, "format 99");
    }

    [Fact]
    public void An_undecodable_entry_met_while_listing_rebuilds_the_catalog()
    {
        var (repository, manifest, expected) = Snapshot();
        using var owned = repository;
        using (var store = MetadataStore.Open(_work.CatalogDir(repository)))
        {
            store.Put(CatalogKeys.Entry(manifest.Id, "src/main.c"), [7, 7, 7]);
        }

        AssertRebuilt(repository, expected, "undecodable");
    }

    [Fact]
    public void Rebuild_records_every_snapshot_and_path()
    {
        var (repository, manifest, expected) = Snapshot();
        using var owned = repository;
        repository.CreateSnapshot(_work.Tree);
        var reports = new List<CatalogProgress>();

        var result = repository.RebuildCatalog(new Progress(reports.Add));

        Assert.Equal(2, result.Snapshots);
        Assert.Equal(2 * (manifest.Files + manifest.Directories + manifest.Symlinks), result.Paths);
        Assert.Equal(_work.CatalogDir(repository), result.Directory);
        Assert.Equal(new CatalogProgress(2, 2, result.Paths), reports[^1]);
        File.Delete(Path.Combine(_work.Repo, "data", manifest.Id));
        using var catalog = repository.OpenCatalog();
        Assert.Equal(expected, CatalogWorkspace.Lines(catalog.List(manifest, "src")));
        Assert.Empty(_work.Notices);
    }

    private sealed class Progress(Action<CatalogProgress> report) : IProgress<CatalogProgress>
    {
        public void Report(CatalogProgress value) => report(value);
    }
}
