using BenchmarkDotNet.Attributes;
using Lode.Benchmarks.Metadata;

namespace Lode.Benchmarks;

/// <summary>
/// Durable writers under BenchmarkDotNet (<see cref="DurableWriters"/>): 1, 2, 4 and 8 threads each putting fresh keys,
/// every put fsynced before it returns (Lode Sync with group commit, SQLite WAL synchronous=FULL, LMDB synced commits,
/// RocksDB sync=true), on a store preloaded with 20 000 keys. The table comes from the <c>metadata</c> command;
/// this class is for a close look: <c>dotnet run -c Release --project bench/Lode.Benchmarks -- --filter '*MetadataDurableWriter*'</c>.
/// The time reported is per put across all threads; throughput = 1 / time.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 6)]
public class MetadataDurableWriterBenchmarks
{
    private const int Puts = 800;
    private string _directory = "";
    private IMetadataPeer _peer = null!;
    private DurableWriters _writers = null!;

    [Params(1, 2, 4, 8)]
    public int Threads { get; set; }

    [ParamsAllValues]
    public MetadataEngine Engine { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("lode-bench-durable-").FullName;
        _peer = MetadataPeers.Open(Engine, _directory, durable: true);
        _peer.Load(MetadataKeys.Generate(KeyShape.Bucket, 20_000).Keys, MetadataWorkload.Value);
        _writers = new DurableWriters(_peer);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _peer.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = Puts)]
    public long SyncPuts() => _writers.Run(Threads, Puts / Threads, Timeout.InfiniteTimeSpan).Puts;
}
