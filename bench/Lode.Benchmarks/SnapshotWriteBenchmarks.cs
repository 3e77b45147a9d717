using BenchmarkDotNet.Attributes;
using Lode.IO;
using Lode.Snapshots;

namespace Lode.Benchmarks;

/// <summary>Snapshot container write throughput (chunking, hashing, compression) over real text, in memory.</summary>
[MemoryDiagnoser]
public class SnapshotWriteBenchmarks
{
    private byte[] _text = [];

    [Params(CompressionCodec.Zstd, CompressionCodec.Lz4)]
    public CompressionCodec Codec { get; set; }

    [GlobalSetup]
    public void Setup() => _text = Corpus.UsrIncludeText(32 << 20);

    [Benchmark]
    public long Write()
    {
        using var output = new MemoryStream();
        using var writer = SnapshotWriter.Create(output, new SnapshotWriterOptions { Codec = Codec });
        for (int offset = 0; offset < _text.Length; offset += 1 << 20)
        {
            writer.Append("data", _text.AsSpan(offset, Math.Min(1 << 20, _text.Length - offset)));
        }
        return writer.Finish().StoredBytes;
    }
}
