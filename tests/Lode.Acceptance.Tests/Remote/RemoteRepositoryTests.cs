using System.Text.Json;
using Lode.Acceptance.Tests.Corpus;
using Lode.Acceptance.Tests.Harness;

namespace Lode.Acceptance.Tests.Remote;

/// <summary>
/// Every command on a repository in S3 (s3rver on loopback), run as the `lode` binary: snapshot up, then read back
/// through an empty cache, byte for byte as a local repository answers; <c>lode cache</c>.
/// </summary>
public sealed class RemoteRepositoryTests(RemoteTreeFixture fixture) : IClassFixture<RemoteTreeFixture>
{
    private static string NewRepo() => "s3://lode/accept/" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task Snapshot_to_s3_then_every_read_through_an_empty_cache_matches_a_local_repository()
    {
        string repo = NewRepo();
        LodeAssert.Succeeded(await fixture.RunAsync(repo, fixture.NewDirectory("upload-cache"), "snapshot", fixture.Root, "--tag", "t1"));
        string cache = fixture.NewDirectory("cache");

        foreach (string[] command in new[]
        {
            new[] { "search", "hello" },
            ["search", "hello", "t1", "--json"],
            ["ls", "t1:/links", "--long"],
            ["cat", "latest:" + TreeGenerator.BigFile, "--offset", "9000000", "--length", "4096"],
            ["cat", "t1:/README.md"],
        })
        {
            var local = await LodeCli.RunAsync(fixture.LocalRepo, command);
            var remote = await fixture.RunAsync(repo, cache, command);
            LodeAssert.Succeeded(remote);
            LodeAssert.SameOutput(local.Stdout, remote.Stdout, string.Join(' ', command));
        }

        string target = Path.Combine(fixture.NewDirectory("restore"), "out");
        LodeAssert.Succeeded(await fixture.RunAsync(repo, fixture.NewDirectory("restore-cache"), "restore", "t1", target));
        var differences = TreeComparer.Differences(fixture.Root, target);
        Assert.True(differences.Count == 0, "the remote restore differs:\n" + string.Join('\n', differences.Take(30)));
    }

    [Fact]
    public async Task Cache_stats_counts_what_reads_cached_and_cache_clear_empties_it()
    {
        string repo = NewRepo();
        string cache = fixture.NewDirectory("cache");
        LodeAssert.Succeeded(await fixture.RunAsync(repo, fixture.NewDirectory("upload-cache"), "snapshot", fixture.Root));
        LodeAssert.Succeeded(await fixture.RunAsync(repo, cache, "search", "hello"));

        var stats = await fixture.RunAsync(repo, cache, "cache", "stats", "--json");
        var text = await fixture.RunAsync(repo, cache, "cache", "stats");
        var clear = await fixture.RunAsync(repo, cache, "cache", "clear");
        var after = await fixture.RunAsync(repo, cache, "cache", "stats", "--json", "--cache-size", "1GiB");

        LodeAssert.Succeeded(stats);
        using (var json = JsonDocument.Parse(stats.Stdout))
        {
            Assert.Equal(cache, json.RootElement.GetProperty("directory").GetString());
            // The manifest, the container and the index's container.
            Assert.Equal(3, json.RootElement.GetProperty("entries").GetInt64());
            Assert.True(json.RootElement.GetProperty("bytes").GetInt64() > 0);
            Assert.Equal(10L << 30, json.RootElement.GetProperty("budgetBytes").GetInt64());
        }
        Assert.Contains("Entries:   3", text.StdoutText, StringComparison.Ordinal);
        Assert.StartsWith("removed 3 cached objects", clear.StdoutText, StringComparison.Ordinal);
        using (var json = JsonDocument.Parse(after.Stdout))
        {
            Assert.Equal(0, json.RootElement.GetProperty("entries").GetInt64());
            Assert.Equal(1L << 30, json.RootElement.GetProperty("budgetBytes").GetInt64());
        }
    }

    [Fact]
    public async Task A_repository_that_does_not_exist_in_the_bucket_is_a_one_line_error()
    {
        string repo = NewRepo();

        var result = await fixture.RunAsync(repo, fixture.NewDirectory("cache"), "snapshots");

        LodeAssert.OneLineError(result);
        Assert.Contains(repo, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("lode init", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_bucket_is_a_one_line_error_that_says_to_create_it()
    {
        var result = await fixture.RunAsync("s3://no-such-bucket/x", fixture.NewDirectory("cache"), "snapshots");

        LodeAssert.OneLineError(result);
        Assert.Contains("bucket does not exist", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_credentials_are_a_one_line_error_that_names_the_variables()
    {
        var environment = fixture.Environment(fixture.NewDirectory("cache"));
        environment["AWS_ACCESS_KEY_ID"] = "NOT-A-KEY";

        var result = await LodeCli.RunAsync(NewRepo(), LodeCli.DefaultTimeout, environment, "snapshots");

        LodeAssert.OneLineError(result);
        Assert.Contains("AWS_ACCESS_KEY_ID", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_server_is_a_one_line_error_that_names_the_repository()
    {
        string repo = NewRepo();

        var result = await fixture.RunAsync(repo, fixture.NewDirectory("cache"), "snapshots", "--s3-endpoint", "http://127.0.0.1:1");

        LodeAssert.OneLineError(result);
        Assert.Contains(repo, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("network", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_container_is_reported_by_key_and_no_bytes_are_printed()
    {
        string repo = NewRepo();
        string cache = fixture.NewDirectory("cache");
        var snapshot = await fixture.RunAsync(repo, fixture.NewDirectory("upload-cache"), "snapshot", fixture.Root, "--json");
        LodeAssert.Succeeded(snapshot);
        string id = JsonDocument.Parse(snapshot.Stdout).RootElement.GetProperty("id").GetString()!;
        using (var store = new ObjectStorage.S3ObjectStore(fixture.Server.Options(repo["s3://lode/".Length..])))
        {
            await store.DeleteAsync("data/" + id);
        }

        var result = await fixture.RunAsync(repo, cache, "cat", "latest:/README.md");

        LodeAssert.OneLineError(result);
        Assert.Contains("data/" + id, result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }
}
