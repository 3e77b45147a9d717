namespace Lode.ObjectStorage.Tests;

/// <summary>The server dies in the middle of a cold fetch: a typed error, no damaged cache entry, and all is well after a restart.</summary>
public sealed class S3ServerFailureTests : CacheTestBase
{
    [Fact]
    public async Task A_server_killed_mid_read_gives_a_transient_error_leaves_no_entry_and_a_restart_recovers()
    {
        using var server = new S3rverProcess();
        using var s3 = new S3ObjectStore(server.Options("kill"));
        byte[] bytes = Payloads.Random(6 << 20, 1);
        await s3.PutAsync("data", Payloads.Stream(bytes));
        var store = new CountingObjectStore(s3) { SignalAfterRanges = 2, GatedLength = 256 << 10 };
        using var cache = OpenCache(chunkSize: 256 << 10, streams: 2);

        var open = cache.OpenAsync(store, Scope, "data", CacheMode.Eager).AsTask();
        await store.RangesReached.Task.WaitAsync(TimeSpan.FromSeconds(60));
        server.Kill();
        store.Gate.SetResult();
        var error = await Assert.ThrowsAsync<ObjectStoreTransientException>(() => open);
        Assert.Contains("data", error.Message, StringComparison.Ordinal);
        Assert.False(cache.Contains(Scope, "data"));
        Assert.Empty(EntryFiles());
        Assert.Empty(TempFiles());
        Assert.Equal(0, cache.Stats.Bytes);

        server.Restart();
        using var reader = await cache.OpenAsync(store, Scope, "data", CacheMode.Eager);
        Assert.Equal(bytes, ReadAll(reader));
        Assert.True(cache.Contains(Scope, "data"));
    }
}
