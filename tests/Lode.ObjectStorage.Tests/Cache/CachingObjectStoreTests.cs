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

    [Fact]
    public async Task A_winning_put_if_absent_replaces_a_stale_cached_copy_of_its_key()
    {
        var inner = new MemoryObjectStore();
        using var cache = OpenCache();
        using var store = new CachingObjectStore(inner, cache, Scope, CacheMode.Eager);
        await store.PutAsync("k", Payloads.Stream([1, 2, 3]));
        // Another writer deletes the object behind the cache's back; the cache still holds the old bytes.
        await inner.DeleteAsync("k");
        Assert.True(cache.Contains(Scope, "k"));

        Assert.True(await store.PutIfAbsentAsync("k", Payloads.Stream([4, 5, 6, 7])));

        using var reader = await store.OpenReadAsync("k");
        Assert.Equal([4, 5, 6, 7], ReadAll(reader));
    }

    [Fact]
    public async Task A_reader_that_caches_the_old_object_while_a_put_runs_does_not_outlive_the_put()
    {
        using var cache = OpenCache();
        var racing = new ReadDuringPutStore(new MemoryObjectStore());
        using var store = new CachingObjectStore(racing, cache, Scope, CacheMode.Eager);
        await store.PutAsync("k", Payloads.Stream([1, 2, 3]));
        // While the next put is in the store, a reader fetches the old object into the cache.
        racing.DuringPut = async () =>
        {
            using var old = await store.OpenReadAsync("k");
            Assert.Equal([1, 2, 3], ReadAll(old));
        };

        await store.PutAsync("k", Payloads.Stream([4, 5, 6, 7]));

        using var reader = await store.OpenReadAsync("k");
        Assert.Equal([4, 5, 6, 7], ReadAll(reader));
    }

    /// <summary>Runs the action set in <see cref="DuringPut"/> (once) inside the next put, before the inner store stores anything.</summary>
    private sealed class ReadDuringPutStore(IObjectStore inner) : DelegatingObjectStore(inner)
    {
        private Func<Task>? _duringPut;

        public Func<Task>? DuringPut
        {
            set => _duringPut = value;
        }

        public override async Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _duringPut, null) is { } action)
            {
                await action();
            }
            await base.PutAsync(key, content, cancellationToken);
        }
    }
}
