using Lode.IO;

namespace Lode.ObjectStorage.Tests;

public sealed class FaultInjectingObjectStoreTests
{
    private static async Task<List<string>> Outcomes(int seed, double errorRate, double truncateRate)
    {
        using var store = new FaultInjectingObjectStore(new MemoryObjectStore(),
            new FaultInjectingObjectStoreOptions { Seed = seed, ErrorRate = errorRate, TruncateRate = truncateRate });
        var bytes = Payloads.Random(1000, 1);
        while (true)
        {
            try
            {
                await store.PutAsync("k", Payloads.Stream(bytes));
                break;
            }
            catch (ObjectStoreTransientException)
            {
            }
        }
        var outcomes = new List<string>();
        for (int i = 0; i < 400; i++)
        {
            try
            {
                byte[] read = await store.GetRangeAsync("k", 100, 500);
                outcomes.Add(read.Length == 500 ? "ok" : "short");
                if (read.Length == 500)
                {
                    Assert.Equal(bytes.AsSpan(100, 500).ToArray(), read);
                }
            }
            catch (ObjectStoreTransientException e)
            {
                Assert.StartsWith("Injected", e.Message, StringComparison.Ordinal);
                outcomes.Add("error");
            }
        }
        return outcomes;
    }

    [Fact]
    public async Task Faults_come_at_about_the_configured_rates()
    {
        var outcomes = await Outcomes(seed: 5, errorRate: 0.25, truncateRate: 0.2);
        double errors = outcomes.Count(o => o == "error") / 400.0;
        double shorts = outcomes.Count(o => o == "short") / (double)outcomes.Count(o => o != "error");
        Assert.InRange(errors, 0.15, 0.35);
        Assert.InRange(shorts, 0.1, 0.3);
    }

    [Fact]
    public async Task One_seed_gives_one_sequence_of_faults()
    {
        Assert.Equal(await Outcomes(7, 0.3, 0.3), await Outcomes(7, 0.3, 0.3));
        Assert.NotEqual(await Outcomes(7, 0.3, 0.3), await Outcomes(8, 0.3, 0.3));
    }

    [Fact]
    public async Task Readers_fail_and_truncate_too()
    {
        var memory = new MemoryObjectStore();
        await memory.PutAsync("k", Payloads.Stream(new byte[4096]));
        using var store = new FaultInjectingObjectStore(memory,
            new FaultInjectingObjectStoreOptions { Seed = 3, ErrorRate = 0.3, TruncateRate = 0.3 });
        IByteSource? reader = null;
        while (reader is null)
        {
            try
            {
                reader = await store.OpenReadAsync("k");
            }
            catch (ObjectStoreTransientException)
            {
            }
        }
        using (reader)
        {
            int errors = 0, shorts = 0;
            for (int i = 0; i < 200; i++)
            {
                try
                {
                    if (reader.ReadAt(0, new byte[100]) < 100)
                    {
                        shorts++;
                    }
                }
                catch (ObjectStoreTransientException)
                {
                    errors++;
                }
            }
            Assert.InRange(errors, 20, 100);
            Assert.InRange(shorts, 10, 100);
            Assert.True(store.InjectedFaults >= errors + shorts);
        }
    }

    [Fact]
    public void Rates_outside_zero_to_one_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaultInjectingObjectStore(new MemoryObjectStore(),
            new FaultInjectingObjectStoreOptions { ErrorRate = 1.5 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaultInjectingObjectStore(new MemoryObjectStore(),
            new FaultInjectingObjectStoreOptions { TruncateRate = -0.1 }));
    }
}
