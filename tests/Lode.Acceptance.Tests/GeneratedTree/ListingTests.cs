using System.Text;
using System.Text.Json;
using Lode.Acceptance.Tests.Corpus;
using Lode.Acceptance.Tests.Fixtures;
using Lode.Acceptance.Tests.Harness;

namespace Lode.Acceptance.Tests.GeneratedTree;

[Collection(GeneratedTreeCollection.Name)]
public sealed class ListingTests(GeneratedTreeFixture fixture)
{
    [Theory]
    [InlineData("")]
    [InlineData("links")]
    [InlineData("names")]
    [InlineData("order")]
    [InlineData("deep/a/b")]
    [InlineData("empty-dir")]
    public async Task Ls_prints_entry_names_in_ordinal_order_with_a_slash_on_directories(string directory)
    {
        byte[] expected = ExpectedListing(Path.Combine(fixture.Root, directory));

        var result = await LodeCli.RunAsync(fixture.Repo, "ls", directory.Length == 0 ? "latest" : $"latest:{directory}");

        LodeAssert.Succeeded(result);
        LodeAssert.SameOutput(expected, result.Stdout, $"ls of '{directory}'");
    }

    [Theory]
    [InlineData("ls", "links")]
    [InlineData("ls", "deep/a")]
    [InlineData("cat", "names/with space.txt")]
    public async Task A_path_with_a_leading_slash_is_the_same_path(string command, string path)
    {
        var withSlash = await LodeCli.RunAsync(fixture.Repo, command, $"latest:/{path}");
        var without = await LodeCli.RunAsync(fixture.Repo, command, $"latest:{path}");

        LodeAssert.Succeeded(withSlash);
        LodeAssert.Succeeded(without);
        LodeAssert.SameOutput(without.Stdout, withSlash.Stdout, $"{command} latest:/{path}");
    }

    [Fact]
    public async Task A_snapshot_can_be_named_by_id_unique_prefix_tag_or_latest()
    {
        string id = fixture.Snapshot.Id;
        string prefix = id[..Math.Min(8, id.Length - 1)];
        byte[] expected = ExpectedListing(Path.Combine(fixture.Root, "deep"));

        foreach (string name in new[] { id, prefix, GeneratedTreeFixture.Tag, "latest" })
        {
            var result = await LodeCli.RunAsync(fixture.Repo, "ls", $"{name}:deep");
            LodeAssert.Succeeded(result);
            LodeAssert.SameOutput(expected, result.Stdout, $"ls {name}:deep");
        }
    }

    [Fact]
    public async Task Snapshots_json_lists_the_snapshot_with_its_tag_and_file_count()
    {
        var result = await LodeCli.RunAsync(fixture.Repo, "snapshots", "--json");

        LodeAssert.Succeeded(result);
        using var json = JsonDocument.Parse(result.Stdout);
        var listed = Assert.Single(json.RootElement.EnumerateArray(), s => s.GetProperty("id").GetString() == fixture.Snapshot.Id);
        Assert.Equal(GeneratedTreeFixture.Tag, listed.GetProperty("tag").GetString());
        Assert.Equal(fixture.Snapshot.Files, listed.GetProperty("files").GetInt64());
        Assert.False(string.IsNullOrEmpty(listed.GetProperty("source").GetString()), "source must name the snapshotted directory");
        Assert.NotEqual(JsonValueKind.Null, listed.GetProperty("time").ValueKind);
        Assert.True(listed.GetProperty("size").GetInt64() >= GeneratedTreeFixture.BigFileBytes, "size must count the 50 MB file");
    }

    [Fact]
    public void Snapshot_json_reports_files_and_bytes_read()
    {
        var snapshot = fixture.Snapshot;

        Assert.False(string.IsNullOrWhiteSpace(snapshot.Id));
        Assert.True(snapshot.Files > 0, $"files = {snapshot.Files}");
        Assert.True(snapshot.BytesRead >= GeneratedTreeFixture.BigFileBytes, $"bytesRead = {snapshot.BytesRead}");
        Assert.True(snapshot.BytesStored > 0, $"bytesStored = {snapshot.BytesStored}");
        Assert.True(snapshot.Seconds >= 0, $"seconds = {snapshot.Seconds}");
    }

    /// <summary>Names sorted by ordinal UTF-8 bytes of the name; a directory (not a symlink to one) gets a <c>/</c>.</summary>
    private static byte[] ExpectedListing(string directory) =>
        Encoding.UTF8.GetBytes(string.Concat(TreeWalker.Children(directory)
            .Select(entry => entry.Name + (entry.Kind == EntryKind.Directory ? "/" : "") + "\n")));
}
