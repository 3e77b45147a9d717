using System.Runtime.InteropServices;

namespace Lode;

internal sealed partial class SearchIndexWriter
{
    /// <summary>When more than this fraction of the new index's text would be dead (carried text no file of the
    /// snapshot holds), the carried shards with the least live text are dropped and their live text re-indexed until
    /// at most <see cref="DeadFractionAfterCompaction"/> is dead; so a query never searches more than twice the live
    /// text, and an update re-indexes nothing but new text until dead text has piled up.</summary>
    private const double MaxDeadFraction = 0.5;

    /// <summary>The dead fraction a compaction leaves (below <see cref="MaxDeadFraction"/>, so the next snapshots carry
    /// everything again for a while).</summary>
    private const double DeadFractionAfterCompaction = 0.25;

    /// <summary>Small carried shards (under a quarter of the shard size) are merged only when that saves at least this
    /// many shards, and the carried shards number more than <see cref="MaxShardsPerIdeal"/> times the fewest that could
    /// hold their live text.</summary>
    private const int MaxSmallShards = 4;

    /// <summary>How many times the ideal shard count (live text / shard size, rounded up) the carried shards may number
    /// before the small ones are merged, so shards left by many small incremental snapshots stay bounded. A merge
    /// leaves fewer small shards than it found, so an unchanged tree re-indexes at most once (small shards sealed before
    /// big files are merged the first time), then nothing.</summary>
    private const double MaxShardsPerIdeal = 1.5;

    private readonly List<PlannedShard> _plan = [];
    private readonly List<IndexFormat.BlobRecord> _blobTable = [];
    private Dictionary<int, FileEntry>? _previousFiles;
    private long _indexLength;
    private bool _finished;

    /// <summary>
    /// Ends the input: carries the previous index's shards that hold live text (an LSM-style policy: when dead text
    /// piles up past <see cref="MaxDeadFraction"/> of the index, or small shards grow too many, some are dropped and their
    /// live text re-indexed from the previous snapshot's stored files, never from disk), seals the last shard, waits for every build, and numbers the blobs.
    /// </summary>
    /// <exception cref="CorruptDataException">The previous index is damaged where its text had to be re-read.</exception>
    public void Finish()
    {
        int reserved = ParallelBuilds - Math.Max(1, ParallelBuilds - _options.SlotsReservedWhileFeeding);
        if (reserved > 0)
        {
            _buildSlots.Release(reserved); // The producer is done: every core may build now.
        }
        var carried = ChooseCarried();
        if (_blobs.Count > _shardFirstBlob)
        {
            SealShard();
        }
        var built = _builds.Select(build => build.GetAwaiter().GetResult()).ToArray();
        long offset = IndexFormat.SectionAlignment;
        foreach (int shard in carried)
        {
            var record = _previous!.Shards[shard];
            offset = Place(offset, record, _previous.Blobs.Slice(record.FirstBlob, record.BlobCount), record.IndexOffset, -1);
        }
        CarriedShards = carried.Count;
        foreach (var shard in built)
        {
            var record = shard.Record;
            offset = Place(offset, record, CollectionsMarshal.AsSpan(_blobs).Slice(record.FirstBlob, record.BlobCount), -1, shard.ScratchOffset);
        }
        _indexLength = offset + ((long)_blobTable.Count * IndexFormat.BlobRecordSize)
            + ((long)_plan.Count * IndexFormat.ShardRecordSize);
        _finished = true;
    }

    /// <summary>
    /// Places a shard's section at <paramref name="offset"/> of the new index and numbers its blobs next; returns the
    /// offset after the section.
    /// </summary>
    private long Place(long offset, IndexFormat.ShardRecord record, ReadOnlySpan<IndexFormat.BlobRecord> blobs, long previousOffset, long scratchOffset)
    {
        int firstBlob = _blobTable.Count;
        foreach (var blob in blobs)
        {
            _blobTable.Add(blob with { Shard = _plan.Count });
        }
        _plan.Add(new PlannedShard(previousOffset, scratchOffset, record with { IndexOffset = offset, FirstBlob = firstBlob }));
        return offset + record.SectionLength;
    }

    /// <summary>Shards in the finished index, carried and built.</summary>
    public int ShardCount => _plan.Count;


    /// <summary>Picks the previous shards to carry (in their order) and re-indexes the live text of the others.</summary>
    private List<int> ChooseCarried()
    {
        var carried = new List<int>();
        if (_previous is null)
        {
            return carried;
        }
        var shards = _previous.Shards;
        var live = new long[shards.Length];
        var keep = new bool[shards.Length];
        for (int i = 0; i < shards.Length; i++)
        {
            live[i] = LiveBytes(shards[i]);
            keep[i] = live[i] > 0 && IsCarriable(shards[i]);
        }
        DropDeadText(shards, live, keep);
        int small = 0, kept = 0;
        long liveText = 0, smallText = 0;
        for (int i = 0; i < shards.Length; i++)
        {
            kept += keep[i] ? 1 : 0;
            liveText += keep[i] ? live[i] : 0;
            if (keep[i] && IsSmall(shards[i]))
            {
                small++;
                smallText += live[i];
            }
        }
        // Merging must pay: the small shards' text packs into at least MaxSmallShards fewer shards.
        bool mergeSmall = kept > MaxShardsPerIdeal * ShardsFor(liveText) && small - ShardsFor(smallText) >= MaxSmallShards;
        for (int i = 0; i < shards.Length; i++)
        {
            if (keep[i] && (!mergeSmall || !IsSmall(shards[i])))
            {
                carried.Add(i);
            }
            else
            {
                Reindex(shards[i]);
            }
        }
        return carried;
    }

    /// <summary>When the kept shards' dead text exceeds <see cref="MaxDeadFraction"/> of the new index's text, unkeeps the
    /// kept shards with the smallest live fraction until at most <see cref="DeadFractionAfterCompaction"/> is dead.</summary>
    private void DropDeadText(ReadOnlySpan<IndexFormat.ShardRecord> shards, long[] live, bool[] keep)
    {
        long dead = 0, total = TextBytes;
        for (int i = 0; i < shards.Length; i++)
        {
            dead += keep[i] ? shards[i].TextLength - live[i] : 0;
            total += keep[i] ? shards[i].TextLength : live[i];
        }
        if (dead <= MaxDeadFraction * total)
        {
            return;
        }
        var liveFraction = new double[shards.Length];
        for (int i = 0; i < shards.Length; i++)
        {
            liveFraction[i] = (double)live[i] / Math.Max(1, shards[i].TextLength);
        }
        foreach (int i in Enumerable.Range(0, shards.Length).Where(i => keep[i]).OrderBy(i => liveFraction[i]).ToList())
        {
            if (dead <= DeadFractionAfterCompaction * total)
            {
                break;
            }
            keep[i] = false;
            dead -= shards[i].TextLength - live[i];
            total -= shards[i].TextLength - live[i];
        }
    }

    private long LiveBytes(IndexFormat.ShardRecord shard)
    {
        long live = 0;
        for (int b = shard.FirstBlob; b < shard.FirstBlob + shard.BlobCount; b++)
        {
            live += _livePrevious.Contains(b) ? _previous!.Blobs[b].Length : 0;
        }
        return live;
    }

    private bool IsSmall(IndexFormat.ShardRecord shard) => shard.TextLength < _options.ShardSize / 4;

    private long ShardsFor(long text) => Math.Max(1, (text + _options.ShardSize - 1) / _options.ShardSize);

    /// <summary>Whether a previous shard's section is laid out as this writer lays them out, so it can be carried whole.</summary>
    private bool IsCarriable(IndexFormat.ShardRecord shard) =>
        shard.IndexOffset % IndexFormat.SectionAlignment == 0 && shard.IndexOffset + shard.SectionLength <= _previous!.BlobTableOffset;

    /// <summary>Feeds a dropped shard's live blobs to new shards, read from the previous snapshot's stored files.</summary>
    /// <exception cref="CorruptDataException">A file is damaged.</exception>
    private void Reindex(IndexFormat.ShardRecord shard)
    {
        _previousFiles ??= PreviousFilesByBlob();
        var buffer = new byte[1 << 20];
        for (int b = shard.FirstBlob; b < shard.FirstBlob + shard.BlobCount; b++)
        {
            var key = _previous!.Blobs[b].Hash;
            if (!_livePrevious.Contains(b) || _newBlobs.ContainsKey(key) || !_previousFiles.TryGetValue(b, out var file))
            {
                continue;
            }
            FeedStored(_previousView!, file, buffer);
            if (_fileIsText)
            {
                AddBlob(key);
            }
        }
    }

    /// <summary>A file of the previous snapshot for each of its index's blobs that one names.</summary>
    private Dictionary<int, FileEntry> PreviousFilesByBlob()
    {
        var files = new Dictionary<int, FileEntry>();
        foreach (var entry in _previousView!.Files.Entries)
        {
            int blob = _previousView.QueryBlobOf(entry);
            if (blob >= 0)
            {
                files.TryAdd(blob, entry);
            }
        }
        return files;
    }

    /// <summary>A shard of the new index: carried from the previous index's section at <c>PreviousOffset</c>, or
    /// built into the scratch file at <c>ScratchOffset</c> (the other is -1); its record has final offsets.</summary>
    private readonly record struct PlannedShard(long PreviousOffset, long ScratchOffset, IndexFormat.ShardRecord Record);
}
