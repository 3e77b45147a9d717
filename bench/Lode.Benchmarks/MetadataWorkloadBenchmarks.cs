using BenchmarkDotNet.Attributes;
using Lode.Benchmarks.Metadata;

namespace Lode.Benchmarks;

/// <summary>
/// The reference's metadata workloads (holt): get, put (update), list (take 100), list_dir (delimiter '/',
/// take 8), create+delete, rename, and the mix (45 % get, 20 % update, 10 % list, 10 % list_dir, 10 %
/// create+delete, 5 % rename), on two key shapes at 20 000 and 2 000 000 keys, for Lode and its peers in their
/// no-fsync modes (Lode Async, SQLite WAL synchronous=NORMAL, LMDB MDB_NOSYNC, RocksDB sync=false). One table:
/// <c>dotnet run -c Release --project bench/Lode.Benchmarks -- --filter '*MetadataWorkload*'</c>
/// (LODE_BENCH_KEYS=20000 for one size). Each reported time is per operation.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class MetadataWorkloadBenchmarks
{
    private const int Operations = 2000;
    private static readonly byte[] Value = new byte[64];
    private string _directory = "";
    private IMetadataPeer _peer = null!;
    private MetadataKeys _keys = null!;
    private Random _random = null!;

    [ParamsSource(nameof(KeyCounts))]
    public int Keys { get; set; }

    [Params(KeyShape.Bucket, KeyShape.Usr)]
    public KeyShape Shape { get; set; }

    [ParamsAllValues]
    public MetadataEngine Engine { get; set; }

    public static IEnumerable<int> KeyCounts() => MetadataKeys.Counts();

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("lode-bench-metadata-").FullName;
        _peer = MetadataPeers.Open(Engine, _directory, durable: false);
        _keys = MetadataKeys.Generate(Shape, Keys);
        _peer.Load(_keys.Keys, Value);
        _random = new Random(42);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _peer.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private byte[] AnyKey() => _keys.Keys[_random.Next(_keys.Keys.Length)];

    [Benchmark(OperationsPerInvoke = Operations)]
    public int Get()
    {
        int bytes = 0;
        for (int i = 0; i < Operations; i++)
        {
            bytes += _peer.Get(AnyKey());
        }
        return bytes;
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public void Put()
    {
        for (int i = 0; i < Operations; i++)
        {
            _peer.Put(AnyKey(), Value);
        }
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public int List()
    {
        int n = 0;
        for (int i = 0; i < Operations; i++)
        {
            n += ListOnce();
        }
        return n;
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public int ListDir()
    {
        int n = 0;
        for (int i = 0; i < Operations; i++)
        {
            n += ListDirOnce();
        }
        return n;
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public void CreateDelete()
    {
        for (int i = 0; i < Operations; i++)
        {
            CreateDeleteOnce();
        }
    }

    /// <summary>Each operation renames a key away and the next renames it back, so the key set stays the same.</summary>
    [Benchmark(OperationsPerInvoke = Operations)]
    public void Rename()
    {
        for (int i = 0; i < Operations / 2; i++)
        {
            RenameTwice();
        }
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public int Mix()
    {
        int n = 0;
        for (int i = 0; i < Operations; i++)
        {
            int dice = _random.Next(100);
            if (dice < 45)
            {
                n += _peer.Get(AnyKey());
            }
            else if (dice < 65)
            {
                _peer.Put(AnyKey(), Value);
            }
            else if (dice < 75)
            {
                n += ListOnce();
            }
            else if (dice < 85)
            {
                n += ListDirOnce();
            }
            else if (dice < 95)
            {
                CreateDeleteOnce();
            }
            else
            {
                RenameTwice();
            }
        }
        return n;
    }

    private int ListOnce() => _peer.List(_keys.FileDirectories[_random.Next(_keys.FileDirectories.Length)], 100);

    private int ListDirOnce() => _peer.ListDirectory(_keys.ParentDirectories[_random.Next(_keys.ParentDirectories.Length)], 8);

    private void CreateDeleteOnce()
    {
        byte[] key = [.. AnyKey(), .. ".new"u8];
        _peer.Put(key, Value);
        _peer.Delete(key);
    }

    private void RenameTwice()
    {
        byte[] key = AnyKey();
        byte[] moved = [.. key, .. ".moved"u8];
        _peer.Rename(key, moved);
        _peer.Rename(moved, key);
    }
}
