namespace Lode.Tests.Remote;

/// <summary>
/// The remote listing (config and the names under snapshots/ and indexes/) that commands reuse for
/// <see cref="RepositoryOptions.ListingTtl"/>: warm commands send no request, writes here are seen at once, snapshots
/// taken elsewhere are seen after the TTL or when asked for by name, and a damaged listing file is replaced.
/// </summary>
public sealed class RemoteListingTests(RemoteFixture fixture) : IClassFixture<RemoteFixture>
{
    private static string NewLocation() => "s3://lode/listing/" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A second machine: its own cache directory (and so its own listing file).</summary>
    private RepositoryOptions OtherMachine() => fixture.Options();

    private static SnapshotManifest Snapshot(string location, RepositoryOptions options, string tree)
    {
        using var repository = Repository.OpenOrInit(location, options);
        return repository.CreateSnapshot(tree).Manifest;
    }

    private string SmallTree(string text)
    {
        string tree = fixture.NewDirectory("tree");
        File.WriteAllText(Path.Combine(tree, "note.txt"), text);
        return tree;
    }

    private static (string Latest, List<string> Requests) Latest(string location, RepositoryOptions options)
    {
        RecordingStore? recording = null;
        using var repository = Repository.Open(location, options with { WrapRemote = s => recording = new RecordingStore(s) });
        string id = repository.ResolveSnapshot("latest").Id;
        return (id, [.. recording!.Requests]);
    }

    [Fact]
    public void A_warm_search_sends_no_request_at_all()
    {
        string location = NewLocation();
        var options = fixture.Options();
        Snapshot(location, options, fixture.Tree);
        List<string> cold;
        using (var repository = Repository.Open(location, options))
        using (var view = repository.OpenSnapshot("latest"))
        {
            cold = RemoteRepositoryTests.SearchLines(view, "needle42");
        }

        RecordingStore? recording = null;
        using (var repository = Repository.Open(location, options with { WrapRemote = s => recording = new RecordingStore(s) }))
        using (var view = repository.OpenSnapshot("latest"))
        {
            Assert.Equal(cold, RemoteRepositoryTests.SearchLines(view, "needle42"));
        }

        Assert.NotEmpty(cold);
        Assert.Empty(recording!.Requests);
    }

    [Fact]
    public void A_listing_is_taken_once_per_open_repository_with_the_config_and_both_prefixes()
    {
        string location = NewLocation();
        var options = fixture.Options() with { ListingTtl = TimeSpan.Zero };
        Snapshot(location, options, SmallTree("one"));

        var (_, requests) = Latest(location, options);

        Assert.Equal(["config", "list indexes/", "list snapshots/"], requests.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_snapshot_taken_on_this_machine_is_latest_for_the_next_command_at_once()
    {
        string location = NewLocation();
        var options = fixture.Options();
        Snapshot(location, options, SmallTree("one"));
        Latest(location, options);

        var second = Snapshot(location, options, SmallTree("two"));

        Assert.Equal(second.Id, Latest(location, options).Latest);
    }

    [Fact]
    public void A_snapshot_taken_elsewhere_is_seen_once_the_listing_is_older_than_the_ttl()
    {
        string location = NewLocation();
        var here = fixture.Options();
        var first = Snapshot(location, here, SmallTree("one"));
        Latest(location, here);

        var second = Snapshot(location, OtherMachine(), SmallTree("two"));

        var (reused, requests) = Latest(location, here);
        Assert.Equal(first.Id, reused);
        Assert.Empty(requests);
        Assert.Equal(second.Id, Latest(location, here with { ListingTtl = TimeSpan.Zero }).Latest);
    }

    [Fact]
    public void A_snapshot_taken_elsewhere_is_found_by_its_id_through_a_reused_listing()
    {
        string location = NewLocation();
        var here = fixture.Options();
        Snapshot(location, here, SmallTree("one"));
        Latest(location, here);
        var second = Snapshot(location, OtherMachine(), SmallTree("two"));

        using (var repository = Repository.Open(location, here))
        {
            Assert.Equal(second.Id, repository.ResolveSnapshot(second.Id[..8]).Id);
        }
        using (var repository = Repository.Open(location, here))
        using (var catalog = repository.OpenCatalog())
        {
            Assert.Equal(second.Id, catalog.ResolveSnapshot(second.Id[..8]).Id);
        }
    }

    [Fact]
    public void An_unknown_snapshot_is_refused_after_one_fresh_listing()
    {
        string location = NewLocation();
        var options = fixture.Options();
        Snapshot(location, options, SmallTree("one"));
        Latest(location, options);
        RecordingStore? recording = null;

        using var repository = Repository.Open(location, options with { WrapRemote = s => recording = new RecordingStore(s) });
        var e = Assert.Throws<LodeException>(() => repository.ResolveSnapshot("ffffffff"));

        Assert.Contains("No snapshot 'ffffffff'", e.Message, StringComparison.Ordinal);
        Assert.Single(recording!.Requests, r => r == "list snapshots/");
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("""{"format": 9, "taken": "NOW", "config": "e30=", "objects": []}""")]
    [InlineData("""{"format": 1, "taken": "NOW", "config": "", "objects": []}""")]
    [InlineData("""{"format": 1, "taken": "NOW", "config": "e30=", "objects": [{"key": "snapshots/../x", "length": 1}]}""")]
    [InlineData("""{"format": 1, "taken": "NOW", "config": "e30=", "objects": [{"key": "data/x", "length": 1}]}""")]
    [InlineData("""{"format": 1, "taken": "NOW", "config": "e30=", "objects": [{"key": "snapshots/x", "length": -1}]}""")]
    [InlineData("""{"format": 1, "taken": "2999-01-01T00:00:00+00:00", "config": "e30=", "objects": []}""")]
    public void A_damaged_listing_file_is_ignored_and_replaced(string damage)
    {
        damage = damage.Replace("NOW", DateTimeOffset.UtcNow.ToString("O"), StringComparison.Ordinal);
        string location = NewLocation();
        var options = fixture.Options();
        var first = Snapshot(location, options, SmallTree("one"));
        Latest(location, options);
        string file = Assert.Single(Directory.GetFiles(Path.Combine(options.Cache.Directory, "listings")));
        File.WriteAllText(file, damage);

        var (latest, requests) = Latest(location, options);

        Assert.Equal(first.Id, latest);
        Assert.Contains("list snapshots/", requests);
        Assert.Empty(Latest(location, options).Requests);
    }

    [Fact]
    public void Forgetting_listings_makes_the_next_command_list_the_store()
    {
        string location = NewLocation();
        var options = fixture.Options();
        Snapshot(location, options, SmallTree("one"));
        Latest(location, options);

        Assert.Equal(1, options.Cache.ForgetListings());

        Assert.Contains("list snapshots/", Latest(location, options).Requests);
        Assert.Equal(0, new CacheSettings { Directory = fixture.NewDirectory("empty-cache") }.ForgetListings());
    }
}
