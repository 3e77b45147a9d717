using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Lode.IO;
using Lode.Snapshots;

namespace Lode.Benchmarks;

/// <summary>
/// Snapshot reads over 64 MiB of /usr/include text: random 4 KiB reads (mean, and p50/p99 of single reads) with the
/// block cache warm (every block cached) or cold (no block cache: each read decodes its block; the OS page cache is
/// warm), and a sequential read of the whole stream through the Stream view (MB/s).
/// </summary>
[Config(typeof(SnapshotBenchConfig))]
public class SnapshotReadBenchmarks
{
    private const int DataBytes = 64 << 20;
    private const int ReadsPerInvoke = 1000;
    private const int Samples = 1 << 18;
    private readonly byte[] _buffer = new byte[4096];
    private readonly byte[] _sequential = new byte[1 << 20];
    private readonly long[] _ticks = new long[Samples];
    private SnapshotBenchFile? _file;
    private SnapshotReader? _reader;
    private long[] _offsets = [];
    private int _next;
    private long _recorded;

    [Params(CompressionCodec.Zstd, CompressionCodec.Lz4)]
    public CompressionCodec Codec { get; set; }

    [Params(false, true)]
    public bool Warm { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _file = SnapshotBenchFile.Create(DataBytes, new SnapshotWriterOptions { Codec = Codec });
        _reader = _file.Open(new SnapshotReaderOptions { BlockCacheBytes = Warm ? 256L << 20 : 0, PrefetchBlocks = 0 });
        var random = new Random(42);
        _offsets = [.. Enumerable.Range(0, 1 << 16).Select(_ => random.NextInt64(_file.Length - _buffer.Length))];
        if (Warm)
        {
            using var all = _reader.OpenStream("data");
            all.CopyTo(Stream.Null);
        }
    }

    [Benchmark(OperationsPerInvoke = ReadsPerInvoke)]
    public int RandomRead4K()
    {
        int sum = 0;
        for (int i = 0; i < ReadsPerInvoke; i++)
        {
            long offset = _offsets[_next++ & (_offsets.Length - 1)];
            long start = Stopwatch.GetTimestamp();
            sum += _reader!.ReadAt("data", offset, _buffer);
            _ticks[_recorded++ & (Samples - 1)] = Stopwatch.GetTimestamp() - start;
        }
        return sum;
    }

    [Benchmark]
    public long SequentialRead()
    {
        using var stream = _reader!.OpenStream("data");
        long total = 0;
        int n;
        while ((n = stream.Read(_sequential)) > 0)
        {
            total += n;
        }
        return total;
    }

    [GlobalCleanup(Target = nameof(RandomRead4K))]
    public void RecordLatencies()
    {
        var ticks = _ticks.AsSpan(0, (int)Math.Min(_recorded, Samples)).ToArray();
        Array.Sort(ticks);
        string parameters = ParameterKey();
        double nsPerTick = 1e9 / Stopwatch.Frequency;
        SnapshotBenchResults.Record(nameof(RandomRead4K), parameters, "LatencyP50", ticks[ticks.Length / 2] * nsPerTick);
        SnapshotBenchResults.Record(nameof(RandomRead4K), parameters, "LatencyP99", ticks[(int)(ticks.Length * 0.99)] * nsPerTick);
        Close();
    }

    [GlobalCleanup(Target = nameof(SequentialRead))]
    public void RecordThroughput()
    {
        SnapshotBenchResults.Record(nameof(SequentialRead), ParameterKey(), "Bytes", _file!.Length);
        Close();
    }

    private string ParameterKey() => SnapshotBenchResults.Parameters((nameof(Codec), Codec), (nameof(Warm), Warm));

    private void Close()
    {
        _reader?.Dispose();
        _file?.Dispose();
    }
}
