using System.Diagnostics;
using Lode.ObjectStorage;

namespace Lode.Tests;

/// <summary>What a snapshot refuses before it reads a file: unusable or ambiguous tags, a store that takes no
/// writes, an empty path; and how tags and id prefixes resolve.</summary>
public sealed class SnapshotPreflightTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lode-preflight-").FullName;

    public SnapshotPreflightTests()
    {
        Directory.CreateDirectory(Tree);
        File.WriteAllText(Path.Combine(Tree, "f"), "f\n");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Tree => Path.Combine(_dir, "tree");

    private string Repo => Path.Combine(_dir, "repo");

    /// <summary>A store whose writes all fail, as on a read-only mount.</summary>
    private sealed class ReadOnlyStore(IObjectStore inner) : DelegatingObjectStore(inner)
    {
        public override Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default) =>
            throw new ObjectStorePermanentException("the filesystem is read-only");
    }

    [Theory]
    [InlineData("")]
    [InlineData("latest")]
    [InlineData("a:b")]
    [InlineData("two\nlines")]
    public void Unusable_tags_are_refused_and_nothing_is_stored(string tag)
    {
        using var repository = Repository.Init(Repo);
        var e = Assert.Throws<LodeException>(() => repository.CreateSnapshot(Tree, new SnapshotOptions { Tag = tag }));
        Assert.Contains("Choose another tag", e.Message, StringComparison.Ordinal);
        Assert.Empty(repository.ListSnapshots());
    }

    [Fact]
    public void A_tag_that_is_an_id_prefix_is_refused_and_an_ambiguous_reference_is_an_error()
    {
        using var repository = Repository.Init(Repo);
        var first = repository.CreateSnapshot(Tree).Manifest;
        string prefix = first.Id[..4];
        Assert.Throws<LodeException>(() => repository.CreateSnapshot(Tree, new SnapshotOptions { Tag = prefix }));

        // A tag that became another snapshot's id prefix later: neither wins silently.
        var tagged = repository.CreateSnapshot(Tree, new SnapshotOptions { Tag = "beef" }).Manifest;
        var all = repository.ListSnapshots();
        var forged = all.Select(m => m.Id == first.Id ? m with { Id = "beef" + m.Id[4..] } : m).ToList();
        var e = Assert.Throws<LodeException>(() => repository.ResolveAmong(forged, "beef"));
        Assert.Contains("both the tag", e.Message, StringComparison.Ordinal);
        Assert.Equal(tagged.Id, repository.ResolveAmong(all, "beef").Id);
        Assert.Equal("beef" + first.Id[4..], repository.ResolveAmong(forged, "beef" + first.Id[4..]).Id);
    }

    [Fact]
    public void A_read_only_store_is_found_before_any_file_is_read()
    {
        Repository.Init(Repo).Dispose();
        using (var fifo = Process.Start("mkfifo", Path.Combine(Tree, "pipe")))
        {
            fifo.WaitForExit();
        }
        using var repository = Repository.Open(new ReadOnlyStore(new FileSystemObjectStore(Repo)), Repo);
        var warnings = new List<string>();

        Assert.Throws<ObjectStorePermanentException>(() => repository.CreateSnapshot(Tree, new SnapshotOptions { Warning = warnings.Add }));

        Assert.Empty(warnings); // The walk, which warns about the FIFO, never started.
    }

    [Fact]
    public void An_empty_source_or_target_path_is_an_error()
    {
        using var repository = Repository.Init(Repo);
        Assert.Throws<LodeException>(() => repository.CreateSnapshot(""));
        using var view = repository.OpenSnapshot(repository.CreateSnapshot(Tree).Manifest);
        Assert.Throws<LodeException>(() => view.Restore(""));
    }
}
