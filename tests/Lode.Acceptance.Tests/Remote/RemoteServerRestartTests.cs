using System.Text.Json;
using Lode.Acceptance.Tests.Corpus;
using Lode.Acceptance.Tests.Harness;

namespace Lode.Acceptance.Tests.Remote;

/// <summary>
/// The S3 server goes away and comes back: commands fail with one clear line and leave nothing in the cache, and the
/// restore completes once the server is back. (The engine tests kill the server in the middle of a fetch.)
/// </summary>
public sealed class RemoteServerRestartTests(RemoteTreeFixture fixture) : IClassFixture<RemoteTreeFixture>
{
    [Fact]
    public async Task With_the_server_down_restore_fails_cleanly_and_after_a_restart_it_completes()
    {
        const string repo = "s3://lode/restart";
        string cache = fixture.NewDirectory("cache");
        LodeAssert.Succeeded(await fixture.RunAsync(repo, fixture.NewDirectory("upload-cache"), "snapshot", fixture.Root));
        string target = Path.Combine(fixture.NewDirectory("restore"), "out");

        fixture.Server.Kill();
        var failed = await fixture.RunAsync(repo, cache, "restore", "latest", target);
        var stats = await fixture.RunAsync(repo, cache, "cache", "stats", "--json");
        fixture.Server.Restart();
        var restored = await fixture.RunAsync(repo, cache, "restore", "latest", target);

        LodeAssert.OneLineError(failed);
        Assert.Contains(repo, failed.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", failed.Stderr, StringComparison.Ordinal);
        using (var json = JsonDocument.Parse(stats.Stdout))
        {
            Assert.Equal(0, json.RootElement.GetProperty("entries").GetInt64());
        }
        LodeAssert.Succeeded(restored);
        var differences = TreeComparer.Differences(fixture.Root, target);
        Assert.True(differences.Count == 0, "the restore after the restart differs:\n" + string.Join('\n', differences.Take(30)));
    }
}
