using BenchmarkDotNet.Attributes;
using Lode.IO;
using Lode.ObjectStorage;

namespace Lode.Benchmarks;

/// <summary>
/// The disk cache in front of a remote store: cold and warm first reads, a 4 KiB range cold and warm, cold fetches
/// of a 256 MiB object with 1/4/8/16 range streams, and upload throughput. Backend "latency" is an in-memory store
/// behind <see cref="LatencyObjectStore"/> (20 ms per request, 100 MB/s per request); backend "s3rver" is a real
/// S3-compatible server whose endpoint is in LODE_BENCH_S3_ENDPOINT (start one with
/// <c>node tests/s3rver/start.js --directory DIR --bucket lode</c>); without it that backend is skipped.
/// </summary>
[MemoryDiagnoser]
public class ObjectStorageBenchmarks
{
    private const string Scope = "bench://objects";
    private const int SmallBytes = 64 << 20;
    private const int BigBytes = 256 << 20;

    private IObjectStore? _store;
    private string _directory = "";
    private string _localFile = "";
    private DiskCache? _cache;
    private byte[] _small = [];

    [Params("latency", "s3rver")]
    public string Backend { get; set; } = "latency";

    [GlobalSetup]
    public void Setup()
    {
        _store = OpenStore(Backend);
        _directory = Directory.CreateTempSubdirectory("lode-bench-cache-").FullName;
        _small = new byte[SmallBytes];
        new Random(1).NextBytes(_small);
        if (_store is null)
        {
            return;
        }
        _store.PutAsync("small", new MemoryStream(_small)).GetAwaiter().GetResult();
        var big = new byte[BigBytes];
        new Random(2).NextBytes(big);
        _store.PutAsync("big", new MemoryStream(big)).GetAwaiter().GetResult();
        _localFile = Path.Join(_directory, "local.bin");
        File.WriteAllBytes(_localFile, _small);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _cache?.Dispose();
        _store?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>A fresh, empty cache before every iteration: each measured read is cold.</summary>
    [IterationSetup(Targets = [nameof(ColdFirstRead), nameof(ColdRange4KiB), nameof(ColdFetchBigObject)])]
    public void EmptyCache() => OpenCache(Streams);

    /// <summary>A cache holding both objects: each measured read is warm.</summary>
    [IterationSetup(Targets = [nameof(WarmFirstRead), nameof(WarmRange4KiB)])]
    public void WarmCache()
    {
        OpenCache(8);
        using var reader = _cache!.OpenAsync(_store!, Scope, "small", CacheMode.Eager).AsTask().GetAwaiter().GetResult();
    }

    [Params(1, 4, 8, 16)]
    public int Streams { get; set; } = 8;

    [Benchmark(Description = "cold first read (64 MiB, eager)")]
    public long ColdFirstRead() => ReadFirstByte(CacheMode.Eager);

    [Benchmark(Description = "warm first read (64 MiB)")]
    public long WarmFirstRead() => ReadFirstByte(CacheMode.Eager);

    [Benchmark(Description = "plain local file read (64 MiB)", Baseline = true)]
    public long LocalFileRead()
    {
        using var source = FileByteSource.Open(_localFile);
        return ReadWhole(source);
    }

    [Benchmark(Description = "cold 4 KiB range (lazy)")]
    public int ColdRange4KiB() => ReadRange(CacheMode.Lazy);

    [Benchmark(Description = "warm 4 KiB range")]
    public int WarmRange4KiB() => ReadRange(CacheMode.Lazy);

    [Benchmark(Description = "cold fetch of 256 MiB with N range streams")]
    public long ColdFetchBigObject()
    {
        using var reader = _cache!.OpenAsync(_store!, Scope, "big", CacheMode.Eager).AsTask().GetAwaiter().GetResult();
        return reader.Length;
    }

    [Benchmark(Description = "upload 64 MiB (multipart on S3)")]
    public void Upload() => _store!.PutAsync("upload", new MemoryStream(_small, writable: false)).GetAwaiter().GetResult();

    private long ReadFirstByte(CacheMode mode)
    {
        using var reader = _cache!.OpenAsync(_store!, Scope, "small", mode).AsTask().GetAwaiter().GetResult();
        return ReadWhole(reader);
    }

    private int ReadRange(CacheMode mode)
    {
        using var reader = _cache!.OpenAsync(_store!, Scope, "small", mode).AsTask().GetAwaiter().GetResult();
        return reader.ReadAt(12_345_678, new byte[4096]);
    }

    private static long ReadWhole(IByteSource source)
    {
        var buffer = new byte[1 << 20];
        long total = 0;
        for (long offset = 0; offset < source.Length; offset += buffer.Length)
        {
            total += source.ReadAt(offset, buffer);
        }
        return total;
    }

    private void OpenCache(int streams)
    {
        if (_store is null)
        {
            throw new InvalidOperationException("Backend s3rver needs LODE_BENCH_S3_ENDPOINT (see the class summary).");
        }
        _cache?.Dispose();
        string cacheDirectory = Path.Join(_directory, "cache");
        if (Directory.Exists(cacheDirectory))
        {
            Directory.Delete(cacheDirectory, recursive: true);
        }
        _cache = DiskCache.Open(cacheDirectory, new DiskCacheOptions { BudgetBytes = 1L << 30, Streams = streams });
    }

    private static IObjectStore? OpenStore(string backend)
    {
        if (backend == "latency")
        {
            return new LatencyObjectStore(new MemoryObjectStore(), TimeSpan.FromMilliseconds(20), bytesPerSecond: 100_000_000);
        }
        return Environment.GetEnvironmentVariable("LODE_BENCH_S3_ENDPOINT") is { Length: > 0 } endpoint
            ? new S3ObjectStore(new S3ObjectStoreOptions
            {
                Bucket = "lode",
                Prefix = "bench",
                Endpoint = new Uri(endpoint),
                ForcePathStyle = true,
                Credentials = new S3Credentials("S3RVER", "S3RVER"),
            })
            : null;
    }
}
