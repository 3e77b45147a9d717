using Lode.IO;

namespace Lode.ObjectStorage.Tests;

public sealed class DiskCacheFetchTests : CacheTestBase
{
    [Fact]
    public async Task A_hundred_concurrent_cold_readers_share_one_fetch()
    {
        var store = new CountingObjectStore(new LatencyObjectStore(new MemoryObjectStore(), TimeSpan.FromMilliseconds(5)));
        byte[] bytes = await PutRandom(store, "big", 1_000_000, 1);
        using var cache = OpenCache();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var readers = Enumerable.Range(0, 100).Select(i => Task.Run(async () =>
        {
            await start.Task;
            // Lazy readers open at once; their reads would block pool threads on range GETs, so only the eager half reads.
            using var reader = await cache.OpenAsync(store, Scope, "big", i % 2 == 0 ? CacheMode.Eager : CacheMode.Lazy);
            return i % 2 == 0 ? ReadAll(reader) : bytes;
        })).ToArray();
        start.SetResult();
        foreach (var read in await Task.WhenAll(readers))
        {
            Assert.Equal(bytes, read);
        }
        await (cache.PendingFetch(Scope, "big") ?? Task.FromResult<CacheEntry?>(null));
        Assert.Equal(1, store.Heads);
        Assert.Equal(1, cache.Stats.ColdFetches);
        Assert.True(cache.Contains(Scope, "big"));
    }

    [Fact]
    public async Task A_cold_fetch_reads_in_chunks_and_a_warm_open_asks_the_store_nothing()
    {
        var store = new CountingObjectStore(new MemoryObjectStore());
        byte[] bytes = await PutRandom(store, "k", 300_000, 2);
        using var cache = OpenCache(chunkSize: 64 << 10);
        using (var reader = await cache.OpenAsync(store, Scope, "k", CacheMode.Eager))
        {
            Assert.Equal(bytes, ReadAll(reader));
        }
        Assert.Equal(5, store.Ranges);
        using (var reader = await cache.OpenAsync(store, Scope, "k", CacheMode.Eager))
        {
            Assert.Equal(bytes, ReadAll(reader));
        }
        Assert.Equal(5, store.Ranges);
        Assert.Equal(1, store.Heads);
        Assert.Equal(1, cache.Stats.Hits);
    }

    [Fact]
    public async Task A_failed_fetch_is_not_remembered_and_the_next_open_fetches_again()
    {
        var memory = new MemoryObjectStore();
        byte[] bytes = await PutRandom(memory, "k", 200_000, 3);
        using var cache = OpenCache();
        var failing = new FaultInjectingObjectStore(memory, new FaultInjectingObjectStoreOptions { ErrorRate = 1 });
        await Assert.ThrowsAsync<ObjectStoreTransientException>(async () => await cache.OpenAsync(failing, Scope, "k", CacheMode.Eager));
        Assert.False(cache.Contains(Scope, "k"));
        Assert.Empty(TempFiles());
        using var reader = await cache.OpenAsync(memory, Scope, "k", CacheMode.Eager);
        Assert.Equal(bytes, ReadAll(reader));
    }

    [Fact]
    public async Task A_missing_object_throws_not_found_and_caches_nothing()
    {
        using var cache = OpenCache();
        using var store = new MemoryObjectStore();
        foreach (var mode in new[] { CacheMode.Eager, CacheMode.Lazy, CacheMode.RangeOnly })
        {
            await Assert.ThrowsAsync<ObjectNotFoundException>(async () => await cache.OpenAsync(store, Scope, "nope", mode));
        }
        Assert.Equal(0, cache.Stats.Entries);
    }

    [Fact]
    public async Task A_lazy_open_serves_reads_before_the_fill_completes_then_switches_to_the_local_file()
    {
        var store = new CountingObjectStore(new MemoryObjectStore());
        byte[] bytes = await PutRandom(store, "k", 256 << 10, 4);
        store.GatedLength = 64 << 10;
        using var cache = OpenCache(chunkSize: 64 << 10);
        using var reader = (LazyReader)await cache.OpenAsync(store, Scope, "k", CacheMode.Lazy,
            hints: [new ByteRange(1000, 100), new ByteRange(200_000, 50)]);
        int rangesAfterOpen = store.Ranges;
        Assert.Equal(bytes.AsSpan(1000, 100).ToArray(), reader.ReadBytes(1000, 100));
        Assert.Equal(bytes.AsSpan(200_010, 20).ToArray(), reader.ReadBytes(200_010, 20));
        Assert.Equal(rangesAfterOpen, store.Ranges);
        Assert.Equal(bytes.AsSpan(5000, 4096).ToArray(), reader.ReadBytes(5000, 4096));
        Assert.Equal(rangesAfterOpen + 1, store.Ranges);
        Assert.False(reader.IsLocal);

        store.Gate.SetResult();
        await cache.PendingFetch(Scope, "k")!;
        Assert.True(SpinWait.SpinUntil(() => reader.IsLocal, TimeSpan.FromSeconds(30)));
        int ranges = store.Ranges;
        Assert.Equal(bytes, ReadAll(reader));
        Assert.Equal(ranges, store.Ranges);
    }

    [Fact]
    public async Task Injected_faults_never_produce_a_wrong_or_partial_cached_object()
    {
        var memory = new MemoryObjectStore();
        var objects = new Dictionary<string, byte[]>();
        for (int i = 0; i < 20; i++)
        {
            objects[$"o/{i}"] = await PutRandom(memory, $"o/{i}", 10_000 + i * 7919, i);
        }
        var faulty = new FaultInjectingObjectStore(memory, new FaultInjectingObjectStoreOptions
        {
            Seed = 9, ErrorRate = 0.05, TimeoutRate = 0.02, TimeoutDelay = TimeSpan.FromMilliseconds(5), TruncateRate = 0.1,
        });
        using (var cache = OpenCache(chunkSize: 32 << 10, streams: 3))
        {
            foreach (var (key, bytes) in objects)
            {
                for (int attempt = 0; ; attempt++)
                {
                    try
                    {
                        using var reader = await cache.OpenAsync(faulty, Scope, key, CacheMode.Eager);
                        Assert.Equal(bytes, ReadAll(reader));
                        break;
                    }
                    catch (ObjectStoreTransientException) when (attempt < 200)
                    {
                        Assert.False(cache.Contains(Scope, key));
                    }
                }
            }
            Assert.True(faulty.InjectedFaults > 10, $"only {faulty.InjectedFaults} faults");
            Assert.Empty(TempFiles());
        }
        // After a restart every entry is whole and right, served without the store.
        using var reopened = OpenCache();
        using var empty = new MemoryObjectStore();
        foreach (var (key, bytes) in objects)
        {
            using var reader = await reopened.OpenAsync(empty, Scope, key, CacheMode.Eager);
            Assert.Equal(bytes, ReadAll(reader));
        }
    }

    [Fact]
    public async Task An_object_deleted_remotely_stays_readable_until_invalidated_and_then_is_not_found()
    {
        using var store = new MemoryObjectStore();
        byte[] bytes = await PutRandom(store, "k", 50_000, 5);
        using var cache = OpenCache();
        using var before = await cache.OpenAsync(store, Scope, "k", CacheMode.Eager);
        await store.DeleteAsync("k");
        using (var hit = await cache.OpenAsync(store, Scope, "k", CacheMode.Eager))
        {
            Assert.Equal(bytes, ReadAll(hit));
        }
        cache.Invalidate(Scope, "k");
        await Assert.ThrowsAsync<ObjectNotFoundException>(async () => await cache.OpenAsync(store, Scope, "k", CacheMode.Eager));
        Assert.Equal(bytes, ReadAll(before));
        Assert.Empty(EntryFiles());
    }

    [Fact]
    public async Task Scopes_keep_equal_keys_of_different_stores_apart()
    {
        using var first = new MemoryObjectStore();
        using var second = new MemoryObjectStore();
        byte[] a = await PutRandom(first, "config", 100, 6);
        byte[] b = await PutRandom(second, "config", 120, 7);
        using var cache = OpenCache();
        using var ra = await cache.OpenAsync(first, "s3://one/", "config", CacheMode.Eager);
        using var rb = await cache.OpenAsync(second, "s3://two/", "config", CacheMode.Eager);
        Assert.Equal(a, ReadAll(ra));
        Assert.Equal(b, ReadAll(rb));
    }

    [Fact]
    public async Task An_empty_object_is_cached_and_read_as_empty()
    {
        using var store = new MemoryObjectStore();
        await store.PutAsync("e", Payloads.Stream([]));
        using var cache = OpenCache();
        using var reader = await cache.OpenAsync(store, Scope, "e", CacheMode.Eager);
        Assert.Equal(0, reader.Length);
        Assert.Equal(0, reader.ReadAt(0, new byte[4]));
        Assert.True(cache.Contains(Scope, "e"));
    }
}
