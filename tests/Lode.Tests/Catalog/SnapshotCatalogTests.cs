using Lode.Metadata;

namespace Lode.Tests.Catalog;

/// <summary>The catalog follows the repository: what a snapshot records, what other writers add, what disappears.</summary>
public sealed class SnapshotCatalogTests : IDisposable
{
    private static readonly string[] Directories = ["", "src", "src/lib", "empty", "src/main.c", "/src/link"];
    private readonly CatalogWorkspace _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public void A_snapshot_records_its_paths_so_listing_needs_no_container()
    {
        using var repository = _work.OpenOrInit();
        var manifest = repository.CreateSnapshot(_work.Tree).Manifest;
        var expected = Directories.Select(d => CatalogWorkspace.FromTable(repository, manifest, d)).ToList();
        File.Delete(Path.Combine(_work.Repo, "data", manifest.Id));

        using var catalog = repository.OpenCatalog();

        Assert.True(catalog.IsPersistent);
        Assert.Equal(expected, Directories.Select(d => CatalogWorkspace.Lines(catalog.List(catalog.ResolveSnapshot("latest"), d))).ToList());
        Assert.Empty(_work.Notices);
    }

    [Fact]
    public void The_catalog_lists_snapshots_as_the_repository_does()
    {
        using var repository = _work.OpenOrInit();
        repository.CreateSnapshot(_work.Tree, new SnapshotOptions { Tag = "one" });
        repository.CreateSnapshot(_work.Tree);

        using var catalog = repository.OpenCatalog();

        Assert.Equal(repository.ListSnapshots(), catalog.ListSnapshots());
        Assert.Equal(repository.ResolveSnapshot("one"), catalog.ResolveSnapshot("one"));
        var missing = Assert.Throws<LodeException>(() => catalog.ResolveSnapshot("nope"));
        Assert.Equal(Assert.Throws<LodeException>(() => repository.ResolveSnapshot("nope")).Message, missing.Message);
        Assert.Equal($"No 'x/y' in snapshot {catalog.ListSnapshots()[^1].ShortId}.",
            Assert.Throws<LodeException>(() => catalog.List(catalog.ListSnapshots()[^1], "/x/y/")).Message);
    }

    [Fact]
    public void A_snapshot_taken_by_another_writer_is_caught_up_and_its_table_read_once()
    {
        using (var withoutCatalog = Repository.OpenOrInit(_work.Repo, new RepositoryOptions()))
        {
            withoutCatalog.CreateSnapshot(_work.Tree);
        }
        using var repository = Repository.Open(_work.Repo, _work.Options());
        var manifest = repository.ListSnapshots()[0];
        var expected = CatalogWorkspace.FromTable(repository, manifest, "src");

        using (var catalog = repository.OpenCatalog())
        {
            Assert.Equal(1, catalog.SnapshotsAdded);
            Assert.Equal(expected, CatalogWorkspace.Lines(catalog.List(manifest, "src")));
        }
        // The first listing recorded the paths: the next ones need no container.
        File.Delete(Path.Combine(_work.Repo, "data", manifest.Id));
        using (var catalog = repository.OpenCatalog())
        {
            Assert.Equal(0, catalog.SnapshotsAdded);
            Assert.Equal(expected, CatalogWorkspace.Lines(catalog.List(manifest, "src")));
        }
        // The first open found no catalog at all (the writer kept none) and said so, once.
        Assert.Contains("there was none", Assert.Single(_work.Notices), StringComparison.Ordinal);
    }

    [Fact]
    public void A_snapshot_whose_manifest_is_gone_is_dropped_with_its_paths()
    {
        using var repository = _work.OpenOrInit();
        var gone = repository.CreateSnapshot(_work.Tree).Manifest;
        var kept = repository.CreateSnapshot(_work.Tree).Manifest;
        File.Delete(Path.Combine(_work.Repo, "snapshots", gone.Id));

        using (var catalog = repository.OpenCatalog())
        {
            Assert.Equal(1, catalog.SnapshotsRemoved);
            Assert.Equal([kept.Id], catalog.ListSnapshots().Select(m => m.Id));
        }
        using var store = MetadataStore.Open(_work.CatalogDir(repository));
        Assert.Null(store.Get(CatalogKeys.Snap(gone.Id)));
        Assert.Empty(store.Scan(new ScanOptions { Prefix = CatalogKeys.TreeRoot(gone.Id) }));
        Assert.NotEmpty(store.Scan(new ScanOptions { Prefix = CatalogKeys.TreeRoot(kept.Id) }));
    }

    [Fact]
    public void Paths_left_without_a_summary_by_a_crash_are_removed_or_completed()
    {
        using var repository = _work.OpenOrInit();
        var manifest = repository.CreateSnapshot(_work.Tree).Manifest;
        string stray = RandomTables.Id(99);
        using (var store = MetadataStore.Open(_work.CatalogDir(repository)))
        {
            // A crash after some path batches and before the summary: of a snapshot that exists, and of one that never did.
            store.Delete(CatalogKeys.Snap(manifest.Id));
            store.Delete(CatalogKeys.Entry(manifest.Id, "src/main.c"));
            CatalogTree.Write(store, stray, RandomTables.Create(5, 30));
        }

        using (var catalog = repository.OpenCatalog())
        {
            Assert.Equal(CatalogWorkspace.FromTable(repository, manifest, "src"), CatalogWorkspace.Lines(catalog.List(manifest, "src")));
        }
        using var reopened = MetadataStore.Open(_work.CatalogDir(repository));
        Assert.Empty(reopened.Scan(new ScanOptions { Prefix = CatalogKeys.TreeRoot(stray) }));
        Assert.Equal((byte)CatalogTreeState.Recorded, reopened.Get(CatalogKeys.Snap(manifest.Id))!.Value.Span[1]);
    }

    [Fact]
    public void An_encrypted_repository_writes_no_catalog_file()
    {
        using var repository = Repository.Init(_work.Repo, _work.Options("pw"), encrypt: true);
        var manifest = repository.CreateSnapshot(_work.Tree).Manifest;

        using (var catalog = repository.OpenCatalog())
        {
            Assert.False(catalog.IsPersistent);
            Assert.Contains("encrypted", catalog.MemoryReason, StringComparison.Ordinal);
            Assert.Equal(CatalogWorkspace.FromTable(repository, manifest, "src"), CatalogWorkspace.Lines(catalog.List(catalog.ResolveSnapshot("latest"), "src")));
        }
        Assert.Null(repository.RebuildCatalog().Directory);
        Assert.False(Directory.Exists(_work.CacheDir) && Directory.EnumerateFileSystemEntries(_work.CacheDir, "*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public void A_catalog_another_process_holds_falls_back_to_reading_the_snapshot()
    {
        using var repository = _work.OpenOrInit();
        var manifest = repository.CreateSnapshot(_work.Tree).Manifest;
        var expected = CatalogWorkspace.FromTable(repository, manifest, "src/lib");

        using (MetadataStore.Open(_work.CatalogDir(repository)))
        {
            using (var catalog = repository.OpenCatalog())
            {
                Assert.False(catalog.IsPersistent);
                Assert.Equal(expected, CatalogWorkspace.Lines(catalog.List(catalog.ResolveSnapshot("latest"), "src/lib")));
            }
            Assert.Contains("in use", Assert.Throws<LodeException>(() => repository.RebuildCatalog()).Message, StringComparison.Ordinal);
            // A snapshot taken meanwhile is saved; the catalog catches up later.
            repository.CreateSnapshot(_work.Tree);
        }
        using var caughtUp = repository.OpenCatalog();
        Assert.Equal(1, caughtUp.SnapshotsAdded);
        Assert.Equal(2, caughtUp.ListSnapshots().Count);
        Assert.Empty(_work.Notices);
    }
}
