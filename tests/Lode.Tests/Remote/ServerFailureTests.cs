using Lode.ObjectStorage;

namespace Lode.Tests.Remote;

/// <summary>The S3 server killed while a restore fetches a container: a clear error, no damaged cache entry, and a restore that completes once the server is back.</summary>
public sealed class ServerFailureTests(RemoteFixture fixture) : IClassFixture<RemoteFixture>
{
    [Fact]
    public void A_server_killed_mid_restore_gives_a_clear_error_caches_nothing_and_the_restore_completes_after_a_restart()
    {
        const string location = "s3://lode/killed";
        using (var repository = Repository.OpenOrInit(location, fixture.Options()))
        {
            repository.CreateSnapshot(fixture.Tree);
        }
        // One stream: the first 8 MiB chunk of the container arrives, then the server dies before the second.
        var options = fixture.Options(streams: 1, wrap: s => new RecordingStore(s)
        {
            BeforeRange = (key, count) =>
            {
                if (key.StartsWith("data/", StringComparison.Ordinal) && count == 2)
                {
                    fixture.Server.Kill();
                }
            },
        }) with { DataReads = CacheMode.Eager };
        string target = Path.Combine(fixture.NewDirectory("restore"), "out");

        var error = Assert.ThrowsAny<ObjectStoreException>(() =>
        {
            using var repository = Repository.Open(location, options);
            using var view = repository.OpenSnapshot("latest");
            view.Restore(target);
        });

        Assert.StartsWith("data/", error.Key, StringComparison.Ordinal);
        Assert.Contains("s3://lode/killed", error.Message, StringComparison.Ordinal);
        using (var cache = options.Cache.Open())
        {
            // The manifest (read before the container) is the only entry; nothing of the container is.
            Assert.True(cache.Stats.Bytes < 64 << 10, $"{cache.Stats.Bytes} bytes cached");
        }
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(options.Cache.Directory, "tmp")));

        fixture.Server.Restart();
        using (var repository = Repository.Open(location, options with { WrapRemote = null }))
        using (var view = repository.OpenSnapshot("latest"))
        {
            view.Restore(target);
        }
        TreeAssert.Equal(fixture.Tree, target);
    }
}
