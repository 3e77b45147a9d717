using BenchmarkDotNet.Attributes;
using Lode.IO;
using Lode.Snapshots;

namespace Lode.Benchmarks;

/// <summary>
/// Dedup on shifted data: a parent snapshot holds 48 MiB of /usr/include text; the child is the same text with
/// 1 KiB inserted at the front, written against a <see cref="SnapshotBlockIndex"/> of the parent. Reports the
/// child's stored share (the goal: well under 10 %), the share of its bytes that are parent blocks, and write throughput, for FastCDC and fixed-size chunks.
/// </summary>
[Config(typeof(SnapshotBenchConfig))]
public class SnapshotDedupBenchmarks
{
    private byte[] _shifted = [];
    private SnapshotBlockIndex _index = new();
    private SnapshotReader? _parent;
    private SnapshotWriteResult? _result;

    [Params(ChunkingMethod.FastCdc, ChunkingMethod.Fixed)]
    public ChunkingMethod Chunking { get; set; }

    private SnapshotWriterOptions Options => new()
    {
        Chunking = Chunking == ChunkingMethod.Fixed ? new ChunkingOptions(ChunkingMethod.Fixed, 65536, 65536, 65536) : new ChunkingOptions(),
        BlockLookup = _index,
    };

    [GlobalSetup]
    public void Setup()
    {
        var original = Corpus.UsrIncludeText(48 << 20);
        var insert = new byte[1024];
        new Random(7).NextBytes(insert);
        _shifted = [.. insert, .. original];
        using var output = new MemoryStream();
        using (var writer = SnapshotWriter.Create(output, Options))
        {
            writer.Append("data", original);
            writer.Finish();
        }
        _parent = SnapshotReader.Open(new MemoryByteSource(output.ToArray()));
        _index = new SnapshotBlockIndex();
        _index.AddStoredBlocks("parent", _parent);
    }

    [Benchmark]
    public long WriteShifted()
    {
        using var output = new MemoryStream();
        using var writer = SnapshotWriter.Create(output, Options);
        writer.Append("data", _shifted);
        _result = writer.Finish();
        return _result.StoredBytes;
    }

    [GlobalCleanup]
    public void Record()
    {
        string parameters = SnapshotBenchResults.Parameters((nameof(Chunking), Chunking));
        SnapshotBenchResults.Record(nameof(WriteShifted), parameters, "Bytes", _shifted.Length);
        SnapshotBenchResults.Record(nameof(WriteShifted), parameters, "StoredPercent", 100.0 * _result!.StoredBytes / _shifted.Length);
        SnapshotBenchResults.Record(nameof(WriteShifted), parameters, "DedupPercent", 100.0 * _result.ParentBytes / _shifted.Length);
        _parent?.Dispose();
    }
}
