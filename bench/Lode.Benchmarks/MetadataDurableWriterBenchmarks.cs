using BenchmarkDotNet.Attributes;
using Lode.Benchmarks.Metadata;

namespace Lode.Benchmarks;

/// <summary>
/// Durable writers: 1, 2, 4 and 8 threads each putting fresh keys, every put fsynced before it returns (Lode Sync
/// with group commit, SQLite WAL synchronous=FULL, LMDB synced commits, RocksDB sync=true), on a store preloaded
/// with 20 000 keys. One table: <c>dotnet run -c Release --project bench/Lode.Benchmarks -- --filter '*MetadataDurableWriter*'</c>.
/// The time reported is per put across all threads; throughput = 1 / time. The goal: Lode with 8 writers at
/// least 4× one writer's throughput.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 6)]
public class MetadataDurableWriterBenchmarks
{
    private const int Puts = 800;
    private static readonly byte[] Value = new byte[64];
    private string _directory = "";
    private IMetadataPeer _peer = null!;
    private long _next;

    [Params(1, 2, 4, 8)]
    public int Threads { get; set; }

    [ParamsAllValues]
    public MetadataEngine Engine { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("lode-bench-durable-").FullName;
        _peer = MetadataPeers.Open(Engine, _directory, durable: true);
        _peer.Load(MetadataKeys.Generate(KeyShape.Bucket, 20_000).Keys, Value);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _peer.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = Puts)]
    public void SyncPuts()
    {
        var threads = new Thread[Threads];
        for (int t = 0; t < Threads; t++)
        {
            threads[t] = new Thread(() =>
            {
                for (int i = 0; i < Puts / Threads; i++)
                {
                    long n = Interlocked.Increment(ref _next);
                    _peer.Put(System.Text.Encoding.ASCII.GetBytes($"writer/{n:D10}"), Value);
                }
            });
            threads[t].Start();
        }
        foreach (Thread thread in threads)
        {
            thread.Join();
        }
    }
}
