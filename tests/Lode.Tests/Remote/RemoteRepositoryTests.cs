using System.Text;
using Lode.ObjectStorage;

namespace Lode.Tests.Remote;

/// <summary>The engine on an S3 repository (a real s3rver on loopback), read through the disk cache.</summary>
public sealed class RemoteRepositoryTests(RemoteFixture fixture) : IClassFixture<RemoteFixture>
{
    private static string NewLocation() => "s3://lode/engine/" + Guid.NewGuid().ToString("N")[..12];

    private SnapshotManifest Snapshot(string location, RepositoryOptions? options = null)
    {
        using var repository = Repository.OpenOrInit(location, options ?? fixture.Options());
        return repository.CreateSnapshot(fixture.Tree).Manifest;
    }

    [Fact]
    public void A_snapshot_restores_byte_identical_and_searches_alike_through_an_empty_cache()
    {
        string location = NewLocation();
        Snapshot(location);
        string local = fixture.NewDirectory("local-repo");
        using (var repository = Repository.OpenOrInit(local))
        {
            repository.CreateSnapshot(fixture.Tree);
        }
        string target = Path.Combine(fixture.NewDirectory("restore"), "out");

        using (var remote = Repository.Open(location, fixture.Options() with { DataReads = CacheMode.Eager }))
        using (var view = remote.OpenSnapshot("latest"))
        {
            view.Restore(target);
            Assert.Equal(Search(local, "needle1"), SearchLines(view, "needle1"));
            Assert.Single(SearchLines(view, "unique-marker-39"));
            Assert.Equal(Search(local, "unique-marker-39"), SearchLines(view, "unique-marker-39"));
        }

        TreeAssert.Equal(fixture.Tree, target);
    }

    [Fact]
    public void A_cold_search_reads_a_few_ranges_of_the_container_not_the_whole_object()
    {
        string location = NewLocation();
        var manifest = Snapshot(location);
        RecordingStore? recording = null;
        var options = fixture.Options(wrap: s => recording = new RecordingStore(s)) with
        {
            DataReads = CacheMode.RangeOnly,
            IndexReads = CacheMode.RangeOnly,
        };

        using (var repository = Repository.Open(location, options))
        using (var view = repository.OpenSnapshot("latest"))
        {
            Assert.Single(SearchLines(view, "unique-marker-17"));
        }

        // The search index is a container of its own: of the data container, a query reads the file table and the
        // matched file's blocks.
        var ranges = recording!.RangesOf(manifest.DataKey).ToList();
        long bytes = ranges.Sum(r => (long)r.Length);
        Assert.True(ranges.Count <= 64, $"{ranges.Count} range GETs of the container");
        Assert.True(bytes < manifest.DataLength / 4, $"{bytes} of {manifest.DataLength} container bytes read");
    }

    [Fact]
    public void A_lazy_search_leaves_the_container_cached_and_the_next_search_sends_no_range_request_for_it()
    {
        string location = NewLocation();
        var manifest = Snapshot(location);
        var options = fixture.Options() with { DataReads = CacheMode.Lazy };
        List<string> cold;
        using (var repository = Repository.Open(location, options))
        using (var view = repository.OpenSnapshot("latest"))
        {
            cold = SearchLines(view, "needle42");
        }

        RecordingStore? recording = null;
        using (var repository = Repository.Open(location, options with { WrapRemote = s => recording = new RecordingStore(s) }))
        using (var view = repository.OpenSnapshot("latest"))
        {
            Assert.Equal(cold, SearchLines(view, "needle42"));
        }

        Assert.NotEmpty(cold);
        Assert.Empty(recording!.RangesOf(manifest.DataKey));
    }

    [Fact]
    public void What_a_snapshot_uploads_is_cached_so_reading_it_back_sends_no_range_request()
    {
        string location = NewLocation();
        var options = fixture.Options();
        Snapshot(location, options);
        RecordingStore? recording = null;
        string target = Path.Combine(fixture.NewDirectory("restore"), "out");

        using (var repository = Repository.Open(location, options with { WrapRemote = s => recording = new RecordingStore(s) }))
        using (var view = repository.OpenSnapshot("latest"))
        {
            view.Restore(target);
            Assert.NotEmpty(SearchLines(view, "gamma7"));
        }

        Assert.Empty(recording!.Ranges);
        TreeAssert.Equal(fixture.Tree, target);
    }

    [Theory]
    [InlineData(CacheMode.Lazy)]
    [InlineData(CacheMode.Eager)]
    public void Objects_larger_than_the_cache_budget_are_read_with_range_requests(CacheMode mode)
    {
        string location = NewLocation();
        Snapshot(location);
        string target = Path.Combine(fixture.NewDirectory("restore"), "out");
        var options = fixture.Options(budget: 1 << 20) with { DataReads = mode, IndexReads = mode };

        using (var repository = Repository.Open(location, options))
        using (var view = repository.OpenSnapshot("latest"))
        {
            view.Restore(target);
            Assert.Single(SearchLines(view, "unique-marker-3-end"));
        }

        TreeAssert.Equal(fixture.Tree, target);
        using var cache = options.Cache.Open();
        Assert.True(cache.Stats.Bytes < 64 << 10, $"{cache.Stats.Bytes} bytes cached: only the manifest fits");
    }

    [Fact]
    public void A_snapshot_whose_container_upload_fails_never_becomes_visible()
    {
        string location = NewLocation();
        Snapshot(location);
        var failing = fixture.Options(wrap: s => new RecordingStore(s) { FailPutsOf = "data/" });

        using (var repository = Repository.Open(location, failing))
        {
            Assert.Throws<ObjectStorePermanentException>(() => repository.CreateSnapshot(fixture.Tree));
        }

        using var reopened = Repository.Open(location, fixture.Options());
        Assert.Single(reopened.ListSnapshots());
    }

    [Fact]
    public void A_missing_remote_repository_says_so_and_names_the_location()
    {
        string location = NewLocation();

        var e = Assert.Throws<LodeException>(() => Repository.Open(location, fixture.Options()));

        Assert.Contains(location, e.Message, StringComparison.Ordinal);
        Assert.Contains("lode init", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_bucket_is_a_permanent_store_error_that_says_what_to_do()
    {
        var e = Assert.Throws<ObjectStorePermanentException>(() => Repository.Open("s3://no-such-bucket/x", fixture.Options()));

        Assert.Contains("bucket does not exist", e.Message, StringComparison.Ordinal);
    }

    private static List<string> Search(string location, string pattern)
    {
        using var repository = Repository.Open(location);
        using var view = repository.OpenSnapshot("latest");
        return SearchLines(view, pattern);
    }

    internal static List<string> SearchLines(SnapshotView view, string pattern)
    {
        var lines = new List<string>();
        view.Search(Encoding.UTF8.GetBytes(pattern), long.MaxValue, (path, line, content) =>
            lines.Add($"{path}:{line}:{Encoding.UTF8.GetString(content)}"));
        return lines;
    }
}
