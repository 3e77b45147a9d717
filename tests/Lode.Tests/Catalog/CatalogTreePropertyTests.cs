using FsCheck;
using FsCheck.Fluent;
using Lode.Metadata;

namespace Lode.Tests.Catalog;

/// <summary>The catalog's listing of every directory equals the file table's, in memory and across close and reopen.</summary>
public sealed class CatalogTreePropertyTests : IDisposable
{
    private readonly string _dir = System.IO.Directory.CreateTempSubdirectory("lode-catalog-tree-").FullName;

    public void Dispose() => System.IO.Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Every_directory_lists_as_the_file_table_lists_it()
    {
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), Arb.From(Gen.Choose(0, 300)), (seed, entries) =>
        {
            var table = RandomTables.Create(seed, entries);
            using var store = MetadataStore.OpenInMemory();
            CatalogTree.Write(store, RandomTables.Id(seed), table);
            // A second snapshot in the same store must not leak into the first one's listings.
            CatalogTree.Write(store, RandomTables.Id(seed + 1), RandomTables.Create(seed + 1, 50));
            AssertSameListings(store, RandomTables.Id(seed), table);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Listings_survive_close_and_reopen()
    {
        for (int seed = 0; seed < 5; seed++)
        {
            var table = RandomTables.Create(seed, 400);
            string directory = Path.Combine(_dir, $"store{seed}");
            using (var store = MetadataStore.Open(directory, new MetadataStoreOptions { Durability = Durability.Async, CheckpointOnDispose = seed % 2 == 0 }))
            {
                CatalogTree.Write(store, RandomTables.Id(seed), table);
            }
            using var reopened = MetadataStore.Open(directory);
            AssertSameListings(reopened, RandomTables.Id(seed), table);
        }
    }

    [Fact]
    public void Deleting_a_snapshot_prefix_leaves_the_others()
    {
        using var store = MetadataStore.OpenInMemory();
        var kept = RandomTables.Create(7, 200);
        CatalogTree.Write(store, RandomTables.Id(1), RandomTables.Create(1, 5000));
        CatalogTree.Write(store, RandomTables.Id(7), kept);

        CatalogTree.DeleteAll(store, CatalogKeys.TreeRoot(RandomTables.Id(1)));

        Assert.Empty(store.Scan(new ScanOptions { Prefix = CatalogKeys.TreeRoot(RandomTables.Id(1)) }));
        AssertSameListings(store, RandomTables.Id(7), kept);
    }

    private static void AssertSameListings(MetadataStore store, string id, FileTable table)
    {
        foreach (var entry in table.Entries)
        {
            var found = CatalogTree.Find(store, id, entry.Path);
            Assert.NotNull(found);
            Assert.Equal(RandomTables.Describe(entry), RandomTables.Describe(found));
            if (entry.Kind == FileKind.Directory)
            {
                Assert.Equal(table.Children(entry.Path).Select(RandomTables.Describe), CatalogTree.Children(store, id, entry.Path).Select(RandomTables.Describe));
            }
        }
        Assert.Null(CatalogTree.Find(store, id, "no/such/path"));
    }
}
