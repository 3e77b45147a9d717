using System.Text;
using Lode.Acceptance.Tests.Corpus;
using Lode.Acceptance.Tests.Fixtures;
using Lode.Acceptance.Tests.Harness;

namespace Lode.Acceptance.Tests.GeneratedTree;

/// <summary>Each test damages its own copy of the fixture's repository.</summary>
[Collection(GeneratedTreeCollection.Name)]
public sealed class DamageTests(GeneratedTreeFixture fixture)
{
    [Fact]
    public async Task Check_passes_on_an_intact_repository()
    {
        LodeAssert.Succeeded(await LodeCli.RunAsync(fixture.Repo, "check"));
        LodeAssert.Succeeded(await LodeCli.RunAsync(fixture.Repo, TimeSpan.FromMinutes(5), "check", "--read-data"));
    }

    [Theory]
    [InlineData("data")]
    [InlineData("index")]
    public async Task A_flipped_byte_in_a_stored_object_fails_check_read_data_as_corrupt(string objectKind)
    {
        using var work = new TempDirectory();
        string repo = DamagedCopy(work, objectKind);

        var result = await LodeCli.RunAsync(repo, TimeSpan.FromMinutes(5), "check", "--read-data");

        LodeAssert.FailedCorrupt(result);
    }

    [Fact]
    public async Task A_flipped_byte_in_the_snapshot_container_fails_cat_without_printing_a_wrong_byte()
    {
        using var work = new TempDirectory();
        string repo = DamagedCopy(work, "data");

        var result = await LodeCli.RunAsync(repo, "cat", $"latest:{TreeGenerator.BigFile}");

        LodeAssert.FailedCorrupt(result);
        byte[] source = File.ReadAllBytes(Path.Combine(fixture.Root, TreeGenerator.BigFile));
        Assert.True(result.Stdout.Length < source.Length, "cat printed the whole file although a block of it is damaged");
        Assert.True(source.AsSpan(0, result.Stdout.Length).SequenceEqual(result.Stdout),
            $"cat printed {result.Stdout.Length} bytes that are not a prefix of the true content");
    }

    [Fact]
    public async Task A_flipped_byte_in_the_snapshot_container_fails_the_files_it_touches_and_leaves_no_wrong_file()
    {
        using var work = new TempDirectory();
        string repo = DamagedCopy(work, "data");
        string target = work.Combine("restored");

        var result = await LodeCli.RunAsync(repo, TimeSpan.FromMinutes(5), "restore", "latest", target);

        // A damaged block fails the files it holds (each named); a damaged header or table fails the whole restore.
        if (result.ExitCode == 3)
        {
            LodeAssert.PartlyRestored(result, "corrupt");
        }
        else
        {
            LodeAssert.FailedCorrupt(result);
        }
        if (Directory.Exists(target))
        {
            var wrong = TreeComparer.WrongFiles(fixture.Root, target);
            Assert.True(wrong.Count == 0, "restore left files with wrong bytes: " + string.Join(", ", wrong));
        }
    }

    [Fact]
    public async Task A_flipped_byte_in_the_search_index_makes_search_fail_as_corrupt_or_answer_correctly()
    {
        using var work = new TempDirectory();
        string repo = DamagedCopy(work, "index");

        foreach (string literal in new[] { "hello", "e", "café", "never-appears-anywhere", "quick brown fox jumps over the lazy dog" })
        {
            byte[] expected = fixture.Oracle.ExpectedOutput(Encoding.UTF8.GetBytes(literal));
            var result = await LodeCli.RunAsync(repo, "search", literal);
            if (result.ExitCode == 2)
            {
                LodeAssert.FailedCorrupt(result);
                continue;
            }
            Assert.True(result.ExitCode == (expected.Length > 0 ? 0 : 1), $"damaged index, '{literal}': {result.Describe()}");
            LodeAssert.SameOutput(expected, result.Stdout, $"search '{literal}' over a damaged index");
        }
    }

    /// <summary>A copy of the fixture's repository with one byte inverted: the middle byte of the container
    /// <c>data/&lt;id&gt;</c> ("data"), or of the search index's container <c>indexes/&lt;id&gt;/&lt;root&gt;</c> ("index").</summary>
    private string DamagedCopy(TempDirectory work, string kind)
    {
        string repo = work.Combine("repo");
        fixture.CopyRepository(repo);
        string container = kind == "index"
            ? Assert.Single(Directory.GetFiles(Path.Combine(repo, "indexes", fixture.Snapshot.Id)))
            : Path.Combine(repo, "data", fixture.Snapshot.Id);
        Damage.FlipMiddleByte(container);
        return repo;
    }
}
