using System.Text;

namespace Lode.Tests;

/// <summary>The search index carried from snapshot to snapshot: unchanged shards by reference, dead text dropped, small shards merged.</summary>
public sealed class IncrementalIndexTests : IDisposable
{
    private const int ShardSize = 64 << 10;
    private static readonly string[] Words = ["alpha", "beta", "gamma", "delta", "needle", "haystack", "lode", "shard", "suffix", "array"];

    private readonly string _dir = Directory.CreateTempSubdirectory("lode-incremental-index-").FullName;
    private readonly string _root;
    private readonly Random _random = new(12345);
    private int _generation;

    public IncrementalIndexTests()
    {
        _root = Path.Combine(_dir, "tree");
        Directory.CreateDirectory(_root);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void After_one_file_of_many_changes_only_its_text_is_indexed_and_little_is_stored()
    {
        for (int i = 0; i < 100; i++)
        {
            WriteFile($"d{i % 5}/f{i}.txt", 8 << 10);
        }
        using var repository = Repository.Init(Path.Combine(_dir, "repo"));
        var first = repository.CreateSnapshot(_root, Options);
        WriteFile("d2/f42.txt", 8 << 10);
        var second = repository.CreateSnapshot(_root, Options);

        Assert.True(first.IndexedTextBytes > 700 << 10, $"first snapshot indexed {first.IndexedTextBytes} bytes");
        Assert.True(second.CarriedIndexShards >= first.IndexShards - 2, $"{second.CarriedIndexShards} of {first.IndexShards} shards carried");
        // The changed file's text, plus at most one small shard's worth of re-indexed text.
        Assert.True(second.IndexedTextBytes <= (8 << 10) + ShardSize, $"second snapshot indexed {second.IndexedTextBytes} bytes");
        using (var view = repository.OpenSnapshot(second.Manifest))
        {
            Assert.True(view.QueryIndex!.BlobCount >= 100, "the index still covers every file");
        }
        Assert.True(second.BytesStored < first.BytesStored / 5, $"second snapshot stored {second.BytesStored} bytes, first {first.BytesStored}");
        AssertSearchMatchesTree(repository, second.Manifest);
    }

    [Fact]
    public void Search_agrees_with_a_scan_of_the_tree_through_many_generations_of_changes()
    {
        for (int i = 0; i < 60; i++)
        {
            WriteFile($"d{i % 3}/f{i}.txt", _random.Next(1, 24 << 10));
        }
        using var repository = Repository.Init(Path.Combine(_dir, "repo"));
        int carried = 0, rebuilt = 0;
        for (int generation = 0; generation < 12; generation++)
        {
            _generation = generation;
            if (generation > 0)
            {
                Mutate();
            }
            var result = repository.CreateSnapshot(_root, Options);
            AssertSearchMatchesTree(repository, result.Manifest);
            carried += result.CarriedIndexShards;
            long text = Directory.GetFiles(_root, "*.txt", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            Assert.True(result.IndexShards <= (2 * ((text / ShardSize) + 1)) + 4, $"{result.IndexShards} shards for {text} bytes of text");
            rebuilt += generation > 0 && result.IndexShards > result.CarriedIndexShards ? 1 : 0;
        }
        Assert.True(carried > 0 && rebuilt > 0, $"carried {carried} shards; built new shards in {rebuilt} generations");
    }

    [Fact]
    public void An_unchanged_tree_with_small_shards_between_big_files_re_indexes_at_most_once()
    {
        for (int i = 0; i < 8; i++)
        {
            WriteFile($"a{i}/small.txt", 4 << 10);
            WriteFile($"a{i}/z-big.txt", ShardSize + (8 << 10)); // a shard of its own, leaving the one before it small
        }
        using var repository = Repository.Init(Path.Combine(_dir, "repo"));
        var first = repository.CreateSnapshot(_root, Options);
        var second = repository.CreateSnapshot(_root, Options);
        var third = repository.CreateSnapshot(_root, Options);

        Assert.True(first.IndexShards >= 12, $"{first.IndexShards} shards");
        // The second merges the small shards sealed before each big file into one; from then on nothing is re-indexed.
        Assert.True(second.IndexShards < first.IndexShards, $"{second.IndexShards} shards after {first.IndexShards}");
        Assert.True(second.IndexedTextBytes <= 8 * (4 << 10), $"{second.IndexedTextBytes} bytes re-indexed");
        Assert.Equal(second.IndexShards, third.CarriedIndexShards);
        Assert.Equal(0, third.IndexedTextBytes);
        AssertSearchMatchesTree(repository, third.Manifest);
    }

    [Fact]
    public void An_index_whose_files_all_vanish_carries_nothing()
    {
        for (int i = 0; i < 20; i++)
        {
            WriteFile($"f{i}.txt", 16 << 10);
        }
        using var repository = Repository.Init(Path.Combine(_dir, "repo"));
        repository.CreateSnapshot(_root, Options);
        foreach (string file in Directory.GetFiles(_root))
        {
            File.Delete(file);
        }
        WriteFile("only.txt", 1 << 10);
        var second = repository.CreateSnapshot(_root, Options);

        using var view = repository.OpenSnapshot(second.Manifest);
        Assert.Single(view.QueryIndex!.Shards.ToArray());
        AssertSearchMatchesTree(repository, second.Manifest);
    }

    private static SnapshotOptions Options => new() { IndexShardSize = ShardSize };

    private void Mutate()
    {
        var files = Directory.GetFiles(_root, "*", SearchOption.AllDirectories);
        foreach (string file in files)
        {
            int roll = _random.Next(100);
            if (roll < 10)
            {
                File.Delete(file);
            }
            else if (roll < 25)
            {
                WriteFile(Path.GetRelativePath(_root, file), _random.Next(1, 24 << 10));
            }
            else if (roll < 30)
            {
                // A copy of another file: indexed once.
                string source = files[_random.Next(files.Length)];
                if (!File.Exists(source))
                {
                    continue;
                }
                File.Copy(source, Path.Combine(_root, $"copy{_generation}-{_random.Next()}.txt"), overwrite: true);
            }
        }
        for (int i = _random.Next(6); i > 0; i--)
        {
            WriteFile($"d{_random.Next(4)}/new{_generation}-{i}.txt", _random.Next(1, 24 << 10));
        }
        if (_random.Next(4) == 0)
        {
            File.WriteAllBytes(Path.Combine(_root, $"binary{_generation}.bin"), [1, 0, 2, 0, 3]);
        }
    }

    private void WriteFile(string relative, int size)
    {
        string path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var text = new StringBuilder();
        while (text.Length < size)
        {
            text.Append(Words[_random.Next(Words.Length)]).Append(_random.Next(1000)).Append(_random.Next(8) == 0 ? '\n' : ' ');
        }
        File.WriteAllText(path, text.ToString(0, size));
        // A distinct modification time, so a rewritten file is never taken for unchanged.
        File.SetLastWriteTimeUtc(path, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(_random.Next(1_000_000_000)));
    }

    private void AssertSearchMatchesTree(Repository repository, SnapshotManifest manifest)
    {
        using var view = repository.OpenSnapshot(manifest);
        foreach (string pattern in new[] { "needle", "lode7", "beta12 ", "a", "zzz", "" })
        {
            var found = new List<string>();
            view.Search(Encoding.UTF8.GetBytes(pattern), long.MaxValue, (path, line, content) => found.Add($"{path}:{line}:{Encoding.UTF8.GetString(content)}"));
            var expected = ScanTree(pattern);
            found.Sort(StringComparer.Ordinal);
            Assert.Equal(expected, found);
        }
    }

    private List<string> ScanTree(string pattern)
    {
        var lines = new List<string>();
        foreach (string file in Directory.GetFiles(_root, "*", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(file);
            if (bytes.Contains((byte)0))
            {
                continue;
            }
            string relative = Path.GetRelativePath(_root, file).Replace('\\', '/');
            var content = Encoding.UTF8.GetString(bytes).Split('\n');
            int count = bytes.Length > 0 && bytes[^1] == '\n' ? content.Length - 1 : content.Length;
            for (int i = 0; i < count; i++)
            {
                if (content[i].Contains(pattern, StringComparison.Ordinal))
                {
                    lines.Add($"{relative}:{i + 1}:{content[i]}");
                }
            }
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
