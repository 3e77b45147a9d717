using System.Runtime.InteropServices;

namespace Lode;

internal sealed partial class SearchIndexWriter
{
    /// <summary>A carried shard whose text is less than this fraction live is dropped and its live text re-indexed.</summary>
    private const double MinLiveFraction = 0.5;

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
    private readonly Dictionary<UInt128, int> _blobIds = [];
    private long _indexLength;
    private bool _finished;

    /// <summary>
    /// Ends the input: carries the previous index's shards that are still mostly live (an LSM-style policy: a shard
    /// under half live, or a small one when there are too many shards, is dropped and its live text re-indexed from
    /// the previous index, never from disk), seals the last shard, waits for every build, and numbers the blobs.
    /// </summary>
    /// <exception cref="CorruptDataException">The previous index is damaged where its text had to be re-read.</exception>
    public void Finish()
    {
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
            offset = Place(offset, record, _previous.Blobs.Slice(record.FirstBlob, record.BlobCount), record.TextOffset, -1);
        }
        CarriedShards = carried.Count;
        foreach (var shard in built)
        {
            var record = shard.Record;
            offset = Place(offset, record, CollectionsMarshal.AsSpan(_blobs).Slice(record.FirstBlob, record.BlobCount), -1, shard.ScratchOffset);
        }
        _indexLength = offset + ((long)_blobTable.Count * IndexFormat.BlobRecordSize(IndexFormat.Major))
            + ((long)_plan.Count * IndexFormat.ShardRecordSize(IndexFormat.Major));
        _finished = true;
    }

    /// <summary>
    /// Places a shard's section at <paramref name="offset"/> of the new index (its record's offsets move with it) and
    /// numbers its blobs next; returns the offset after the section.
    /// </summary>
    private long Place(long offset, IndexFormat.ShardRecord record, ReadOnlySpan<IndexFormat.BlobRecord> blobs, long previousOffset, long scratchOffset)
    {
        long shift = offset - record.TextOffset;
        int firstBlob = _blobTable.Count;
        foreach (var blob in blobs)
        {
            AddRecord(blob with { Shard = _plan.Count });
        }
        _plan.Add(new PlannedShard(previousOffset, scratchOffset, record with
        {
            TextOffset = offset, SuffixArrayOffset = record.SuffixArrayOffset + shift, SampleOffset = record.SampleOffset + shift,
            FirstBlob = firstBlob,
        }));
        return offset + record.SectionLength;
    }

    /// <summary>Shards in the finished index, carried and built.</summary>
    public int ShardCount => _plan.Count;

    /// <summary>The blob that holds contents with this SHA-256 (a file <see cref="EndFile"/> or <see cref="TryReuse"/> accepted).</summary>
    /// <exception cref="InvalidOperationException">Called before <see cref="Finish"/>, or for contents never indexed.</exception>
    public int BlobOf(ReadOnlySpan<byte> sha256)
    {
        if (!_finished || !_blobIds.TryGetValue(IndexFormat.BlobKey(sha256), out int blob))
        {
            throw new InvalidOperationException("These contents were not indexed, or the index is not finished.");
        }
        return blob;
    }

    private void AddRecord(IndexFormat.BlobRecord record)
    {
        // A re-indexed blob also appears, dead, in no carried shard; a later record of the same contents wins.
        _blobIds[record.Hash] = _blobTable.Count;
        _blobTable.Add(record);
    }

    /// <summary>Picks the previous shards to carry (in their order) and re-indexes the live text of the others.</summary>
    private List<int> ChooseCarried()
    {
        var carried = new List<int>();
        if (_previous is null)
        {
            return carried;
        }
        var shards = _previous.Shards;
        var keep = new bool[shards.Length];
        int small = 0, kept = 0;
        long liveText = 0, smallText = 0;
        for (int i = 0; i < shards.Length; i++)
        {
            long live = LiveBytes(shards[i]);
            keep[i] = live > 0 && live >= MinLiveFraction * shards[i].TextLength && IsCarriable(shards[i]);
            kept += keep[i] ? 1 : 0;
            liveText += keep[i] ? live : 0;
            if (keep[i] && IsSmall(shards[i]))
            {
                small++;
                smallText += live;
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
        shard.TextOffset % IndexFormat.SectionAlignment == 0 && shard.SuffixArrayOffset == shard.TextOffset + shard.TextLength
        && shard.SampleOffset == shard.SuffixArrayOffset + shard.SuffixArrayLength
        && shard.TextOffset + shard.SectionLength <= _previous!.BlobTableOffset;

    /// <summary>Feeds a dropped shard's live blobs, read from the previous index, to new shards.</summary>
    private void Reindex(IndexFormat.ShardRecord shard)
    {
        for (int b = shard.FirstBlob; b < shard.FirstBlob + shard.BlobCount; b++)
        {
            var key = _previous!.Blobs[b].Hash;
            if (!_livePrevious.Contains(b) || _newBlobs.ContainsKey(key))
            {
                continue;
            }
            byte[] text = _previous.ReadBlob(b);
            BeginFile(text.Length);
            Append(text);
            if (_fileIsText)
            {
                AddBlob(key);
            }
        }
    }

    /// <summary>A shard of the new index: carried from the previous index's section at <c>PreviousOffset</c>, or
    /// built into the scratch file at <c>ScratchOffset</c> (the other is -1); its record has final offsets.</summary>
    private readonly record struct PlannedShard(long PreviousOffset, long ScratchOffset, IndexFormat.ShardRecord Record);
}
