using System.Text;

namespace Lode.Tests;

/// <summary><c>lode index build</c>: a snapshot's index rebuilt from its stored files, used by searches from then on.</summary>
public sealed class IndexBuildTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lode-index-build-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_format_1_index_rebuilt_answers_the_same_and_replaces_earlier_indexes()
    {
        string location = Path.Combine(_dir, "repo");
        IndexFormat1Tests.CopyDirectory(Path.Combine(AppContext.BaseDirectory, "Fixtures", "index-format-1"), location);
        using var repository = Repository.Open(location);
        var manifest = repository.ResolveSnapshot("v1");
        List<string> before;
        using (var view = repository.OpenSnapshot(manifest))
        {
            before = SearchAll(view, "needle");
        }
        repository.BuildIndex(manifest);
        var second = repository.BuildIndex(manifest, new IndexBuildOptions { MemoryBudget = 1 << 20 });

        using (var view = repository.OpenSnapshot(manifest))
        {
            Assert.NotNull(view.QueryIndex);
            Assert.Equal(before, SearchAll(view, "needle"));
            view.Check(readData: true);
        }
        Assert.Equal([second.Key], Directory.GetFiles(Path.Combine(location, "indexes", manifest.Id)).Select(f => Path.GetRelativePath(location, f)));
    }

    [Fact]
    public void An_index_built_under_a_tight_memory_budget_equals_one_built_without()
    {
        string tree = Path.Combine(_dir, "tree");
        var random = new Random(7);
        for (int i = 0; i < 30; i++)
        {
            var text = new StringBuilder();
            while (text.Length < 20_000)
            {
                text.Append("word").Append(random.Next(5000)).Append(random.Next(6) == 0 ? "\n" : " ");
            }
            Directory.CreateDirectory(Path.Combine(tree, $"d{i % 3}"));
            File.WriteAllText(Path.Combine(tree, $"d{i % 3}", $"f{i}.txt"), text.ToString());
        }
        using var repository = Repository.Init(Path.Combine(_dir, "repo"));
        var manifest = repository.CreateSnapshot(tree).Manifest;
        var patterns = new[] { "word42 ", "word4999", "word1", "", "absent" };
        List<string>[] expected;
        using (var view = repository.OpenSnapshot(manifest))
        {
            expected = [.. patterns.Select(p => SearchAll(view, p))];
        }
        // 600 KB of text in one shard: its in-memory construction does not fit 1 MiB, so it is built in external memory.
        var built = repository.BuildIndex(manifest, new IndexBuildOptions { MemoryBudget = 1 << 20 });

        Assert.True(built.TextBytes >= 600_000);
        using var rebuilt = repository.OpenSnapshot(manifest);
        Assert.EndsWith(built.Key, rebuilt.QueryIndex!.Where.Split(' ')[0], StringComparison.Ordinal);
        for (int i = 0; i < patterns.Length; i++)
        {
            Assert.Equal(expected[i], SearchAll(rebuilt, patterns[i]));
        }
        Assert.NotEmpty(expected[0]);
    }

    [Fact]
    public void A_damaged_stored_index_is_reported_never_used()
    {
        string tree = Path.Combine(_dir, "tree");
        Directory.CreateDirectory(tree);
        File.WriteAllText(Path.Combine(tree, "a.txt"), "a needle\n");
        string location = Path.Combine(_dir, "repo");
        using var repository = Repository.Init(location);
        var manifest = repository.CreateSnapshot(tree).Manifest;
        var built = repository.BuildIndex(manifest);
        string path = Path.Combine(location, built.Key);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(path, bytes);

        using var view = repository.OpenSnapshot(manifest);
        Assert.Throws<CorruptDataException>(() => SearchAll(view, "needle"));
        Assert.Throws<CorruptDataException>(() => view.Check(readData: true));
    }

    private static List<string> SearchAll(SnapshotView view, string pattern)
    {
        var lines = new List<string>();
        view.Search(Encoding.UTF8.GetBytes(pattern), long.MaxValue, (path, line, content) => lines.Add($"{path}:{line}:{Encoding.UTF8.GetString(content)}"));
        return lines;
    }
}
