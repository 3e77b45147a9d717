using System.Text.Json;
using Lode.Acceptance.Tests.Crash;
using Lode.Acceptance.Tests.Harness;
using Lode.Metadata;

namespace Lode.Acceptance.Tests.Catalog;

/// <summary><c>lode ls</c> and <c>lode snapshots</c> from the catalog, and <c>lode catalog rebuild</c>, as the binary.</summary>
public sealed class CatalogCommandTests : IDisposable
{
    private readonly TempDirectory _work = new();

    public void Dispose() => _work.Dispose();

    private string Repo => _work.Combine("repo");

    private async Task<(string Id, byte[] Ls, byte[] Snapshots)> SnapshotAsync()
    {
        CrashTree.Generate(_work.Combine("tree"), seed: 7);
        var snapshot = await LodeCli.RunAsync(Repo, "snapshot", _work.Combine("tree"), "--json");
        LodeAssert.Succeeded(snapshot);
        string id = JsonDocument.Parse(snapshot.Stdout).RootElement.GetProperty("id").GetString()!;
        var ls = await LodeCli.RunAsync(Repo, "ls", "latest:d1", "--long");
        var snapshots = await LodeCli.RunAsync(Repo, "snapshots");
        LodeAssert.Succeeded(ls);
        LodeAssert.Succeeded(snapshots);
        Assert.Empty(ls.Stderr);
        return (id, ls.Stdout, snapshots.Stdout);
    }

    private string CatalogDirectory()
    {
        using var config = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Repo, "config")));
        return Path.Combine(Repo + ".cache", "catalogs", config.RootElement.GetProperty("id").GetString()!);
    }

    [Fact]
    public async Task Ls_lists_from_the_catalog_without_the_snapshot_container()
    {
        var (id, expected, _) = await SnapshotAsync();
        File.Delete(Path.Combine(Repo, "data", id));

        var ls = await LodeCli.RunAsync(Repo, "ls", "latest:d1", "--long");

        LodeAssert.Succeeded(ls);
        LodeAssert.SameOutput(expected, ls.Stdout, "ls without the container");
        // The container really is gone: reading a file's bytes needs it.
        LodeAssert.OneLineError(await LodeCli.RunAsync(Repo, "cat", "latest:d1/f0.txt"));
    }

    [Fact]
    public async Task A_deleted_catalog_is_rebuilt_with_one_line_and_the_same_output()
    {
        var (_, ls, snapshots) = await SnapshotAsync();
        Directory.Delete(CatalogDirectory(), recursive: true);

        var listed = await LodeCli.RunAsync(Repo, "snapshots");
        var again = await LodeCli.RunAsync(Repo, "ls", "latest:d1", "--long");

        LodeAssert.SameOutput(snapshots, listed.Stdout, "snapshots after the catalog was deleted");
        Assert.StartsWith("lode: catalog rebuilt: ", listed.Stderr, StringComparison.Ordinal);
        Assert.Single(LodeAssert.SplitLines(System.Text.Encoding.UTF8.GetBytes(listed.Stderr)));
        LodeAssert.SameOutput(ls, again.Stdout, "ls after the rebuild");
        Assert.Empty(again.Stderr);
    }

    [Fact]
    public async Task Catalog_rebuild_records_every_path_and_prints_a_json_summary()
    {
        var (id, ls, _) = await SnapshotAsync();

        var rebuilt = await LodeCli.RunAsync(Repo, "catalog", "rebuild", "--json");

        LodeAssert.Succeeded(rebuilt);
        using var json = JsonDocument.Parse(rebuilt.Stdout);
        Assert.Equal(1, json.RootElement.GetProperty("snapshots").GetInt32());
        Assert.Equal(CrashTree.Paths(_work.Combine("tree")).Count, json.RootElement.GetProperty("paths").GetInt64());
        Assert.Equal(CatalogDirectory(), json.RootElement.GetProperty("directory").GetString());
        File.Delete(Path.Combine(Repo, "data", id));
        LodeAssert.SameOutput(ls, (await LodeCli.RunAsync(Repo, "ls", "latest:d1", "--long")).Stdout, "ls after catalog rebuild");
    }

    [Fact]
    public async Task A_catalog_held_by_another_process_falls_back_to_the_snapshot()
    {
        var (_, ls, snapshots) = await SnapshotAsync();

        using (MetadataStore.Open(CatalogDirectory()))
        {
            var listed = await LodeCli.RunAsync(Repo, "ls", "latest:d1", "--long");
            var all = await LodeCli.RunAsync(Repo, "snapshots");
            var rebuild = await LodeCli.RunAsync(Repo, "catalog", "rebuild");

            LodeAssert.SameOutput(ls, listed.Stdout, "ls while the catalog is held");
            LodeAssert.SameOutput(snapshots, all.Stdout, "snapshots while the catalog is held");
            Assert.Empty(listed.Stderr);
            LodeAssert.OneLineError(rebuild);
            Assert.Contains("in use", rebuild.Stderr, StringComparison.Ordinal);
        }
    }
}
