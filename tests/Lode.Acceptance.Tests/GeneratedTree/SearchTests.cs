using System.Text;
using System.Text.Json;
using Lode.Acceptance.Tests.Corpus;
using Lode.Acceptance.Tests.Fixtures;
using Lode.Acceptance.Tests.Harness;

namespace Lode.Acceptance.Tests.GeneratedTree;

[Collection(GeneratedTreeCollection.Name)]
public sealed class SearchTests(GeneratedTreeFixture fixture)
{
    public static TheoryData<string> Literals => new(SearchLiterals.GeneratedTree);

    [Theory]
    [MemberData(nameof(Literals))]
    public async Task Search_prints_what_the_naive_oracle_finds_and_exits_0_or_1(string literal)
    {
        byte[] expected = fixture.Oracle.ExpectedOutput(Encoding.UTF8.GetBytes(literal));

        var result = await LodeCli.RunAsync(fixture.Repo, "search", literal);

        Assert.True(result.ExitCode == (expected.Length > 0 ? 0 : 1), $"wrong exit code for '{literal}': {result.Describe()}");
        LodeAssert.SameOutput(expected, result.Stdout, $"search '{literal}'");
    }

    [Theory]
    [MemberData(nameof(Literals))]
    public async Task Search_count_and_files_with_matches_print_what_the_naive_oracle_finds(string literal)
    {
        foreach (bool counts in new[] { true, false })
        {
            byte[] expected = fixture.Oracle.ExpectedPerFileOutput(Encoding.UTF8.GetBytes(literal), counts);

            var result = await LodeCli.RunAsync(fixture.Repo, "search", counts ? "--count" : "--files-with-matches", literal);

            Assert.True(result.ExitCode == (expected.Length > 0 ? 0 : 1), $"wrong exit code for '{literal}': {result.Describe()}");
            LodeAssert.SameOutput(expected, result.Stdout, $"search {(counts ? "-c" : "-l")} '{literal}'");
        }
    }

    [Fact]
    public async Task Search_in_a_snapshot_named_by_tag_equals_the_default_latest()
    {
        byte[] expected = fixture.Oracle.ExpectedOutput("hello"u8.ToArray());

        var result = await LodeCli.RunAsync(fixture.Repo, "search", "hello", GeneratedTreeFixture.Tag);

        LodeAssert.Succeeded(result);
        LodeAssert.SameOutput(expected, result.Stdout, "search hello by tag");
    }

    [Fact]
    public async Task Search_json_prints_one_object_per_matching_line()
    {
        var expected = fixture.Oracle.Search("order hello"u8.ToArray())
            .Select(hit => (hit.Path, (long)hit.Line, Encoding.UTF8.GetString(hit.Content)))
            .ToList();

        var result = await LodeCli.RunAsync(fixture.Repo, "search", "order hello", "--json");

        LodeAssert.Succeeded(result);
        var actual = LodeAssert.SplitLines(result.Stdout).Select(line =>
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            return (root.GetProperty("path").GetString()!, root.GetProperty("line").GetInt64(), root.GetProperty("text").GetString()!);
        }).ToList();
        Assert.Equal(expected, actual);
    }
}
