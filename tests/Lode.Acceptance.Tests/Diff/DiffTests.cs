using System.Text.Json;
using Lode.Acceptance.Tests.Harness;

namespace Lode.Acceptance.Tests.Diff;

public sealed class DiffTests
{
    private static async Task<string> Snapshot(string repo, string source, string tag)
    {
        var result = await LodeCli.RunAsync(repo, "snapshot", source, "--tag", tag);
        Assert.True(result.ExitCode == 0, result.Describe());
        return tag;
    }

    private static async Task<(TempDirectory Work, string Repo)> TwoSnapshots()
    {
        var work = new TempDirectory();
        string repo = work.Combine("repo");
        string src = Directory.CreateDirectory(work.Combine("src")).FullName;
        Directory.CreateDirectory(Path.Combine(src, "gone"));
        File.WriteAllText(Path.Combine(src, "gone", "a.txt"), "a");
        File.WriteAllText(Path.Combine(src, "same.txt"), "same");
        File.WriteAllText(Path.Combine(src, "edited.txt"), "before");
        File.WriteAllText(Path.Combine(src, "touched.txt"), "untouched contents");
        File.WriteAllText(Path.Combine(src, "chmod.sh"), "echo");
        File.CreateSymbolicLink(Path.Combine(src, "link"), "same.txt");
        await Snapshot(repo, src, "one");

        Directory.Delete(Path.Combine(src, "gone"), recursive: true);
        File.WriteAllText(Path.Combine(src, "edited.txt"), "after!");
        File.SetLastWriteTimeUtc(Path.Combine(src, "touched.txt"), DateTime.UtcNow.AddDays(-3));
        File.SetUnixFileMode(Path.Combine(src, "chmod.sh"), File.GetUnixFileMode(Path.Combine(src, "chmod.sh")) | UnixFileMode.UserExecute);
        File.Delete(Path.Combine(src, "link"));
        File.CreateSymbolicLink(Path.Combine(src, "link"), "edited.txt");
        Directory.CreateDirectory(Path.Combine(src, "new"));
        File.WriteAllText(Path.Combine(src, "new", "b.txt"), "bb");
        await Snapshot(repo, src, "two");
        return (work, repo);
    }

    [Fact]
    public async Task Diff_lists_added_removed_and_changed_paths_in_path_order_and_ignores_mtime_alone()
    {
        var (work, repo) = await TwoSnapshots();
        using (work)
        {
            var result = await LodeCli.RunAsync(repo, "diff", "one", "two");

            Assert.True(result.ExitCode == 0, result.Describe());
            var lines = result.StdoutText.Split('\n');
            string[] expected =
            [
                "M    /chmod.sh",
                "M    /edited.txt",
                "-    /gone/",
                "-    /gone/a.txt",
                "M    /link",
                "+    /new/",
                "+    /new/b.txt",
            ];
            Assert.Equal(expected, lines.TakeWhile(l => l.Length > 0));
            Assert.Contains("Files:  1 new, 1 removed, 2 changed", lines);
            Assert.Contains("Dirs:   1 new, 1 removed", lines);
        }
    }

    [Fact]
    public async Task Diff_json_prints_one_change_per_line_then_statistics()
    {
        var (work, repo) = await TwoSnapshots();
        using (work)
        {
            var result = await LodeCli.RunAsync(repo, "diff", "two", "one", "--json");

            Assert.True(result.ExitCode == 0, result.Describe());
            var objects = result.StdoutText.TrimEnd('\n').Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
            var changes = objects.Where(o => o.GetProperty("message_type").GetString() == "change").ToList();
            Assert.Equal(7, changes.Count);
            var added = changes.Single(c => c.GetProperty("path").GetString() == "/gone/a.txt");
            Assert.Equal("+", added.GetProperty("modifier").GetString());
            Assert.Equal("file", added.GetProperty("type").GetString());
            var edited = changes.Single(c => c.GetProperty("path").GetString() == "/edited.txt");
            Assert.Equal("M", edited.GetProperty("modifier").GetString());
            var statistics = objects[^1];
            Assert.Equal("statistics", statistics.GetProperty("message_type").GetString());
            Assert.Equal(1, statistics.GetProperty("files_added").GetInt64());
            Assert.Equal(1, statistics.GetProperty("files_removed").GetInt64());
        }
    }

    [Fact]
    public async Task Diff_of_a_snapshot_with_itself_is_empty()
    {
        var (work, repo) = await TwoSnapshots();
        using (work)
        {
            var result = await LodeCli.RunAsync(repo, "diff", "two", "latest");

            Assert.True(result.ExitCode == 0, result.Describe());
            Assert.StartsWith("\nFiles:  0 new, 0 removed, 0 changed", result.StdoutText);
        }
    }

    [Fact]
    public async Task Diff_with_an_unknown_snapshot_is_a_one_line_error()
    {
        var (work, repo) = await TwoSnapshots();
        using (work)
        {
            LodeAssert.OneLineError(await LodeCli.RunAsync(repo, "diff", "one", "nope"));
        }
    }
}
