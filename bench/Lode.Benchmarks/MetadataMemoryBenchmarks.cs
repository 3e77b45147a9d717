using BenchmarkDotNet.Attributes;
using Lode.Benchmarks.Metadata;
using Lode.Metadata;

namespace Lode.Benchmarks;

/// <summary>
/// Memory of the memory-resident tree for catalog paths (<c>tree/&lt;snapshot-id&gt;/usr/include/…</c>, 40-byte
/// values like file entries): the setup builds a store of <see cref="Paths"/> paths and prints the managed heap it
/// retains ("metadata memory: …" in the log); the benchmark times building it.
/// <c>dotnet run -c Release --project bench/Lode.Benchmarks -- --filter '*MetadataMemory*'</c>
/// (LODE_BENCH_PATHS for another count).
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class MetadataMemoryBenchmarks
{
    private static readonly byte[] Entry = new byte[40];
    private byte[][] _paths = [];
    private MetadataStore? _kept;

    [ParamsSource(nameof(PathCounts))]
    public int Paths { get; set; }

    public static IEnumerable<int> PathCounts() =>
        [int.TryParse(Environment.GetEnvironmentVariable("LODE_BENCH_PATHS"), System.Globalization.CultureInfo.InvariantCulture, out int n) ? n : 1_000_000];

    [GlobalSetup]
    public void Setup()
    {
        _paths = MetadataKeys.CatalogPaths(Paths);
        long keyBytes = _paths.Sum(p => (long)p.Length);
        long before = GC.GetTotalMemory(forceFullCollection: true);
        _kept = Fill();
        long after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"metadata memory: {Paths} catalog paths ({keyBytes} key bytes, {(long)Paths * Entry.Length} value bytes) " +
            $"retain {after - before} bytes = {(after - before) / (double)Paths:F1} bytes per path");
    }

    [GlobalCleanup]
    public void Cleanup() => _kept?.Dispose();

    [Benchmark]
    public long Build()
    {
        using MetadataStore store = Fill();
        return store.Stats.Keys;
    }

    private MetadataStore Fill()
    {
        var store = MetadataStore.OpenInMemory();
        foreach (byte[] path in _paths)
        {
            store.Put(path, Entry);
        }
        return store;
    }
}
