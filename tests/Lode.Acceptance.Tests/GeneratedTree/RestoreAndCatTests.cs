using Lode.Acceptance.Tests.Corpus;
using Lode.Acceptance.Tests.Fixtures;
using Lode.Acceptance.Tests.Harness;

namespace Lode.Acceptance.Tests.GeneratedTree;

[Collection(GeneratedTreeCollection.Name)]
public sealed class RestoreAndCatTests(GeneratedTreeFixture fixture)
{
    [Fact]
    public async Task Restore_reproduces_contents_symlinks_modes_mtimes_and_empty_directories()
    {
        await RestoreCheck.AssertRestoresExactlyAsync(fixture.Repo, fixture.Snapshot.Id, fixture.Root);
    }

    [Fact]
    public async Task Cat_of_random_ranges_equals_the_source_including_the_big_file()
    {
        var files = TreeWalker.Walk(fixture.Root).Where(e => e.Kind == EntryKind.File).Select(e => e.RelativePath).ToList();
        var random = new Random(7);

        var bigFileFailures = await CatSampler.CheckAsync(fixture.Repo, fixture.Snapshot.Id, fixture.Root, [TreeGenerator.BigFile], random, 30);
        var otherFailures = await CatSampler.CheckAsync(fixture.Repo, "latest", fixture.Root, files, random, 30);

        var failures = bigFileFailures.Concat(otherFailures).ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} of 60 cats were wrong:\n" + string.Join('\n', failures.Take(10)));
    }

    [Theory]
    [InlineData("empty.txt")]
    [InlineData("names/naïve café.txt")]
    [InlineData("names/Ωmega/inner file.txt")]
    [InlineData("win/crlf.txt")]
    [InlineData("no-final-newline.txt")]
    [InlineData("src/long-line.txt")]
    public async Task Cat_of_a_whole_file_prints_exactly_its_bytes(string path)
    {
        var result = await LodeCli.RunAsync(fixture.Repo, "cat", $"latest:{path}");

        LodeAssert.Succeeded(result);
        LodeAssert.SameOutput(File.ReadAllBytes(Path.Combine(fixture.Root, path)), result.Stdout, $"cat {path}");
    }
}
