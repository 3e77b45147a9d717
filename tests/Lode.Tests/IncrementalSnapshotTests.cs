using System.Text;

namespace Lode.Tests;

/// <summary>Repository-wide dedup, unchanged files taken without reading, and the reused search index.</summary>
public sealed class IncrementalSnapshotTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lode-incremental-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string MakeTree(string name, int seed)
    {
        string root = Path.Combine(_dir, name);
        var random = new Random(seed);
        for (int i = 0; i < 40; i++)
        {
            string dir = Path.Combine(root, $"d{i % 4}");
            Directory.CreateDirectory(dir);
            var text = new StringBuilder();
            for (int l = random.Next(1, 200); l > 0; l--)
            {
                text.Append($"line {random.Next()} of file {i} needle{i % 7}\n");
            }
            File.WriteAllText(Path.Combine(dir, $"f{i}.txt"), text.ToString());
        }
        var big = new byte[3 << 20];
        random.NextBytes(big);
        File.WriteAllBytes(Path.Combine(root, "big.bin"), big);
        return root;
    }

    private static List<string> SearchAll(SnapshotView view, string pattern)
    {
        var lines = new List<string>();
        view.Search(Encoding.UTF8.GetBytes(pattern), long.MaxValue, (path, line, content) => lines.Add($"{path}:{line}:{Encoding.UTF8.GetString(content)}"));
        return lines;
    }

    private static void AssertSameContents(SnapshotView view, string root)
    {
        foreach (var entry in view.Files.Entries.Where(e => e.Kind == FileKind.File))
        {
            var copy = new MemoryStream();
            view.CopyFile(entry, 0, long.MaxValue, copy);
            Assert.Equal(File.ReadAllBytes(Path.Combine(root, entry.Path)), copy.ToArray());
        }
    }

    [Fact]
    public void An_unchanged_tree_is_not_read_again_stores_almost_nothing_and_reuses_the_index()
    {
        string root = MakeTree("tree", 1);
        using var repository = Repository.Init(Path.Combine(_dir, "repo"));
        var first = repository.CreateSnapshot(root);
        var second = repository.CreateSnapshot(root);

        Assert.Equal(first.Manifest.Files, second.Manifest.UnchangedFiles);
        Assert.Equal(0, second.BytesRead);
        Assert.Equal(0, second.IndexedTextBytes);
        Assert.True(second.BytesStored < first.BytesStored / 20, $"second snapshot stored {second.BytesStored} bytes, first {first.BytesStored}");
        using var before = repository.OpenSnapshot(first.Manifest);
        using var after = repository.OpenSnapshot(second.Manifest);
        Assert.Equal(SearchAll(before, "needle3"), SearchAll(after, "needle3"));
        Assert.NotEmpty(SearchAll(after, "needle3"));
        AssertSameContents(after, root);
        after.Check(readData: true);
    }

    [Fact]
    public void A_changed_file_is_read_and_indexed_while_the_unchanged_ones_keep_their_matches()
    {
        string root = MakeTree("tree", 2);
        using var repository = Repository.Init(Path.Combine(_dir, "repo"));
        var first = repository.CreateSnapshot(root);
        string changed = Path.Combine(root, "d1", "f5.txt");
        File.AppendAllText(changed, "a brand-new needle\n");
        File.SetLastWriteTimeUtc(changed, DateTime.UtcNow.AddMinutes(1));
        var second = repository.CreateSnapshot(root);

        Assert.Equal(first.Manifest.Files - 1, second.Manifest.UnchangedFiles);
        Assert.Equal(new FileInfo(changed).Length, second.BytesRead);
        using var view = repository.OpenSnapshot(second.Manifest);
        Assert.Equal(["d1/f5.txt"], SearchAll(view, "brand-new").Select(l => l.Split(':')[0]));
        Assert.Equal(File.ReadAllLines(Path.Combine(root, "d0", "f0.txt")).Count(l => l.Contains("needle0", StringComparison.Ordinal)),
            SearchAll(view, "needle0").Count(l => l.StartsWith("d0/f0.txt:", StringComparison.Ordinal)));
        AssertSameContents(view, root);
        view.Check(readData: true);
    }

    [Fact]
    public void A_second_source_holding_the_same_files_stores_only_what_is_new()
    {
        string a = MakeTree("a", 3);
        string b = Path.Combine(_dir, "b");
        Directory.CreateDirectory(b);
        File.Copy(Path.Combine(a, "big.bin"), Path.Combine(b, "big.bin"));
        File.WriteAllText(Path.Combine(b, "new.txt"), "only in b\n");
        using var repository = Repository.Init(Path.Combine(_dir, "repo"));
        var first = repository.CreateSnapshot(a);
        var second = repository.CreateSnapshot(b);

        Assert.Equal(0, second.Manifest.UnchangedFiles);
        Assert.True(second.BytesStored < (3 << 20) / 10, $"the copy of big.bin was stored again: {second.BytesStored} bytes");
        using var view = repository.OpenSnapshot(second.Manifest);
        AssertSameContents(view, b);
    }

    [Fact]
    public void One_KiB_inserted_at_the_front_of_a_big_file_adds_well_under_ten_percent_of_it()
    {
        string root = Path.Combine(_dir, "shift");
        Directory.CreateDirectory(root);
        var data = new byte[8 << 20];
        new Random(4).NextBytes(data);
        string path = Path.Combine(root, "big.bin");
        File.WriteAllBytes(path, data);
        using var repository = Repository.Init(Path.Combine(_dir, "repo"));
        repository.CreateSnapshot(root);
        var prefix = new byte[1024];
        new Random(5).NextBytes(prefix);
        File.WriteAllBytes(path, [.. prefix, .. data]);
        var second = repository.CreateSnapshot(root);

        Assert.True(second.BytesStored < data.Length / 10, $"{second.BytesStored} bytes stored for a 1 KiB change of an 8 MiB file");
        using var view = repository.OpenSnapshot(second.Manifest);
        AssertSameContents(view, root);
    }

    [Fact]
    public void Snapshots_stay_readable_through_parent_chains()
    {
        string root = MakeTree("tree", 6);
        using var repository = Repository.Init(Path.Combine(_dir, "repo"));
        var snapshots = new List<SnapshotManifest>();
        for (int i = 0; i < 3; i++)
        {
            File.WriteAllText(Path.Combine(root, $"gen{i}.txt"), $"generation {i}\n");
            snapshots.Add(repository.CreateSnapshot(root).Manifest);
        }
        using var last = repository.OpenSnapshot(snapshots[^1]);
        AssertSameContents(last, root);
        Assert.Equal(3, SearchAll(last, "generation").Count);
        last.Check(readData: true);
    }
}
