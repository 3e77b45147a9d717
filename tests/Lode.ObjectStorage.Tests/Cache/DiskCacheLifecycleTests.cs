using Lode.IO;

namespace Lode.ObjectStorage.Tests;

public sealed class DiskCacheLifecycleTests : CacheTestBase
{
    /// <summary>A clock that moves only when told to.</summary>
    private sealed class ManualTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }

    [Fact]
    public async Task Warm_insert_is_idempotent_serves_without_the_store_and_rejects_a_wrong_size()
    {
        using var cache = OpenCache();
        using var empty = new MemoryObjectStore();
        byte[] bytes = Payloads.Random(70_000, 1);
        Assert.True(await cache.WarmInsertAsync(Scope, "k", Payloads.Stream(bytes), bytes.Length));
        Assert.True(await cache.WarmInsertAsync(Scope, "k", new ThrowingStream(), bytes.Length));
        using (var reader = await cache.OpenAsync(empty, Scope, "k", CacheMode.Eager))
        {
            Assert.Equal(bytes, ReadAll(reader));
        }
        Assert.Equal(1, cache.Stats.WarmInserts);

        await Assert.ThrowsAsync<ArgumentException>(async () => await cache.WarmInsertAsync(Scope, "short", Payloads.Stream(bytes), bytes.Length + 1));
        await Assert.ThrowsAsync<ArgumentException>(async () => await cache.WarmInsertAsync(Scope, "long", Payloads.Stream(bytes), bytes.Length - 1));
        Assert.False(cache.Contains(Scope, "short"));
        Assert.False(cache.Contains(Scope, "long"));
        Assert.Empty(TempFiles());
        Assert.Single(EntryFiles());
    }

    [Fact]
    public async Task Warm_insert_without_room_caches_nothing()
    {
        using var cache = OpenCache(budget: 10_000);
        Assert.False(await cache.WarmInsertAsync(Scope, "k", Payloads.Stream(new byte[20_000]), 20_000));
        Assert.Equal(0, cache.Stats.Entries);
        Assert.Empty(TempFiles());
    }

    [Fact]
    public async Task The_idle_sweep_releases_mappings_not_read_for_the_threshold_and_reads_go_on()
    {
        var time = new ManualTime();
        using var store = new MemoryObjectStore();
        byte[] a = await PutRandom(store, "a", 100_000, 1);
        byte[] b = await PutRandom(store, "b", 100_000, 2);
        using var cache = OpenCache(time: time, idle: TimeSpan.FromMinutes(1));
        using var ra = await cache.OpenAsync(store, Scope, "a", CacheMode.Eager);
        using var rb = await cache.OpenAsync(store, Scope, "b", CacheMode.Eager);
        Assert.Equal(a, ReadAll(ra));
        Assert.Equal(0, cache.Sweep());
        time.Advance(TimeSpan.FromSeconds(40));
        Assert.Equal(b, ReadAll(rb));
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, cache.Sweep());
        Assert.Equal(0, cache.Sweep());
        Assert.Equal(1, cache.Stats.IdleSweeps);
        Assert.Equal(a, ReadAll(ra));
        Assert.Equal(b, ReadAll(rb));
    }

    [Fact]
    public async Task Past_the_resident_budget_the_sweep_releases_the_least_recently_read_first()
    {
        var time = new ManualTime();
        using var store = new MemoryObjectStore();
        var readers = new List<IByteSource>();
        using var cache = OpenCache(time: time, residentBudget: 250_000);
        for (int i = 0; i < 4; i++)
        {
            await PutRandom(store, $"o/{i}", 100_000, i);
            var reader = await cache.OpenAsync(store, Scope, $"o/{i}", CacheMode.Eager);
            reader.ReadBytes(0, 10);
            time.Advance(TimeSpan.FromSeconds(1));
            readers.Add(reader);
        }
        Assert.Equal(2, cache.Sweep());
        readers[0].ReadBytes(0, 10);
        time.Advance(TimeSpan.FromSeconds(1));
        // o/0 was read again, so o/2 is now the least recently read of the unswept: it goes first.
        Assert.Equal(1, cache.Sweep());
        readers.ForEach(r => r.Dispose());
    }

    [Fact]
    public async Task After_a_restart_entries_are_found_again_and_torn_files_and_temp_files_are_removed()
    {
        using var store = new MemoryObjectStore();
        var objects = new Dictionary<string, byte[]>();
        using (var cache = OpenCache())
        {
            for (int i = 0; i < 4; i++)
            {
                objects[$"o/{i}"] = await PutRandom(store, $"o/{i}", 30_000 + i, i);
                using var reader = await cache.OpenAsync(store, Scope, $"o/{i}", CacheMode.Eager);
            }
        }
        string[] entries = EntryFiles().Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(4, entries.Length);
        // A crash: one entry truncated, one with a byte appended, one foreign file, a temp file left behind.
        using (var file = File.OpenWrite(entries[0]))
        {
            file.SetLength(file.Length - 1);
        }
        await File.AppendAllTextAsync(entries[1], "x");
        await File.WriteAllTextAsync(Path.Join(CacheDirectory, "entries", "not-an-entry"), "junk");
        await File.WriteAllBytesAsync(Path.Join(CacheDirectory, "tmp", "crashed.part"), new byte[1000]);

        using var reopened = OpenCache();
        Assert.Equal(2, reopened.Stats.Entries);
        Assert.Empty(TempFiles());
        Assert.Equal(2, EntryFiles().Length);
        using var empty = new MemoryObjectStore();
        int served = 0;
        foreach (var (key, bytes) in objects)
        {
            if (reopened.Contains(Scope, key))
            {
                using var reader = await reopened.OpenAsync(empty, Scope, key, CacheMode.Eager);
                Assert.Equal(bytes, ReadAll(reader));
                served++;
            }
            else
            {
                using var reader = await reopened.OpenAsync(store, Scope, key, CacheMode.Eager);
                Assert.Equal(bytes, ReadAll(reader));
            }
        }
        Assert.Equal(2, served);
    }

    [Fact]
    public async Task A_restart_with_a_smaller_budget_evicts_down_to_it()
    {
        using var store = new MemoryObjectStore();
        using (var cache = OpenCache())
        {
            for (int i = 0; i < 5; i++)
            {
                await PutRandom(store, $"o/{i}", 10_000, i);
                using var reader = await cache.OpenAsync(store, Scope, $"o/{i}", CacheMode.Eager);
            }
        }
        using var smaller = OpenCache(budget: 25_000);
        Assert.Equal(2, smaller.Stats.Entries);
        Assert.InRange(smaller.Stats.Bytes, 1, 25_000);
    }

    [Fact]
    public async Task A_temp_file_held_by_a_live_writer_is_not_removed_by_another_open()
    {
        Directory.CreateDirectory(Path.Join(CacheDirectory, "tmp"));
        string temp = Path.Join(CacheDirectory, "tmp", "live.part");
        await using var live = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        using var cache = OpenCache();
        Assert.True(File.Exists(temp));
    }

    private sealed class ThrowingStream : MemoryStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("An idempotent warm insert must not read its content.");
    }
}
