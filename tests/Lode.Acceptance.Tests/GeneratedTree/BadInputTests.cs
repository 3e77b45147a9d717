using Lode.Acceptance.Tests.Fixtures;
using Lode.Acceptance.Tests.Harness;

namespace Lode.Acceptance.Tests.GeneratedTree;

[Collection(GeneratedTreeCollection.Name)]
public sealed class BadInputTests(GeneratedTreeFixture fixture)
{
    [Theory]
    [InlineData("ls", "no-such-snapshot")]
    [InlineData("ls", "no-such-snapshot:deep")]
    [InlineData("cat", "no-such-snapshot:README.md")]
    [InlineData("ls", "latest:no/such/dir")]
    [InlineData("cat", "latest:no/such/file")]
    [InlineData("cat", "latest:deep")]
    [InlineData("cat", "latest:")]
    public async Task Unknown_snapshots_missing_paths_and_cat_of_a_directory_are_one_line_errors(string command, string argument)
    {
        var result = await LodeCli.RunAsync(fixture.Repo, command, argument);

        LodeAssert.OneLineError(result);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Search_in_an_unknown_snapshot_exits_2_not_1()
    {
        var result = await LodeCli.RunAsync(fixture.Repo, "search", "hello", "no-such-snapshot");

        LodeAssert.OneLineError(result);
    }

    [Theory]
    [InlineData("")]
    [InlineData("--count")]
    [InlineData("--files-with-matches")]
    public async Task A_search_pattern_with_a_newline_is_a_one_line_error_as_in_ripgrep(string flag)
    {
        // rg 13 exits 2 too: "the literal '\n' is not allowed in a regex".
        string[] flags = flag.Length == 0 ? [] : [flag];

        var result = await LodeCli.RunAsync(fixture.Repo, ["search", .. flags, "hello\nworld"]);

        LodeAssert.OneLineError(result);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task A_repository_that_does_not_exist_is_a_one_line_error()
    {
        using var work = new TempDirectory();

        var result = await LodeCli.RunAsync(work.Combine("nothing-here"), "ls", "latest");

        LodeAssert.OneLineError(result);
    }

    [Fact]
    public async Task Restore_refuses_to_write_through_a_symlink_that_leads_out_of_the_target()
    {
        using var work = new TempDirectory();
        string outside = Directory.CreateDirectory(work.Combine("outside")).FullName;
        string target = Directory.CreateDirectory(work.Combine("target")).FullName;
        File.CreateSymbolicLink(Path.Combine(target, "deep"), outside);

        var result = await LodeCli.RunAsync(fixture.Repo, "restore", "latest", target);

        LodeAssert.PartlyRestored(result, "'deep': ");
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
    }
}
