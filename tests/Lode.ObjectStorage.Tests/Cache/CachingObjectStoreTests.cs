namespace Lode.ObjectStorage.Tests;

/// <summary>The caching decorator keeps every promise of the store under it (eager mode, so readers are local at once).</summary>
public sealed class CachingObjectStoreContractTests : ObjectStoreContractTests
{
    private DiskCache? _cache;

    protected override IObjectStore OpenStore(string directory)
    {
        _cache = DiskCache.Open(Path.Join(directory, "cache"), new DiskCacheOptions { BudgetBytes = 64 << 20 });
        return new CachingObjectStore(new FileSystemObjectStore(Path.Join(directory, "store")), _cache, "fs://test", CacheMode.Eager);
    }
}

public sealed class CachingObjectStoreTests : CacheTestBase
{
    [Fact]
    public async Task A_put_is_inserted_into_the_cache_and_read_back_without_range_requests()
    {
        var counting = new CountingObjectStore(new MemoryObjectStore());
        using var cache = OpenCache();
        using var store = new CachingObjectStore(counting, cache, Scope);
        byte[] seekable = Payloads.Random(300_000, 1);
        await store.PutAsync("a", Payloads.Stream(seekable));
        byte[] piped = Payloads.Random(200_000, 2);
        Assert.True(await store.PutIfAbsentAsync("b", new BufferedStream(Payloads.Stream(piped), 1000)));
        Assert.False(await store.PutIfAbsentAsync("b", Payloads.Stream([1, 2, 3])));
        Assert.Equal(2, cache.Stats.WarmInserts);

        using (var ra = await store.OpenReadAsync("a"))
        using (var rb = await store.OpenReadAsync("b"))
        {
            Assert.Equal(seekable, ReadAll(ra));
            Assert.Equal(piped, ReadAll(rb));
        }
        Assert.Equal(0, counting.Ranges);
        Assert.Equal(2, cache.Stats.Hits);
    }

    [Fact]
    public async Task A_failed_put_caches_nothing_and_an_overwrite_or_delete_drops_the_old_copy()
    {
        using var cache = OpenCache();
        using var store = new CachingObjectStore(new MemoryObjectStore(), cache, Scope);
        var failing = new FaultInjectingObjectStore(new MemoryObjectStore(), new FaultInjectingObjectStoreOptions { ErrorRate = 1 });
        using var broken = new CachingObjectStore(failing, cache, "other");
        await Assert.ThrowsAsync<ObjectStoreTransientException>(() => broken.PutAsync("k", Payloads.Stream([1, 2])));
        Assert.False(cache.Contains("other", "k"));
        Assert.Empty(TempFiles());

        await store.PutAsync("k", Payloads.Stream([1, 2, 3]));
        await store.PutAsync("k", Payloads.Stream([4, 5, 6]));
        using (var reader = await store.OpenReadAsync("k"))
        {
            Assert.Equal([4, 5, 6], ReadAll(reader));
        }
        await store.DeleteAsync("k");
        Assert.False(cache.Contains(Scope, "k"));
        await Assert.ThrowsAsync<ObjectNotFoundException>(() => store.OpenReadAsync("k"));
    }
}
