using Lode.IO;
using Lode.SuffixArrays;

namespace Lode;

/// <summary>
/// An opened search index (format 3): its header and tables are read and checked at open; each shard's FM-index is
/// opened on first use and reads its sections from the byte source as queries need them (each checked by its
/// CRC32C as it is loaded). Thread-safe. Does not own the source.
/// </summary>
internal sealed partial class SearchIndex
{
    private readonly IByteSource _source;
    private readonly string _where;
    private readonly IndexFormat.ShardRecord[] _shards;
    private readonly IndexFormat.BlobRecord[] _blobs;
    private readonly Lazy<FmIndex>[] _fmIndexes;
    private readonly Lazy<Dictionary<UInt128, int>> _blobsByKey;

    private SearchIndex(IByteSource source, string where, IndexFormat.ShardRecord[] shards, IndexFormat.BlobRecord[] blobs, long blobTableOffset)
    {
        _source = source;
        _where = where;
        _shards = shards;
        _blobs = blobs;
        BlobTableOffset = blobTableOffset;
        _fmIndexes = new Lazy<FmIndex>[shards.Length];
        for (int i = 0; i < shards.Length; i++)
        {
            int shard = i;
            _fmIndexes[i] = new Lazy<FmIndex>(() => OpenShard(shard), LazyThreadSafetyMode.ExecutionAndPublication);
        }
        _blobsByKey = new Lazy<Dictionary<UInt128, int>>(() =>
        {
            var map = new Dictionary<UInt128, int>(blobs.Length);
            for (int i = 0; i < blobs.Length; i++)
            {
                map.TryAdd(blobs[i].Hash, i);
            }
            return map;
        });
    }

    /// <summary>Blobs (unique text files) in the index.</summary>
    public int BlobCount => _blobs.Length;

    /// <summary>The shard table.</summary>
    public ReadOnlySpan<IndexFormat.ShardRecord> Shards => _shards;

    /// <summary>The blob table.</summary>
    public ReadOnlySpan<IndexFormat.BlobRecord> Blobs => _blobs;

    /// <summary>Where the blob table starts: shard sections lie before it.</summary>
    public long BlobTableOffset { get; }

    /// <summary>Where the index is, for messages.</summary>
    public string Where => _where;

    /// <summary>The blob holding contents with this SHA-256, or -1 when the index has none.</summary>
    public int FindBlob(ReadOnlySpan<byte> sha256) =>
        sha256.Length >= 16 && _blobsByKey.Value.TryGetValue(IndexFormat.HashKey(sha256), out int blob) ? blob : -1;

    /// <summary>
    /// Opens an index, checking the header, the tables and every offset against the source; returns null for an
    /// index of format 1 or 2, which is no longer queried (the snapshot is searched by scanning its files).
    /// </summary>
    /// <exception cref="CorruptDataException">Anything fails a check.</exception>
    public static SearchIndex? Open(IByteSource source, string where)
    {
        try
        {
            var header = IndexFormat.ReadHeader(source.ReadBytes(0, IndexFormat.HeaderSize), where);
            if (header.Major < IndexFormat.Major)
            {
                return null;
            }
            long length = source.Length;
            if (header.ShardCount < 0 || header.BlobCount < 0 ||
                (long)header.BlobCount * IndexFormat.BlobRecordSize > Array.MaxLength ||
                (long)header.ShardCount * IndexFormat.ShardRecordSize > Array.MaxLength ||
                header.BlobTableOffset < IndexFormat.HeaderSize || header.BlobTableOffset > length ||
                (length - header.BlobTableOffset) / IndexFormat.BlobRecordSize < header.BlobCount ||
                header.ShardTableOffset != header.BlobTableOffset + ((long)header.BlobCount * IndexFormat.BlobRecordSize) ||
                length - header.ShardTableOffset != (long)header.ShardCount * IndexFormat.ShardRecordSize)
            {
                throw new CorruptDataException($"{where} is corrupt: its tables do not fit its {length} bytes.");
            }
            byte[] blobTable = source.ReadBytes(header.BlobTableOffset, header.BlobCount * IndexFormat.BlobRecordSize);
            byte[] shardTable = source.ReadBytes(header.ShardTableOffset, header.ShardCount * IndexFormat.ShardRecordSize);
            if (Crc32C.Compute(blobTable) != header.BlobTableCrc || Crc32C.Compute(shardTable) != header.ShardTableCrc)
            {
                throw new CorruptDataException($"{where} is corrupt: its blob or shard table fails its CRC32C.");
            }
            var shards = new IndexFormat.ShardRecord[header.ShardCount];
            for (int i = 0; i < shards.Length; i++)
            {
                shards[i] = IndexFormat.ReadShard(shardTable.AsSpan(i * IndexFormat.ShardRecordSize));
                CheckShard(shards[i], header, where, i);
            }
            var blobs = new IndexFormat.BlobRecord[header.BlobCount];
            for (int i = 0; i < blobs.Length; i++)
            {
                blobs[i] = IndexFormat.ReadBlob(blobTable.AsSpan(i * IndexFormat.BlobRecordSize));
                CheckBlob(blobs[i], i, shards, where);
            }
            return new SearchIndex(source, where, shards, blobs, header.BlobTableOffset);
        }
        catch (EndOfStreamException e)
        {
            throw new CorruptDataException($"{where} is corrupt: {e.Message}", e);
        }
    }

    /// <summary>Checks every byte of every shard's FM-index against its CRC32Cs.</summary>
    /// <exception cref="CorruptDataException">A section fails its check.</exception>
    public void Verify()
    {
        for (int i = 0; i < _shards.Length; i++)
        {
            try
            {
                FmIndexOf(i).Verify();
            }
            catch (FmIndexFormatException e)
            {
                throw Damaged(i, e);
            }
        }
    }

    /// <summary>The shard's FM-index, opened on first use.</summary>
    /// <exception cref="CorruptDataException">Its header or directory is damaged.</exception>
    private FmIndex FmIndexOf(int shard) => _fmIndexes[shard].Value;

    private FmIndex OpenShard(int shard)
    {
        var record = _shards[shard];
        try
        {
            var index = FmIndex.Open(new ByteSourceSlice(_source, record.IndexOffset, record.IndexLength));
            if (index.TextLength != record.TextLength)
            {
                throw new CorruptDataException($"{_where} is corrupt: the FM-index of shard {shard} covers {index.TextLength} bytes, its record says {record.TextLength}.");
            }
            return index;
        }
        catch (FmIndexFormatException e)
        {
            throw Damaged(shard, e);
        }
    }

    private CorruptDataException Damaged(int shard, FmIndexFormatException e) =>
        new($"{_where} is corrupt: the FM-index of shard {shard}: {e.Message}", e);

    private static void CheckShard(IndexFormat.ShardRecord shard, IndexFormat.Header header, string where, int index)
    {
        if (shard.IndexOffset < IndexFormat.HeaderSize || shard.IndexLength < 0 || shard.IndexOffset > header.BlobTableOffset - shard.IndexLength ||
            shard.TextLength is < 0 or > int.MaxValue || shard.FirstBlob < 0 || shard.BlobCount < 0 || shard.FirstBlob > header.BlobCount - shard.BlobCount)
        {
            throw new CorruptDataException($"{where} is corrupt: shard {index} points outside the index.");
        }
    }

    private static void CheckBlob(IndexFormat.BlobRecord blob, int index, IndexFormat.ShardRecord[] shards, string where)
    {
        if (blob.Shard < 0 || blob.Shard >= shards.Length || blob.Offset < 0 || blob.Length < 0 ||
            blob.Offset > shards[blob.Shard].TextLength - blob.Length ||
            index < shards[blob.Shard].FirstBlob || index >= shards[blob.Shard].FirstBlob + shards[blob.Shard].BlobCount)
        {
            throw new CorruptDataException($"{where} is corrupt: text blob {index} points outside its shard.");
        }
    }
}
