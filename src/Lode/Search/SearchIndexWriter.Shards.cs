using System.Security.Cryptography;
using Lode.SuffixArrays;

namespace Lode;

internal sealed partial class SearchIndexWriter
{
    /// <summary>Bytes of construction space per text byte assumed when planning a memory budget (CaPS-SA needs about 9).</summary>
    private const int ConstructionBytesPerTextByte = 10;

    /// <summary>
    /// Seals the current shard and builds it: now, from memory, when a build slot is free; otherwise its text is parked
    /// in the scratch file and built when a slot frees. The producer never waits for a construction, so a snapshot's
    /// reading of files (and its data becoming durable) does not wait for its index.
    /// </summary>
    private void SealShard()
    {
        var text = _text;
        int length = _textLength;
        int firstBlob = _shardFirstBlob;
        int blobCount = _blobs.Count - firstBlob;
        if (_buildSlots.Wait(0))
        {
            _builds.Add(Task.Run(() => BuildInSlot(text, length, firstBlob, blobCount)));
        }
        else
        {
            long parked = Interlocked.Add(ref _scratchCursor, IndexFormat.Align(length)) - IndexFormat.Align(length);
            _scratch.Write(text.AsSpan(0, length), parked);
            _builds.Add(Task.Run(async () =>
            {
                await _buildSlots.WaitAsync(_abandon.Token).ConfigureAwait(false);
                var buffer = GC.AllocateUninitializedArray<byte>(length);
                _scratch.ReadExactly(buffer, parked);
                return BuildInSlot(buffer, length, firstBlob, blobCount);
            }));
        }
        _text = [];
        _textLength = 0;
        _fileStart = 0;
        _shardFirstBlob = _blobs.Count;
    }

    /// <summary>Builds a shard in a build slot taken by the caller, and gives the slot back.</summary>
    private BuiltShard BuildInSlot(byte[] text, int length, int firstBlob, int blobCount)
    {
        try
        {
            return BuildShard(text, length, firstBlob, blobCount);
        }
        finally
        {
            _buildSlots.Release();
        }
    }

    private int ParallelBuilds => _options.MemoryBudget is long budget
        ? (int)Math.Clamp(budget / ((long)_options.ShardSize * ConstructionBytesPerTextByte), 1, Math.Max(1, _options.ParallelBuilds))
        : Math.Max(1, _options.ParallelBuilds);

    /// <summary>
    /// Builds one shard's section in the scratch file: the FM-index of its text (from the suffix array built here),
    /// zero-padded to <see cref="IndexFormat.SectionAlignment"/>. Runs on a pool thread.
    /// </summary>
    private BuiltShard BuildShard(byte[] buffer, int length, int firstBlob, int blobCount)
    {
        var text = buffer.AsSpan(0, length);
        int[] suffixArray = SuffixArray.Build(text, ConstructionOptions(length));
        byte[] fmIndex = FmIndex.Build(text, suffixArray, _options.FmIndex);
        long sectionLength = IndexFormat.Align(fmIndex.Length);
        long start = Interlocked.Add(ref _scratchCursor, sectionLength) - sectionLength;
        _scratch.Write(fmIndex, start);
        _scratch.Write(new byte[sectionLength - fmIndex.Length], start + fmIndex.Length);
        var key = IndexFormat.HashKey(SHA256.HashData(fmIndex));
        return new BuiltShard(start, new IndexFormat.ShardRecord(0, fmIndex.Length, length, firstBlob, blobCount, key));
    }

    /// <summary>
    /// One thread per shard (shards build in parallel), with SA-IS: on one thread it is 3–5× faster than CaPS-SA on
    /// source text (8 MiB shards of /usr/include: 0.2–0.5 s against 1.1–1.8 s of CPU each; docs/benchmarks.md), and
    /// CaPS-SA's strength is parallelism within one text. When the memory budget cannot hold an in-memory
    /// construction, CaPS-SA in external memory, which SA-IS does not have.
    /// </summary>
    private SuffixArrayOptions ConstructionOptions(int length)
    {
        if (_options.MemoryBudget is long budget)
        {
            long share = Math.Max(1L << 20, budget / ParallelBuilds);
            if ((long)length * ConstructionBytesPerTextByte > share)
            {
                return new SuffixArrayOptions
                {
                    Threads = 1,
                    Algorithm = SuffixArrayAlgorithm.CapsSa,
                    MemoryBudgetBytes = share,
                    WorkingDirectory = _options.WorkingDirectory,
                };
            }
        }
        return SingleThreaded;
    }

    private static readonly SuffixArrayOptions SingleThreaded = new() { Threads = 1, Algorithm = SuffixArrayAlgorithm.Sais };

    /// <summary>A shard built here: where its section starts in the scratch file, and its record with offsets relative to that start.</summary>
    private readonly record struct BuiltShard(long ScratchOffset, IndexFormat.ShardRecord Record);
}
