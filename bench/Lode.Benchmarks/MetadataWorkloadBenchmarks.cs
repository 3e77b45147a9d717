using BenchmarkDotNet.Attributes;
using Lode.Benchmarks.Metadata;

namespace Lode.Benchmarks;

/// <summary>
/// The spec's metadata workloads (<see cref="MetadataOperation"/>) under BenchmarkDotNet, one process per case: for a
/// close look at one case. The tables come from the <c>metadata</c> command, which loads each store once
/// (<see cref="MetadataCommand"/>); both drive the engines through <see cref="MetadataWorkload"/>. Engines in their
/// no-fsync modes (Lode Async, SQLite WAL synchronous=NORMAL, LMDB MDB_NOSYNC, RocksDB sync=false). Each reported time
/// is per operation. <c>LODE_BENCH_KEYS=20000 dotnet run -c Release --project bench/Lode.Benchmarks -- --filter '*MetadataWorkload*'</c>
/// runs the 56 cases at 20 000 keys; without LODE_BENCH_KEYS, all 112 (hours).
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class MetadataWorkloadBenchmarks
{
    private const int Operations = 2000;
    private string _directory = "";
    private IMetadataPeer _peer = null!;
    private MetadataWorkload _workload = null!;

    [ParamsSource(nameof(KeyCounts))]
    public int Keys { get; set; }

    [Params(KeyShape.Bucket, KeyShape.Usr)]
    public KeyShape Shape { get; set; }

    [ParamsAllValues]
    public MetadataEngine Engine { get; set; }

    [ParamsAllValues]
    public MetadataOperation Operation { get; set; }

    public static IEnumerable<int> KeyCounts() => MetadataKeys.Counts();

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("lode-bench-metadata-").FullName;
        _peer = MetadataPeers.Open(Engine, _directory, durable: false);
        var keys = MetadataKeys.Generate(Shape, Keys);
        _peer.Load(keys.Keys, MetadataWorkload.Value);
        _workload = new MetadataWorkload(_peer, keys, seed: 42);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _peer.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public long Run() => _workload.Run(Operation, Operations);
}
