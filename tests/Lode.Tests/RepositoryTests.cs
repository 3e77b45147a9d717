using System.Text;

namespace Lode.Tests;

/// <summary>The engine in process: snapshot a generated tree, then search, read and check it.</summary>
public sealed class RepositoryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lode-engine-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string MakeTree(int seed, int files)
    {
        string root = Path.Combine(_dir, "tree");
        var random = new Random(seed);
        string[] words = ["alpha", "beta", "gamma", "delta", "ab", "ba", "x", "\r", " "];
        for (int i = 0; i < files; i++)
        {
            string dir = Path.Combine(root, $"d{i % 5}", i % 3 == 0 ? "sub" : "");
            Directory.CreateDirectory(dir);
            var text = new StringBuilder();
            int lines = random.Next(0, 40);
            for (int l = 0; l < lines; l++)
            {
                for (int w = random.Next(0, 6); w > 0; w--)
                {
                    text.Append(words[random.Next(words.Length)]);
                }
                text.Append('\n');
            }
            if (random.Next(4) == 0)
            {
                text.Append("tail-without-newline");
            }
            File.WriteAllText(Path.Combine(dir, $"f{i}.txt"), text.ToString());
        }
        // Identical files, and a binary file holding text that must never match.
        File.WriteAllText(Path.Combine(root, "same1.txt"), "alpha beta\n");
        File.WriteAllText(Path.Combine(root, "same2.txt"), "alpha beta\n");
        File.WriteAllBytes(Path.Combine(root, "binary.bin"), [.. "alpha\n"u8, 0, .. "beta\n"u8]);
        return root;
    }

    /// <summary>The lines a literal search must print: every non-binary file, path order, each line once.</summary>
    private static List<string> Naive(string root, string pattern)
    {
        var result = new List<string>();
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f)).Order(PathOrder.Instance);
        byte[] p = Encoding.UTF8.GetBytes(pattern);
        foreach (string relative in files)
        {
            byte[] bytes = File.ReadAllBytes(Path.Combine(root, relative));
            if (bytes.Contains((byte)0))
            {
                continue;
            }
            var lines = Encoding.UTF8.GetString(bytes).Split('\n');
            int count = bytes.Length > 0 && bytes[^1] == '\n' ? lines.Length - 1 : lines.Length;
            for (int i = 0; i < count; i++)
            {
                if (Encoding.UTF8.GetBytes(lines[i]).AsSpan().IndexOf(p) >= 0)
                {
                    result.Add($"{relative}:{i + 1}:{lines[i]}");
                }
            }
        }
        return result;
    }

    [Fact]
    public void Search_over_many_small_shards_equals_a_naive_scan_and_never_matches_across_files()
    {
        string root = MakeTree(seed: 3, files: 120);
        using var repository = Repository.Init(Path.Combine(_dir, "repo"));
        // Tiny shards: every shard boundary and every file boundary is exercised.
        var result = repository.CreateSnapshot(root, new SnapshotOptions { IndexShardSize = 2048 });
        using var view = repository.OpenSnapshot(result.Manifest);
        // "newline" + a word can only occur across a file boundary: a file ending "tail-without-newline"
        // followed in its shard by a file starting with the word. Such matches must be dropped.
        string[] crossing = ["newlinealpha", "newlinebeta", "newlinegamma", "newlinedelta", "newlineab", "newlineba", "newlinex", "newline\r", "newline "];
        foreach (string pattern in crossing.Concat(["alpha", "ab", "ba", "x", "\r", "tail-without-newline", "aalpha", "ax", "nothing", "a b", "lpha\r"]))
        {
            var lines = new List<string>();
            view.Search(Encoding.UTF8.GetBytes(pattern), long.MaxValue,
                (path, line, content) => lines.Add($"{path}:{line}:{Encoding.UTF8.GetString(content)}"));
            Assert.Equal(Naive(root, pattern), lines);
        }
    }

    [Fact]
    public void Files_read_back_byte_for_byte_and_identical_files_share_one_blob()
    {
        string root = MakeTree(seed: 5, files: 30);
        using var repository = Repository.Init(Path.Combine(_dir, "repo"));
        var result = repository.CreateSnapshot(root);
        using var view = repository.OpenSnapshot(result.Manifest);
        foreach (var entry in view.Files.Entries.Where(e => e.Kind == FileKind.File))
        {
            using var copy = new MemoryStream();
            view.CopyFile(entry, 0, long.MaxValue, copy);
            Assert.Equal(File.ReadAllBytes(Path.Combine(root, entry.Path)), copy.ToArray());
        }
        Assert.Equal(view.QueryBlobOf(view.GetEntry("same1.txt")), view.QueryBlobOf(view.GetEntry("/same2.txt")));
        Assert.True(view.QueryBlobOf(view.GetEntry("same1.txt")) >= 0);
        Assert.Equal(-1, view.QueryBlobOf(view.GetEntry("binary.bin")));
        view.Check(readData: true);
    }

    [Fact]
    public void A_damaged_index_is_reported_as_corrupt_by_search_and_check()
    {
        string root = Path.Combine(_dir, "tree");
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "a.txt"), string.Concat(Enumerable.Repeat("needle in a haystack\n", 200)));
        string repoPath = Path.Combine(_dir, "repo");
        using var repository = Repository.Init(repoPath);
        var manifest = repository.CreateSnapshot(root).Manifest;
        // Flip a byte inside the shard's FM-index: the index container stores it uncompressed.
        string container = Assert.Single(Directory.GetFiles(Path.Combine(repoPath, "indexes", manifest.Id)));
        byte[] bytes = File.ReadAllBytes(container);
        int magic = bytes.AsSpan().IndexOf("LODEFMI"u8);
        Assert.True(magic > 0, "the shard's FM-index was not found in the index container");
        bytes[magic + 100] ^= 0x20;
        File.WriteAllBytes(container, bytes);
        using var view = repository.OpenSnapshot(manifest);
        var e = Assert.Throws<CorruptDataException>(() => view.Search("haystack"u8, long.MaxValue, (_, _, _) => { }));
        Assert.Contains("corrupt", e.Message, StringComparison.Ordinal);
        Assert.Throws<CorruptDataException>(() => view.Check(readData: true));
    }

    [Fact]
    public void Snapshots_resolve_by_id_prefix_tag_and_latest()
    {
        string root = MakeTree(seed: 7, files: 3);
        using var repository = Repository.Init(Path.Combine(_dir, "repo"));
        var first = repository.CreateSnapshot(root, new SnapshotOptions { Tag = "one" }).Manifest;
        var second = repository.CreateSnapshot(root).Manifest;
        Assert.Equal(second.Id, repository.ResolveSnapshot("latest").Id);
        Assert.Equal(first.Id, repository.ResolveSnapshot("one").Id);
        Assert.Equal(first.Id, repository.ResolveSnapshot(first.Id[..8]).Id);
        Assert.Throws<LodeException>(() => repository.ResolveSnapshot("nope"));
        Assert.Equal(2, repository.ListSnapshots().Count);
    }

    [Fact]
    public void A_snapshot_whose_manifest_was_never_written_is_invisible_and_harmless()
    {
        string root = MakeTree(seed: 9, files: 4);
        string repoPath = Path.Combine(_dir, "repo");
        using var repository = Repository.Init(repoPath);
        var kept = repository.CreateSnapshot(root).Manifest;
        var crashed = repository.CreateSnapshot(root).Manifest;
        // A writer killed before its last put leaves its data and index objects but no manifest.
        File.Delete(Path.Combine(repoPath, "snapshots", crashed.Id));
        Assert.Equal([kept.Id], repository.ListSnapshots().Select(m => m.Id));
        Assert.Equal(kept.Id, repository.ResolveSnapshot("latest").Id);
        using var view = repository.OpenSnapshot(repository.ResolveSnapshot("latest"));
        view.Check(readData: true);
        Assert.True(File.Exists(Path.Combine(repoPath, "data", crashed.Id)));
    }
}
