using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Text;
using Lode.IO;

namespace Lode.Metadata.Tests;

public class ConcurrencyTests
{
    /// <summary>A value that names its key and a counter and checks itself, so a torn or misplaced value is detectable.</summary>
    private static byte[] Value(string key, int counter, int padding)
    {
        byte[] body = Encoding.UTF8.GetBytes($"{key}|{counter}|{new string('#', padding)}");
        var value = new byte[body.Length + 4];
        body.CopyTo(value, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(value.AsSpan(body.Length), Crc32C.Compute(body));
        return value;
    }

    private static void AssertIntact(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        ReadOnlySpan<byte> body = value[..^4];
        Assert.Equal(BinaryPrimitives.ReadUInt32LittleEndian(value[^4..]), Crc32C.Compute(body));
        // A renamed value keeps naming the key it was written under.
        bool moved = key.IndexOf("/moved/"u8) >= 0;
        Assert.True(moved || (body.StartsWith(key) && body[key.Length] == (byte)'|'), "a value stored under another key");
    }

    [Fact]
    public void Readers_and_writers_on_overlapping_and_disjoint_prefixes_never_see_torn_values()
    {
        using var directory = new TempDirectory();
        using var store = MetadataStore.Open(directory.Path, new MetadataStoreOptions
        {
            Durability = Durability.Async, RingBytes = MetadataStoreOptions.MinRingBytes, CheckpointWalBytes = 512 << 10,
        });
        const int Writers = 4;
        var finals = new ConcurrentDictionary<string, byte[]?>();
        using var stop = new CancellationTokenSource();
        var failures = new ConcurrentQueue<Exception>();
        void Guard(Action action)
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                failures.Enqueue(e);
                stop.Cancel();
            }
        }
        var writers = Enumerable.Range(0, Writers).Select(w => new Thread(() => Guard(() =>
        {
            var random = new Random(w);
            var own = new Dictionary<string, byte[]?>();
            for (int i = 0; i < 4000 && !stop.IsCancelled(); i++)
            {
                // Disjoint: this writer's own directory; overlapping: a directory every writer puts into.
                string key = random.Next(3) == 0 ? $"shared/d{random.Next(4)}/f{random.Next(50)}" : $"own{w}/d{random.Next(8)}/f{random.Next(40)}";
                if (random.Next(5) == 0)
                {
                    store.Delete(key);
                    own[key] = null;
                }
                else if (random.Next(20) == 0 && !key.StartsWith("shared", StringComparison.Ordinal))
                {
                    string to = $"own{w}/moved/f{random.Next(40)}";
                    if (store.Rename(key, to))
                    {
                        own[to] = own.GetValueOrDefault(key);
                        own[key] = null;
                    }
                }
                else
                {
                    byte[] value = Value(key, i, random.Next(0, 300));
                    store.Put(key, value);
                    own[key] = value;
                }
            }
            foreach (var (key, value) in own.Where(e => !e.Key.StartsWith("shared", StringComparison.Ordinal)))
            {
                finals[key] = value;
            }
        }))).ToList();
        var readers = Enumerable.Range(0, 3).Select(r => new Thread(() => Guard(() =>
        {
            var random = new Random(100 + r);
            while (writers.Any(t => t.IsAlive) && !stop.IsCancelled())
            {
                string prefix = random.Next(2) == 0 ? "shared/" : $"own{random.Next(Writers)}/";
                byte[]? previous = null;
                foreach (MetadataEntry entry in store.Scan(new ScanOptions { Prefix = Encoding.UTF8.GetBytes(prefix), Delimiter = random.Next(3) == 0 ? (byte)'/' : null }))
                {
                    Assert.True(previous is null || Oracle.Bytewise.Compare(previous, entry.Key.ToArray()) < 0, "scan out of order");
                    previous = entry.Key.ToArray();
                    if (!entry.IsCommonPrefix)
                    {
                        AssertIntact(entry.Key.Span, entry.Value.Span);
                    }
                }
                string probe = $"shared/d{random.Next(4)}/f{random.Next(50)}";
                if (store.Get(probe) is { } record)
                {
                    AssertIntact(Encoding.UTF8.GetBytes(probe), record.Value.Span);
                }
            }
        }))).ToList();
        writers.Concat(readers).ToList().ForEach(t => t.Start());
        writers.Concat(readers).ToList().ForEach(t => t.Join());
        Assert.Empty(failures);
        foreach (var (key, value) in finals)
        {
            Assert.Equal(value, store.Get(key)?.Value.ToArray());
        }
        foreach (MetadataEntry entry in store.Scan(ScanOptions.WithPrefix("shared/")))
        {
            AssertIntact(entry.Key.Span, entry.Value.Span);
        }
    }

    [Fact]
    public void Many_writers_with_large_values_through_the_smallest_ring_keep_every_write()
    {
        // 8 writers of 8 to 40 KiB values through a 256 KiB ring: records wrap and writers wait for room constantly.
        using var directory = new TempDirectory();
        var options = new MetadataStoreOptions { Durability = Durability.Async, RingBytes = MetadataStoreOptions.MinRingBytes, CheckpointOnDispose = false };
        var expected = new ConcurrentDictionary<string, byte[]>();
        using (var store = MetadataStore.Open(directory.Path, options))
        {
            var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
            {
                var random = new Random(t);
                for (int i = 0; i < 150; i++)
                {
                    string key = $"w{t}/k{random.Next(40)}";
                    byte[] value = Value(key, i, random.Next(8 << 10, 40 << 10));
                    store.Put(key, value);
                    expected[key] = value;
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            Assert.True(store.Stats.WalBytes > 40 * MetadataStoreOptions.MinRingBytes);
        }
        using var reopened = MetadataStore.Open(directory.Path, options);
        Assert.Equal(expected.Count, reopened.Stats.Keys);
        foreach (var (key, value) in expected)
        {
            Assert.Equal(value, reopened.Get(key)!.Value.ToArray());
        }
    }

    [Fact]
    public void Concurrent_compare_and_put_increments_lose_no_update()
    {
        using var store = MetadataStore.OpenInMemory();
        store.Put("counter", "0");
        const int Threads = 6;
        const int PerThread = 2000;
        var threads = Enumerable.Range(0, Threads).Select(_ => new Thread(() =>
        {
            for (int i = 0; i < PerThread; i++)
            {
                while (true)
                {
                    MetadataRecord current = store.Get("counter")!;
                    int next = int.Parse(current.ValueText, System.Globalization.CultureInfo.InvariantCulture) + 1;
                    if (store.CompareAndPut("counter", current.Version, next.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                    {
                        break;
                    }
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Equal((Threads * PerThread).ToString(System.Globalization.CultureInfo.InvariantCulture), store.Get("counter")!.ValueText);
    }

    [Fact]
    public void Concurrent_durable_writers_share_fsyncs()
    {
        using var directory = new TempDirectory();
        using var store = MetadataStore.Open(directory.Path);
        const int Threads = 8;
        const int PerThread = 150;
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            for (int i = 0; i < PerThread; i++)
            {
                store.Put($"t{t}/k{i}", "v");
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Equal(Threads * PerThread, store.Stats.Keys);
        Assert.True(store.Stats.DurableWalBytes == store.Stats.WalBytes);
        Assert.True(store.Stats.WalSyncs < Threads * PerThread, $"{store.Stats.WalSyncs} fsyncs for {Threads * PerThread} durable writes");
    }

    [Fact]
    public void Writes_during_background_checkpoints_all_survive_a_reopen_from_checkpoint_and_log()
    {
        using var directory = new TempDirectory();
        var options = new MetadataStoreOptions { Durability = Durability.Async, CheckpointWalBytes = 64 << 10, CheckpointOnDispose = false };
        var expected = new ConcurrentDictionary<string, string>();
        using (var store = MetadataStore.Open(directory.Path, options))
        {
            var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
            {
                for (int i = 0; i < 5000; i++)
                {
                    string key = $"t{t}/k{i % 700}";
                    string value = $"{i}";
                    store.Put(key, value);
                    expected[key] = value;
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            Assert.True(SpinWait.SpinUntil(() => store.Stats.Checkpoints > 0, TimeSpan.FromSeconds(60)));
        }
        using var reopened = MetadataStore.Open(directory.Path, options);
        Assert.True(reopened.Recovery.CheckpointFile is not null);
        Assert.Equal(expected.Count, reopened.Stats.Keys);
        foreach (var (key, value) in expected)
        {
            Assert.Equal(value, reopened.Get(key)!.ValueText);
        }
    }
}

internal static class CancellationExtensions
{
    public static bool IsCancelled(this CancellationTokenSource source) => source.IsCancellationRequested;
}
