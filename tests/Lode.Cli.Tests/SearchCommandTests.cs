using System.Text;
using System.Text.Json;
using Lode.Cli.Commands;

namespace Lode.Cli.Tests;

/// <summary>
/// <c>lode search</c>'s output modes on a small tree, against what <c>rg -F -uu --sort path --no-heading</c> (with
/// <c>-n</c>, <c>-c</c> or <c>-l</c>) prints in that tree; the acceptance tests compare with rg itself on real trees.
/// </summary>
public sealed class SearchCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lode-cli-search-").FullName;
    private readonly string _repo;

    public SearchCommandTests()
    {
        string tree = Path.Combine(_dir, "tree");
        Write(tree, "a.txt", "ab\nxx\nab ab\n");
        Write(tree, "b/c.txt", "no\nlast ab");
        Write(tree, "b.txt", "café ab\r\n\n");
        Write(tree, "empty", "");
        Write(tree, "binary", "ab\0ab\n");
        _repo = Path.Combine(_dir, "repo");
        using var repository = Repository.OpenOrInit(_repo);
        repository.CreateSnapshot(tree);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(false, false, long.MaxValue, "a.txt:1:ab\na.txt:3:ab ab\nb/c.txt:2:last ab\nb.txt:1:café ab\r\n")]
    [InlineData(true, false, long.MaxValue, "a.txt:2\nb/c.txt:1\nb.txt:1\n")]
    [InlineData(true, false, 1L, "a.txt:1\nb/c.txt:1\nb.txt:1\n")]
    [InlineData(false, true, long.MaxValue, "a.txt\nb/c.txt\nb.txt\n")]
    [InlineData(false, true, 1L, "a.txt\nb/c.txt\nb.txt\n")]
    [InlineData(true, true, long.MaxValue, "a.txt:2\nb/c.txt:1\nb.txt:1\n")]
    [InlineData(true, false, 0L, "")]
    [InlineData(false, true, 0L, "")]
    public void Each_output_mode_prints_what_ripgrep_prints(bool count, bool filesWithMatches, long maxCount, string expected)
    {
        // rg 13 prints counts for 'rg -c -l' and 'rg -l -c' alike: --count wins.
        var (printed, found) = Print("ab", maxCount, SearchCommand.ChooseOutput(count, filesWithMatches), json: false);

        Assert.Equal(expected, printed);
        Assert.Equal(expected.Length > 0, found > 0);
    }

    [Fact]
    public void An_empty_pattern_counts_every_line_of_every_text_file_and_none_of_an_empty_file()
    {
        Assert.Equal("a.txt:3\nb/c.txt:2\nb.txt:2\n", Print("", long.MaxValue, SearchOutput.Count, json: false).Output);
        Assert.Equal("a.txt\nb/c.txt\nb.txt\n", Print("", long.MaxValue, SearchOutput.FilesWithMatches, json: false).Output);
    }

    [Fact]
    public void Json_counts_and_paths_are_one_object_per_matching_file()
    {
        var counts = JsonLines(Print("ab", long.MaxValue, SearchOutput.Count, json: true).Output)
            .Select(o => (o.GetProperty("path").GetString(), o.GetProperty("count").GetInt64()));
        var paths = JsonLines(Print("ab", long.MaxValue, SearchOutput.FilesWithMatches, json: true).Output).ToList();

        Assert.Equal([("a.txt", 2L), ("b/c.txt", 1L), ("b.txt", 1L)], counts);
        Assert.Equal(["a.txt", "b/c.txt", "b.txt"], paths.Select(o => o.GetProperty("path").GetString()));
        Assert.All(paths, o => Assert.Single(o.EnumerateObject()));
    }

    [Fact]
    public void Json_lines_carry_path_line_and_text()
    {
        var lines = JsonLines(Print("café", long.MaxValue, SearchOutput.Lines, json: true).Output).ToList();

        var line = Assert.Single(lines);
        Assert.Equal(("b.txt", 1L, "café ab\r"), (line.GetProperty("path").GetString(), line.GetProperty("line").GetInt64(), line.GetProperty("text").GetString()));
    }

    [Theory]
    [InlineData("-c")]
    [InlineData("-l")]
    [InlineData("--count")]
    [InlineData("--files-with-matches")]
    [InlineData("-c -l")]
    [InlineData("-c --json")]
    public void Count_and_files_with_matches_exit_1_when_nothing_matches(string flags)
    {
        Assert.Equal(ExitCodes.NotFound, Cli.Run(["--repo", _repo, "search", .. flags.Split(' '), "no-such-text"]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-c")]
    [InlineData("-l")]
    public void A_pattern_with_a_newline_is_an_error(string flags)
    {
        string[] options = flags.Length == 0 ? [] : [flags];

        Assert.Equal(ExitCodes.Error, Cli.Run(["--repo", _repo, "search", .. options, "ab\nxx"]));
    }

    [Fact]
    public void An_empty_pattern_matches_and_exits_0()
    {
        Assert.Equal(ExitCodes.Ok, Cli.Run(["--repo", _repo, "search", "-l", ""]));
    }

    private (string Output, long Found) Print(string pattern, long maxCount, SearchOutput output, bool json)
    {
        using var repository = Repository.Open(_repo);
        using var view = repository.OpenSnapshot("latest");
        using var stdout = new MemoryStream();
        long found = SearchCommand.Print(view, Encoding.UTF8.GetBytes(pattern), maxCount, output, json, stdout);
        return (Encoding.UTF8.GetString(stdout.ToArray()), found);
    }

    private static IEnumerable<JsonElement> JsonLines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement);

    private static void Write(string root, string path, string text)
    {
        string full = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }
}
