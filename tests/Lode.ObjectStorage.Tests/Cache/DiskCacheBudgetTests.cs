namespace Lode.ObjectStorage.Tests;

public sealed class DiskCacheBudgetTests : CacheTestBase
{
    private const int ObjectBytes = 100_000;

    /// <summary>Fills the cache with objects "o/0".."o/{count-1}" of about <see cref="ObjectBytes"/> each, one after another.</summary>
    private static async Task Fill(DiskCache cache, IObjectStore store, params string[] keys)
    {
        foreach (string key in keys)
        {
            using var reader = await cache.OpenAsync(store, Scope, key, CacheMode.Eager);
        }
    }

    private static async Task<MemoryObjectStore> StoreWith(int count, int length = ObjectBytes)
    {
        var store = new MemoryObjectStore();
        for (int i = 0; i < count; i++)
        {
            await PutRandom(store, $"o/{i}", length, i);
        }
        return store;
    }

    // Room for three objects of ObjectBytes and their trailers, not four.
    private const long ThreeObjects = 3 * ObjectBytes + 3 * 100;

    [Fact]
    public async Task Eviction_removes_the_least_recently_used_entry_first()
    {
        using var store = await StoreWith(5);
        using var cache = OpenCache(budget: ThreeObjects);
        await Fill(cache, store, "o/0", "o/1", "o/2");
        await Fill(cache, store, "o/0");
        await Fill(cache, store, "o/3");
        Assert.True(cache.Contains(Scope, "o/0"));
        Assert.False(cache.Contains(Scope, "o/1"));
        Assert.True(cache.Contains(Scope, "o/2"));
        Assert.True(cache.Contains(Scope, "o/3"));
        await Fill(cache, store, "o/4");
        Assert.False(cache.Contains(Scope, "o/2"));
        Assert.Equal(2, cache.Stats.Evictions);
        Assert.Equal(3, EntryFiles().Length);
    }

    [Fact]
    public async Task Pinned_entries_and_entries_with_open_readers_survive_eviction()
    {
        using var store = await StoreWith(8);
        using var cache = OpenCache(budget: ThreeObjects);
        cache.Pin(Scope, "o/0");
        await Fill(cache, store, "o/0");
        using var open = await cache.OpenAsync(store, Scope, "o/1", CacheMode.Eager);
        await Fill(cache, store, "o/2", "o/3", "o/4", "o/5");
        Assert.True(cache.Contains(Scope, "o/0"));
        Assert.True(cache.Contains(Scope, "o/1"));
        Assert.Equal(await store.GetAsync("o/1"), ReadAll(open));
        cache.Unpin(Scope, "o/0");
        await Fill(cache, store, "o/6");
        Assert.False(cache.Contains(Scope, "o/0"));
    }

    [Fact]
    public async Task With_no_room_an_open_falls_back_to_range_reads()
    {
        using var store = await StoreWith(4);
        byte[] huge = await PutRandom(store, "huge", 400_000, 99);
        using var cache = OpenCache(budget: ThreeObjects);
        using (var reader = await cache.OpenAsync(store, Scope, "huge", CacheMode.Eager))
        {
            Assert.Equal(huge, ReadAll(reader));
        }
        Assert.False(cache.Contains(Scope, "huge"));
        Assert.Equal(1, cache.Stats.RangeOnlyReads);

        // Every entry pinned: nothing can be evicted, so the fourth object is read with ranges.
        foreach (string key in new[] { "o/0", "o/1", "o/2" })
        {
            cache.Pin(Scope, key);
        }
        await Fill(cache, store, "o/0", "o/1", "o/2");
        using (var reader = await cache.OpenAsync(store, Scope, "o/3", CacheMode.Eager))
        {
            Assert.Equal(await store.GetAsync("o/3"), ReadAll(reader));
        }
        Assert.False(cache.Contains(Scope, "o/3"));
        Assert.Equal(2, cache.Stats.RangeOnlyReads);
        Assert.Equal(0, cache.Stats.Evictions);
    }

    [Fact]
    public async Task Bytes_on_disk_never_exceed_the_budget_under_concurrent_fills()
    {
        var memory = new MemoryObjectStore();
        var lengths = new Dictionary<string, byte[]>();
        for (int i = 0; i < 40; i++)
        {
            lengths[$"o/{i}"] = await PutRandom(memory, $"o/{i}", 20_000 + i * 5000, i);
        }
        var store = new LatencyObjectStore(memory, TimeSpan.FromMilliseconds(1));
        const long Budget = 600_000;
        using var cache = OpenCache(budget: Budget, chunkSize: 16 << 10, streams: 2);
        using var done = new CancellationTokenSource();
        long worstDisk = 0, worstCounted = 0;
        var monitor = Task.Run(() =>
        {
            while (!done.IsCancellationRequested)
            {
                worstDisk = Math.Max(worstDisk, BytesOnDisk());
                worstCounted = Math.Max(worstCounted, cache.Stats.Bytes);
            }
        });
        var random = new Random(3);
        var order = Enumerable.Range(0, 160).Select(_ => $"o/{random.Next(40)}").ToArray();
        await Parallel.ForEachAsync(order, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (key, token) =>
        {
            using var reader = await cache.OpenAsync(store, Scope, key, CacheMode.Eager, cancellationToken: token);
            Assert.Equal(lengths[key], ReadAll(reader));
        });
        await done.CancelAsync();
        await monitor;
        Assert.InRange(worstDisk, 1, Budget);
        Assert.InRange(worstCounted, 1, Budget);
        Assert.True(cache.Stats.Evictions > 0);
        Assert.Empty(TempFiles());
    }

    [Fact]
    public async Task Clear_drops_every_entry_and_open_readers_keep_working()
    {
        using var store = await StoreWith(3);
        using var cache = OpenCache();
        await Fill(cache, store, "o/0", "o/1");
        using var open = await cache.OpenAsync(store, Scope, "o/2", CacheMode.Eager);
        cache.Clear();
        Assert.Equal(0, cache.Stats.Entries);
        Assert.Empty(EntryFiles());
        Assert.Equal(await store.GetAsync("o/2"), ReadAll(open));
        Assert.True(cache.Stats.Bytes > 0);
        open.Dispose();
        Assert.Equal(0, cache.Stats.Bytes);
    }
}
