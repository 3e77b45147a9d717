using System.Globalization;

namespace Lode.Benchmarks.Metadata;

/// <summary>The markdown the <c>metadata</c> command prints (see docs/benchmarks.md for the column meanings).</summary>
internal static class MetadataReport
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static void Header(MetadataRunSettings settings, double timerNs)
    {
        var plan = settings.Plan;
        Console.WriteLine(string.Create(C, $"Metadata stores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, stores in {settings.Directory}, seed {settings.Seed}."));
        Console.WriteLine(string.Create(C, $"Per workload and engine: {plan.Warmup.TotalSeconds:0.##} s warmup, then {plan.Rounds} rounds of equal operation counts lasting about {plan.Measure.TotalSeconds:0.##} s in all."));
        Console.WriteLine(string.Create(C, $"Cells: µs per operation, median over rounds of each round's mean (p99 of single operations, one in {WorkloadTimer.SampleEvery} timed alone, each including a {timerNs:F0} ns timer read)."));
        Console.WriteLine("Ratios: the peer's median / Lode's median (above 1: Lode is faster). Lode Async; SQLite WAL, synchronous=NORMAL, 1 GiB page cache; LMDB MDB_NOSYNC; RocksDB sync=false, 1 GiB block cache, Bloom filters.");
        Console.WriteLine();
    }

    public static void Workloads(MetadataRunSettings settings, int keys, KeyShape shape, IReadOnlyList<StoreRun> runs)
    {
        string example = shape == KeyShape.Bucket ? "bucket-NN/dir-DD/sub-S/file-NNNNNN.bin" : "/usr/share/category-N/file-NNNNNNN";
        Console.WriteLine(string.Create(C, $"### {keys:N0} keys, `{example}`"));
        Console.WriteLine();
        var lode = runs.FirstOrDefault(r => r.Engine == MetadataEngine.Lode);
        var peers = settings.Engines.Where(e => e != MetadataEngine.Lode).ToList();
        Console.WriteLine("| workload | " + string.Join(" | ", settings.Engines.Select(Name).Concat(peers.Select(p => $"{Name(p)} / Lode"))) + " |");
        Console.WriteLine("|---|" + string.Concat(Enumerable.Repeat("---:|", settings.Engines.Length + peers.Count)));
        foreach (MetadataOperation operation in Enum.GetValues<MetadataOperation>())
        {
            var cells = settings.Engines.Select(e => runs.FirstOrDefault(r => r.Engine == e) is { } run ? Cell(run.Timings[operation]) : "n/a");
            var ratios = peers.Select(e => runs.FirstOrDefault(r => r.Engine == e) is { } run && lode is not null
                ? string.Create(C, $"{run.Timings[operation].MedianNs / lode.Timings[operation].MedianNs:F1}×")
                : "n/a");
            Console.WriteLine($"| {Name(operation)} | {string.Join(" | ", cells.Concat(ratios))} |");
        }
        Console.WriteLine();
    }

    public static void Loads(MetadataRunSettings settings, IReadOnlyList<(int Keys, KeyShape Shape, List<StoreRun> Runs)> loads)
    {
        Console.WriteLine("Load (seconds to put every key into an empty store, each engine's bulk path: Lode one put per key, SQLite one transaction, LMDB one write transaction, RocksDB batches of 10 000 then a full compaction):");
        Console.WriteLine();
        Console.WriteLine("| keys | shape | " + string.Join(" | ", settings.Engines.Select(Name)) + " |");
        Console.WriteLine("|---:|---|" + string.Concat(Enumerable.Repeat("---:|", settings.Engines.Length)));
        foreach (var (keys, shape, runs) in loads)
        {
            var cells = settings.Engines.Select(e => runs.FirstOrDefault(r => r.Engine == e) is { } run ? string.Create(C, $"{run.Load.TotalSeconds:F2}") : "n/a");
            Console.WriteLine(string.Create(C, $"| {keys:N0} | {shape.ToString().ToLowerInvariant()} | {string.Join(" | ", cells)} |"));
        }
        Console.WriteLine();
    }

    public static void Writers(MetadataRunSettings settings, IReadOnlyList<(MetadataEngine Engine, Dictionary<int, WriterResult>? Results)> rows)
    {
        int first = settings.Threads[0];
        int last = settings.Threads[^1];
        Console.WriteLine(string.Create(C, $"### Durable writers (every put fsynced before it returns; {settings.WriterTime.TotalSeconds:0.##} s per thread count, store preloaded with 20,000 keys)"));
        Console.WriteLine();
        Console.WriteLine("Lode Sync (group commit), SQLite WAL synchronous=FULL, LMDB synced commits, RocksDB sync=true. Cells: puts/s (p50 / p99 µs per put).");
        Console.WriteLine();
        Console.WriteLine("| engine | " + string.Join(" | ", settings.Threads.Select(t => t == 1 ? "1 writer" : $"{t} writers")) + $" | {last} / {first} |");
        Console.WriteLine("|---|" + string.Concat(Enumerable.Repeat("---:|", settings.Threads.Length + 1)));
        foreach (var (engine, results) in rows)
        {
            var cells = settings.Threads.Select(t => results is null ? "n/a" : string.Create(C, $"{results[t].PutsPerSecond:N0} ({results[t].P50Us:N0} / {results[t].P99Us:N0})"));
            string ratio = results is null ? "n/a" : string.Create(C, $"{results[last].PutsPerSecond / results[first].PutsPerSecond:F2}×");
            Console.WriteLine($"| {Name(engine)} | {string.Join(" | ", cells)} | {ratio} |");
        }
        if (rows.FirstOrDefault(r => r.Engine == MetadataEngine.Lode).Results is { } lode)
        {
            Console.WriteLine();
            Console.WriteLine("Lode puts per log fsync (group commit): " + string.Join(", ", settings.Threads.Select(t => string.Create(C, $"{t} → {lode[t].PutsPerSync:F1}"))) + ".");
        }
        Console.WriteLine();
    }

    private static string Cell(OperationTiming timing) => $"{Micros(timing.MedianNs)} ({Micros(timing.P99Ns)})";

    private static string Micros(double ns) => (ns / 1000) switch
    {
        < 10 and var us => us.ToString("F2", C),
        < 100 and var us => us.ToString("F1", C),
        var us => us.ToString("N0", C),
    };

    private static string Name(MetadataEngine engine) => engine switch
    {
        MetadataEngine.Sqlite => "SQLite",
        MetadataEngine.Lmdb => "LMDB",
        MetadataEngine.RocksDb => "RocksDB",
        _ => "Lode",
    };

    private static string Name(MetadataOperation operation) => operation switch
    {
        MetadataOperation.Get => "get",
        MetadataOperation.Put => "put (update)",
        MetadataOperation.List => "list (take 100)",
        MetadataOperation.ListDir => "list_dir ('/', take 8)",
        MetadataOperation.CreateDelete => "create+delete",
        MetadataOperation.Rename => "rename",
        _ => "mix 45/20/10/10/10/5",
    };
}
