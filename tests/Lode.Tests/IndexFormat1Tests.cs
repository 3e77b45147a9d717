using System.Text;

namespace Lode.Tests;

/// <summary>A repository written by the release before search index format 2 (Fixtures/index-format-1) stays readable.</summary>
public sealed class IndexFormat1Tests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lode-format1-").FullName;
    private readonly string _repository;

    public IndexFormat1Tests()
    {
        _repository = Path.Combine(_dir, "repo");
        CopyDirectory(Path.Combine(AppContext.BaseDirectory, "Fixtures", "index-format-1"), _repository);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_snapshot_with_a_format_1_index_is_searched_by_scanning_and_checked()
    {
        using var repository = Repository.Open(_repository);
        using var view = repository.OpenSnapshot("v1");
        Assert.Null(view.QueryIndex); // Format 1 is no longer queried: the snapshot is scanned.
        var lines = new List<string>();
        view.Search("needle"u8, long.MaxValue, (path, line, content) => lines.Add($"{path}:{line}:{Encoding.UTF8.GetString(content)}"));
        Assert.Equal(["docs/a.txt:2:needle in a haystack", "src/copy.txt:2:needle in a haystack", "src/main.c:1:int main() { return 0; } // needle"], lines);
        view.Check(readData: true);
    }

    [Fact]
    public void A_new_snapshot_after_a_format_1_one_writes_an_index_of_the_current_format()
    {
        string tree = Path.Combine(_dir, "tree");
        Directory.CreateDirectory(tree);
        File.WriteAllText(Path.Combine(tree, "a.txt"), "hello format one\nneedle in a haystack\n");
        using var repository = Repository.Open(_repository);
        var result = repository.CreateSnapshot(tree);
        using var view = repository.OpenSnapshot(result.Manifest);
        Assert.NotNull(view.QueryIndex);
        int matches = 0;
        view.Search("haystack"u8, long.MaxValue, (_, _, _) => matches++);
        Assert.Equal(1, matches);
        view.Check(readData: true);
    }

    /// <summary>Copies every file under <paramref name="from"/> to the same relative path under <paramref name="to"/>.</summary>
    internal static void CopyDirectory(string from, string to)
    {
        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
