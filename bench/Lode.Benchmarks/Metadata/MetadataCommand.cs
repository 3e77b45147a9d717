using System.Diagnostics;
using Lode.Benchmarks.SnapshotRead;

namespace Lode.Benchmarks.Metadata;

/// <summary>One engine's results at one key count and shape: load time and each workload's timing.</summary>
internal sealed record StoreRun(MetadataEngine Engine, TimeSpan Load, IReadOnlyDictionary<MetadataOperation, OperationTiming> Timings);

/// <summary>Durable writers at one thread count: throughput, per-put latency (µs), and for Lode puts per log fsync (else NaN).</summary>
internal readonly record struct WriterResult(double PutsPerSecond, double P50Us, double P99Us, double PutsPerSync);

/// <summary>
/// <c>metadata [options]</c> (issue 6): the spec's workload tables and the durable-writer table in bounded time. Per key
/// count, key shape and engine it loads a store once, then times every workload (<see cref="WorkloadTimer"/>); then, per
/// engine, durable writers at each thread count on a store preloaded with 20 000 keys. Prints markdown on stdout as each
/// table completes, progress on stderr. Engines whose native library is missing are reported as n/a.
/// </summary>
internal static class MetadataCommand
{
    private const string Usage = """
        usage: metadata [--keys 20000,2000000] [--shapes bucket,usr] [--engines lode,sqlite,lmdb,rocksdb]
                        [--seconds 5] [--warmup 1] [--rounds 10] (per workload and engine)
                        [--tables workloads,writers] [--threads 1,2,4,8] [--writer-seconds 3] [--dir DIR (default temp)] [--seed 42]
        """;

    public static int Run(string[] args)
    {
        MetadataRunSettings settings;
        try
        {
            settings = MetadataRunSettings.From(CommandOptions.Parse(args, MetadataRunSettings.Names) ?? throw new ArgumentException("unknown option"));
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            Console.Error.WriteLine($"metadata: {e.Message}");
            Console.Error.WriteLine(Usage);
            return 2;
        }
        System.IO.Directory.CreateDirectory(settings.Directory);
        Console.Error.WriteLine($"metadata: about {settings.Estimate().TotalMinutes:F1} min of measuring, plus loading the stores");
        var clock = Stopwatch.StartNew();
        MetadataReport.Header(settings, WorkloadTimer.TimerCostNs());
        if (settings.Workloads)
        {
            var loads = new List<(int Keys, KeyShape Shape, List<StoreRun> Runs)>();
            foreach (int count in settings.Keys)
            {
                foreach (KeyShape shape in settings.Shapes)
                {
                    var keys = MetadataKeys.Generate(shape, count);
                    var runs = settings.Engines.Select(engine => RunWorkloads(settings, engine, keys, count, shape)).OfType<StoreRun>().ToList();
                    MetadataReport.Workloads(settings, count, shape, runs);
                    loads.Add((count, shape, runs));
                }
            }
            MetadataReport.Loads(settings, loads);
        }
        if (settings.Writers)
        {
            var rows = settings.Engines.Select(engine => (engine, RunWriters(settings, engine))).ToList();
            MetadataReport.Writers(settings, rows);
        }
        Console.WriteLine($"Run took {clock.Elapsed.TotalMinutes:F1} min.");
        return 0;
    }

    private static StoreRun? RunWorkloads(MetadataRunSettings settings, MetadataEngine engine, MetadataKeys keys, int count, KeyShape shape)
    {
        Console.Error.Write($"{count} {shape} {engine}: loading...");
        return WithEngine(settings, engine, durable: false, peer =>
        {
            long start = Stopwatch.GetTimestamp();
            peer.Load(keys.Keys, MetadataWorkload.Value);
            TimeSpan load = Stopwatch.GetElapsedTime(start);
            Console.Error.Write($" {load.TotalSeconds:F1} s;");
            var workload = new MetadataWorkload(peer, keys, settings.Seed);
            var timings = new Dictionary<MetadataOperation, OperationTiming>();
            foreach (MetadataOperation operation in Enum.GetValues<MetadataOperation>())
            {
                timings[operation] = WorkloadTimer.Measure(workload, operation, settings.Plan);
                Console.Error.Write($" {operation} {timings[operation].MedianNs:F0} ns;");
            }
            Console.Error.WriteLine();
            return new StoreRun(engine, load, timings);
        });
    }

    private static Dictionary<int, WriterResult>? RunWriters(MetadataRunSettings settings, MetadataEngine engine)
    {
        Console.Error.Write($"writers {engine}:");
        return WithEngine(settings, engine, durable: true, peer =>
        {
            peer.Load(MetadataKeys.Generate(KeyShape.Bucket, 20_000).Keys, MetadataWorkload.Value);
            var writers = new DurableWriters(peer);
            writers.Run(1, long.MaxValue, settings.WriterTime / 4);
            var results = new Dictionary<int, WriterResult>();
            foreach (int threads in settings.Threads)
            {
                long syncs = (peer as LodePeer)?.Stats.WalSyncs ?? 0;
                var latencies = new List<long>();
                (long puts, TimeSpan elapsed) = writers.Run(threads, long.MaxValue, settings.WriterTime, latencies);
                double perSync = peer is LodePeer lode ? puts / (double)Math.Max(1, lode.Stats.WalSyncs - syncs) : double.NaN;
                var latency = LatencySummary.FromTicks(latencies);
                results[threads] = new WriterResult(puts / elapsed.TotalSeconds, latency.P50, latency.P99, perSync);
                Console.Error.Write($" {threads}: {results[threads].PutsPerSecond:F0}/s;");
            }
            Console.Error.WriteLine();
            return results;
        });
    }

    /// <summary>Opens <paramref name="engine"/> in a fresh directory, runs <paramref name="body"/>, closes and deletes it; null when the engine's native library is missing.</summary>
    private static T? WithEngine<T>(MetadataRunSettings settings, MetadataEngine engine, bool durable, Func<IMetadataPeer, T> body)
        where T : class
    {
        string directory = Path.Join(settings.Directory, $"lode-metadata-{engine}-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(directory);
        try
        {
            using IMetadataPeer peer = MetadataPeers.Open(engine, directory, durable);
            return body(peer);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            Console.Error.WriteLine($" n/a ({e.Message})");
            return null;
        }
        finally
        {
            System.IO.Directory.Delete(directory, recursive: true);
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }
}
