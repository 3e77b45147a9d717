using System.Text;
using Lode.Acceptance.Tests.Corpus;
using Lode.Acceptance.Tests.Fixtures;
using Lode.Acceptance.Tests.Harness;

namespace Lode.Acceptance.Tests.UsrInclude;

[Collection(UsrIncludeCollection.Name)]
public sealed class UsrIncludeTests(UsrIncludeFixture fixture)
{
    public static TheoryData<string> Literals => new(SearchLiterals.UsrInclude);

    /// <summary>Every literal and the empty pattern, with -c, -l and -c under --max-count.</summary>
    public static TheoryData<string, string> PerFileQueries
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (string literal in SearchLiterals.UsrInclude.Append(""))
            {
                data.Add(literal, "-c");
                data.Add(literal, "-l");
            }
            data.Add("int", "-c -m 3");
            data.Add("", "-c -l");
            return data;
        }
    }

    [Fact]
    public async Task Restore_reproduces_usr_include_exactly()
    {
        await RestoreCheck.AssertRestoresExactlyAsync(fixture.Repo, fixture.Snapshot.Id, UsrIncludeFixture.Root);
    }

    [Fact]
    public async Task Cat_of_random_ranges_equals_the_source()
    {
        var files = TreeWalker.Walk(UsrIncludeFixture.Root)
            .Where(entry => entry.Kind == EntryKind.File)
            .Select(entry => entry.RelativePath)
            .ToList();

        var failures = await CatSampler.CheckAsync(fixture.Repo, "latest", UsrIncludeFixture.Root, files, new Random(11), 50);

        Assert.True(failures.Count == 0, $"{failures.Count} of 50 cats were wrong:\n" + string.Join('\n', failures.Take(10)));
    }

    [Theory]
    [MemberData(nameof(Literals))]
    public async Task Search_prints_byte_for_byte_what_ripgrep_prints(string literal)
    {
        var reference = await Ripgrep.SearchAsync(UsrIncludeFixture.Root, literal);
        Assert.True(reference.ExitCode is 0 or 1, $"ripgrep failed: {reference.Describe()}");

        var result = await LodeCli.RunAsync(fixture.Repo, "search", literal);

        Assert.True(result.ExitCode == reference.ExitCode, $"rg exited {reference.ExitCode} for '{literal}': {result.Describe()}");
        LodeAssert.SameOutput(reference.Stdout, result.Stdout, $"search '{literal}' vs rg");
    }

    [Theory]
    [MemberData(nameof(PerFileQueries))]
    public async Task Search_count_and_files_with_matches_print_byte_for_byte_what_ripgrep_prints(string literal, string flags)
    {
        string[] options = flags.Split(' ');
        var reference = await Ripgrep.SearchAsync(UsrIncludeFixture.Root, literal, options);
        Assert.True(reference.ExitCode is 0 or 1, $"ripgrep failed: {reference.Describe()}");

        var result = await LodeCli.RunAsync(fixture.Repo, ["search", .. options, "--", literal]);

        Assert.True(result.ExitCode == reference.ExitCode, $"rg {flags} exited {reference.ExitCode} for '{literal}': {result.Describe()}");
        LodeAssert.SameOutput(reference.Stdout, result.Stdout, $"search {flags} '{literal}' vs rg");
    }

    [Fact]
    public async Task Search_json_line_count_equals_the_text_line_count()
    {
        var text = await LodeCli.RunAsync(fixture.Repo, "search", "SIGKILL");
        var json = await LodeCli.RunAsync(fixture.Repo, "search", "SIGKILL", "--json");

        LodeAssert.Succeeded(text);
        LodeAssert.Succeeded(json);
        Assert.Equal(text.Stdout.Count(b => b == (byte)'\n'), json.Stdout.Count(b => b == (byte)'\n'));
        Assert.Contains("\"path\"", Encoding.UTF8.GetString(json.Stdout), StringComparison.Ordinal);
    }
}
