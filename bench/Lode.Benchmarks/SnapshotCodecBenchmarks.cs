using BenchmarkDotNet.Attributes;
using Lode.IO;
using Lode.Snapshots;

namespace Lode.Benchmarks;

/// <summary>Snapshot container write throughput (MB/s) and stored share by codec, with and without encryption, over 32 MiB of /usr/include text in memory.</summary>
[Config(typeof(SnapshotBenchConfig))]
public class SnapshotCodecBenchmarks
{
    private byte[] _text = [];
    private long _stored;

    [Params(CompressionCodec.None, CompressionCodec.Zstd, CompressionCodec.Lz4)]
    public CompressionCodec Codec { get; set; }

    [Params(false, true)]
    public bool Encrypted { get; set; }

    [GlobalSetup]
    public void Setup() => _text = Corpus.UsrIncludeText(32 << 20);

    [Benchmark]
    public long Write()
    {
        using var output = new MemoryStream(_text.Length + (4 << 20));
        using var writer = SnapshotWriter.Create(output, new SnapshotWriterOptions
        {
            Codec = Codec,
            Encryption = Encrypted ? SnapshotEncryption.FromKey(new byte[32]) : null,
        });
        for (int offset = 0; offset < _text.Length; offset += 1 << 20)
        {
            writer.Append("data", _text.AsSpan(offset, Math.Min(1 << 20, _text.Length - offset)));
        }
        _stored = writer.Finish().StoredBytes;
        return _stored;
    }

    [GlobalCleanup]
    public void Record()
    {
        string parameters = SnapshotBenchResults.Parameters((nameof(Codec), Codec), (nameof(Encrypted), Encrypted));
        SnapshotBenchResults.Record(nameof(Write), parameters, "Bytes", _text.Length);
        SnapshotBenchResults.Record(nameof(Write), parameters, "StoredPercent", 100.0 * _stored / _text.Length);
    }
}
