using System.Text;

namespace Lode.Tests;

/// <summary>
/// How a search is answered: located through the FM-index where the pattern is rare, scanned where it is frequent or
/// where the snapshot has no index yet — always the same lines as a scan of the tree.
/// </summary>
public sealed class SearchPlanTests : IDisposable
{
    private static readonly string[] Words = ["alpha", "beta", "gamma", "needle", "lode", "shard", "{", ";", "e"];
    private readonly string _dir = Directory.CreateTempSubdirectory("lode-search-plan-").FullName;
    private readonly string _root;

    public SearchPlanTests()
    {
        _root = Path.Combine(_dir, "tree");
        var random = new Random(99);
        for (int i = 0; i < 40; i++)
        {
            var text = new StringBuilder();
            while (text.Length < 6000)
            {
                text.Append(Words[random.Next(Words.Length)]).Append(random.Next(100)).Append(random.Next(5) == 0 ? "\n" : " ");
            }
            string path = Path.Combine(_root, $"d{i % 4}", $"f{i}.txt");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text.ToString());
        }
        File.WriteAllText(Path.Combine(_root, "same-a.txt"), "needle twice\nnot here\n");
        File.WriteAllText(Path.Combine(_root, "same-b.txt"), "needle twice\nnot here\n");
        File.WriteAllBytes(Path.Combine(_root, "binary.bin"), [.. "needle"u8, 0, .. "needle"u8]);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Rare patterns are located, "e" and " " (thousands of hits per shard) make their shards scan: every
    /// plan prints what a scan of the tree finds.</summary>
    [Theory]
    [InlineData("needle")]
    [InlineData("needle twice")]
    [InlineData("gamma42 ")]
    [InlineData("e")]
    [InlineData(" ")]
    [InlineData("absent-literal")]
    [InlineData("")]
    public void Located_and_scanned_shards_print_what_a_scan_of_the_tree_finds(string pattern)
    {
        using var repository = Repository.Init(Path.Combine(_dir, "repo"));
        var indexed = repository.CreateSnapshot(_root, new SnapshotOptions { IndexShardSize = 32 << 10 }).Manifest;
        using var view = repository.OpenSnapshot(indexed);
        Assert.NotNull(view.QueryIndex);
        Assert.Equal(ScanTree(pattern), Search(view, pattern));
    }

    [Fact]
    public void A_frequent_pattern_scans_its_shards_and_a_rare_one_is_located_where_that_is_cheaper()
    {
        using var repository = Repository.Init(Path.Combine(_dir, "repo"));
        var manifest = repository.CreateSnapshot(_root, new SnapshotOptions { IndexShardSize = 32 << 10 }).Manifest;
        using var view = repository.OpenSnapshot(manifest);
        var index = view.QueryIndex!;

        var frequent = index.FindMatches("e"u8.ToArray());
        var rare = index.FindMatches("needle twice"u8.ToArray());

        Assert.Contains(true, frequent.ScannedShards);
        Assert.DoesNotContain(frequent.Located.Keys, blob => frequent.ScannedShards[index.ShardOf(blob)]);
        // The two identical files are one blob, located or left to a scan of its (small) shard.
        Assert.Equal(1, rare.Located.Count + rare.ScannedShards.Count(scan => scan));
    }

    /// <summary>On a 64 MiB shard (an FM-index of about 18 MB), a few occurrences are located; hundreds of thousands, or
    /// enough to make the LF walks load most of the index, are cheaper to scan.</summary>
    [Theory]
    [InlineData(1, false)]
    [InlineData(20, false)]
    [InlineData(10_000, true)]
    [InlineData(1_000_000, true)]
    public void The_cost_model_locates_few_occurrences_and_scans_many(long count, bool scan)
    {
        var shard = new IndexFormat.ShardRecord(0, 18 << 20, 64 << 20, 0, 1, UInt128.Zero);
        Assert.Equal(scan, SearchIndex.ScanIsCheaper(shard, count));
    }

    [Fact]
    public void A_snapshot_without_an_index_is_scanned_until_index_build_adds_one()
    {
        using var repository = Repository.Init(Path.Combine(_dir, "repo"));
        var result = repository.CreateSnapshot(_root, new SnapshotOptions { Index = false });
        Assert.Equal(0, result.IndexBytes);
        Assert.False(Directory.Exists(Path.Combine(_dir, "repo", "indexes", result.Manifest.Id)), "a snapshot taken without an index stored one");
        using (var view = repository.OpenSnapshot(result.Manifest))
        {
            Assert.Null(view.QueryIndex);
            Assert.Equal(ScanTree("needle"), Search(view, "needle"));
            view.Check(readData: true);
        }

        repository.BuildIndex(result.Manifest);

        using (var view = repository.OpenSnapshot(result.Manifest))
        {
            Assert.NotNull(view.QueryIndex);
            Assert.Equal(ScanTree("needle"), Search(view, "needle"));
            view.Check(readData: true);
        }
    }

    [Fact]
    public void Rebuilding_an_index_that_a_later_index_carries_from_keeps_both_searchable()
    {
        using var repository = Repository.Init(Path.Combine(_dir, "repo"));
        var first = repository.CreateSnapshot(_root, new SnapshotOptions { IndexShardSize = 32 << 10 }).Manifest;
        File.AppendAllText(Path.Combine(_root, "d0", "f0.txt"), "\nneedle added later\n");
        var second = repository.CreateSnapshot(_root, new SnapshotOptions { IndexShardSize = 32 << 10 });
        Assert.True(second.CarriedIndexShards > 0, "the second index carries shards of the first");

        repository.BuildIndex(first);

        // The first snapshot's old index is still referred to by the second's: it stays, beside the new one.
        Assert.Equal(2, Directory.GetFiles(Path.Combine(_dir, "repo", "indexes", first.Id)).Length);
        using var view = repository.OpenSnapshot(second.Manifest);
        Assert.Equal(ScanTree("needle"), Search(view, "needle"));
        view.Check(readData: true);
    }

    /// <summary>Three snapshots (the second carries shards of the first, the third has no index): searching them all
    /// reports each (path, line, text) once with the snapshots that hold it — the union of the single-snapshot searches.</summary>
    [Theory]
    [InlineData("needle")]
    [InlineData("e")]
    [InlineData("gamma4")]
    public void Searching_every_snapshot_reports_each_distinct_line_once_with_its_snapshots(string pattern)
    {
        using var repository = Repository.Init(Path.Combine(_dir, "repo"));
        var options = new SnapshotOptions { IndexShardSize = 32 << 10 };
        repository.CreateSnapshot(_root, options);
        File.AppendAllText(Path.Combine(_root, "d1", "f1.txt"), "\nneedle in the second\n");
        File.Delete(Path.Combine(_root, "same-b.txt"));
        repository.CreateSnapshot(_root, options);
        File.WriteAllText(Path.Combine(_root, "d2", "new.txt"), "a third needle, gamma42\n");
        repository.CreateSnapshot(_root, new SnapshotOptions { Index = false });

        var expected = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var manifest in repository.ListSnapshots())
        {
            using var view = repository.OpenSnapshot(manifest);
            foreach (string line in Search(view, pattern))
            {
                if (!expected.TryGetValue(line, out var ids))
                {
                    expected.Add(line, ids = []);
                }
                ids.Add(manifest.Id);
            }
        }
        var found = new List<string>();
        long reported = repository.SearchAll(Encoding.UTF8.GetBytes(pattern), long.MaxValue, (snapshots, path, line, content) =>
            found.Add($"{string.Join(',', snapshots.Select(m => m.Id))}|{path}:{line}:{Encoding.UTF8.GetString(content)}"));

        Assert.Equal(found.Count, reported);
        Assert.Equal(expected.Select(e => $"{string.Join(',', e.Value)}|{e.Key}").Order(StringComparer.Ordinal), found.Order(StringComparer.Ordinal));
        Assert.Contains(found, f => f.Split('|')[0].Contains(',', StringComparison.Ordinal)); // some lines are in several snapshots
    }

    /// <summary>ripgrep decodes a file that starts with a UTF-8 byte order mark without it: lode prints its first line
    /// without the mark too, located or scanned.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_byte_order_mark_is_not_printed(bool index)
    {
        string tree = Path.Combine(_dir, "bom");
        Directory.CreateDirectory(tree);
        File.WriteAllBytes(Path.Combine(tree, "bom.txt"), [0xEF, 0xBB, 0xBF, .. "Copyright needle\nneedle again\n"u8]);
        using var repository = Repository.Init(Path.Combine(_dir, "repo"));
        using var view = repository.OpenSnapshot(repository.CreateSnapshot(tree, new SnapshotOptions { Index = index }).Manifest);

        Assert.Equal(["bom.txt:1:Copyright needle", "bom.txt:2:needle again"], Search(view, "needle"));
        Assert.Equal(["bom.txt:1:Copyright needle"], Search(view, "Copyright"));
    }

    private static List<string> Search(SnapshotView view, string pattern)
    {
        var found = new List<string>();
        view.Search(Encoding.UTF8.GetBytes(pattern), long.MaxValue, (path, line, content) => found.Add($"{path}:{line}:{Encoding.UTF8.GetString(content)}"));
        return found;
    }

    /// <summary>Every line of every text file of the tree holding <paramref name="pattern"/>, in the order search prints them.</summary>
    private List<string> ScanTree(string pattern)
    {
        var lines = new List<(string Path, int Line, string Text)>();
        foreach (string file in Directory.GetFiles(_root, "*", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(file);
            if (bytes.Contains((byte)0))
            {
                continue;
            }
            string relative = Path.GetRelativePath(_root, file);
            var content = Encoding.UTF8.GetString(bytes).Split('\n');
            int count = bytes.Length > 0 && bytes[^1] == '\n' ? content.Length - 1 : content.Length;
            for (int i = 0; i < count; i++)
            {
                if (content[i].Contains(pattern, StringComparison.Ordinal))
                {
                    lines.Add((relative, i + 1, content[i]));
                }
            }
        }
        return [.. lines.OrderBy(l => l.Path, StringComparer.Ordinal).ThenBy(l => l.Line).Select(l => $"{l.Path}:{l.Line}:{l.Text}")];
    }
}
