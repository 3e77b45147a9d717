using Lode.IO;
using Lode.SuffixArrays;

namespace Lode;

/// <summary>
/// An opened search index: its header, tables and samples are read and checked at open; text and suffix
/// arrays stay in the byte source and are read as queries need them. Thread-safe. Does not own the source.
/// </summary>
internal sealed partial class SearchIndex
{
    private readonly IByteSource _source;
    private readonly string _where;
    private readonly IndexFormat.ShardRecord[] _shards;
    private readonly IndexFormat.BlobRecord[] _blobs;
    private readonly SuffixArraySearcher[] _searchers;
    private readonly Lazy<Dictionary<UInt128, int>> _blobsByKey;

    private SearchIndex(IByteSource source, string where, int major, IndexFormat.ShardRecord[] shards, IndexFormat.BlobRecord[] blobs,
        SuffixArraySearcher[] searchers)
    {
        _source = source;
        _where = where;
        Major = major;
        _blobsByKey = new Lazy<Dictionary<UInt128, int>>(() =>
        {
            var map = new Dictionary<UInt128, int>(blobs.Length);
            for (int i = 0; i < blobs.Length; i++)
            {
                map.TryAdd(blobs[i].Hash, i);
            }
            return map;
        });
        _shards = shards;
        _blobs = blobs;
        _searchers = searchers;
    }

    /// <summary>Blobs (unique text files) in the index.</summary>
    public int BlobCount => _blobs.Length;

    /// <summary>The format's major version: 2 records blob hashes and can be carried into the next snapshot's index.</summary>
    public int Major { get; }

    /// <summary>The shard table.</summary>
    public ReadOnlySpan<IndexFormat.ShardRecord> Shards => _shards;

    /// <summary>The blob table.</summary>
    public ReadOnlySpan<IndexFormat.BlobRecord> Blobs => _blobs;

    /// <summary>Where the blob table starts: shard sections lie before it.</summary>
    public long BlobTableOffset { get; private init; }

    /// <summary>The blob holding contents with this SHA-256 (format 2), or -1 when the index has none.</summary>
    public int FindBlob(ReadOnlySpan<byte> sha256) =>
        Major >= 2 && sha256.Length >= 16 && _blobsByKey.Value.TryGetValue(IndexFormat.BlobKey(sha256), out int blob) ? blob : -1;

    /// <summary>Where the index is, for messages.</summary>
    public string Where => _where;

    /// <summary>Opens an index, checking the header, the tables and every offset against the source.</summary>
    /// <exception cref="CorruptDataException">Anything fails a check.</exception>
    public static SearchIndex Open(IByteSource source, string where)
    {
        try
        {
            var header = IndexFormat.ReadHeader(source.ReadBytes(0, IndexFormat.HeaderSize), where);
            long length = source.Length;
            int blobSize = IndexFormat.BlobRecordSize(header.Major);
            int shardSize = IndexFormat.ShardRecordSize(header.Major);
            if (header.ShardCount < 0 || header.BlobCount < 0 ||
                (long)header.BlobCount * blobSize > Array.MaxLength ||
                (long)header.ShardCount * shardSize > Array.MaxLength ||
                header.BlobTableOffset < IndexFormat.HeaderSize || header.BlobTableOffset > length ||
                (length - header.BlobTableOffset) / blobSize < header.BlobCount ||
                header.ShardTableOffset != header.BlobTableOffset + (long)header.BlobCount * blobSize ||
                length - header.ShardTableOffset != (long)header.ShardCount * shardSize)
            {
                throw new CorruptDataException($"{where} is corrupt: its tables do not fit its {length} bytes.");
            }
            byte[] blobTable = source.ReadBytes(header.BlobTableOffset, header.BlobCount * blobSize);
            byte[] shardTable = source.ReadBytes(header.ShardTableOffset, header.ShardCount * shardSize);
            if (Crc32C.Compute(blobTable) != header.BlobTableCrc || Crc32C.Compute(shardTable) != header.ShardTableCrc)
            {
                throw new CorruptDataException($"{where} is corrupt: its blob or shard table fails its CRC32C.");
            }
            var shards = new IndexFormat.ShardRecord[header.ShardCount];
            var searchers = new SuffixArraySearcher[header.ShardCount];
            for (int i = 0; i < shards.Length; i++)
            {
                shards[i] = IndexFormat.ReadShard(shardTable.AsSpan(i * shardSize), header.Major);
                searchers[i] = OpenShard(source, shards[i], header, where, i);
            }
            var blobs = new IndexFormat.BlobRecord[header.BlobCount];
            for (int i = 0; i < blobs.Length; i++)
            {
                blobs[i] = IndexFormat.ReadBlob(blobTable.AsSpan(i * blobSize), header.Major);
                CheckBlob(blobs[i], i, shards, where);
            }
            return new SearchIndex(source, where, header.Major, shards, blobs, searchers) { BlobTableOffset = header.BlobTableOffset };
        }
        catch (EndOfStreamException e)
        {
            throw new CorruptDataException($"{where} is corrupt: {e.Message}", e);
        }
    }

    /// <summary>Checks every byte of the index against its CRC32C: texts, suffix arrays, blobs.</summary>
    /// <exception cref="CorruptDataException">A section fails its check.</exception>
    public void Verify()
    {
        for (int i = 0; i < _shards.Length; i++)
        {
            var shard = _shards[i];
            if (CrcOf(shard.TextOffset, shard.TextLength) != shard.TextCrc)
            {
                throw new CorruptDataException($"{_where} is corrupt: the text of shard {i} fails its CRC32C.");
            }
            if (CrcOf(shard.SuffixArrayOffset, shard.SuffixArrayLength) != shard.SuffixArrayCrc)
            {
                throw new CorruptDataException($"{_where} is corrupt: the suffix array of shard {i} fails its CRC32C.");
            }
        }
        for (int i = 0; i < _blobs.Length; i++)
        {
            ReadBlob(i);
        }
    }

    /// <summary>Reads a blob's bytes, checked against its CRC32C.</summary>
    /// <exception cref="CorruptDataException">The bytes fail the check.</exception>
    public byte[] ReadBlob(int blob)
    {
        var record = _blobs[blob];
        byte[] bytes = _source.ReadBytes(_shards[record.Shard].TextOffset + record.Offset, record.Length);
        if (Crc32C.Compute(bytes) != record.Crc)
        {
            throw new CorruptDataException($"{_where} is corrupt: text blob {blob} (shard {record.Shard}) fails its CRC32C.");
        }
        return bytes;
    }

    private uint CrcOf(long offset, long length)
    {
        var buffer = new byte[1 << 20];
        uint crc = 0;
        for (long done = 0; done < length;)
        {
            int n = (int)Math.Min(buffer.Length, length - done);
            _source.ReadExactlyAt(offset + done, buffer.AsSpan(0, n));
            crc = Crc32C.Append(crc, buffer.AsSpan(0, n));
            done += n;
        }
        return crc;
    }

    private static SuffixArraySearcher OpenShard(IByteSource source, IndexFormat.ShardRecord shard, IndexFormat.Header header,
        string where, int index)
    {
        long limit = header.BlobTableOffset;
        if (shard.EntryBytes is < SuffixArrayEntries.MinWidth or > sizeof(int) || shard.TextLength < 0 ||
            shard.TextLength > SuffixArrayEntries.MaxTextLength(shard.EntryBytes) || shard.TextOffset < IndexFormat.HeaderSize ||
            shard.TextOffset > limit - shard.TextLength || shard.SuffixArrayOffset < IndexFormat.HeaderSize ||
            shard.SuffixArrayOffset > limit - shard.SuffixArrayLength || shard.SampleLength < 0 ||
            shard.SampleOffset < IndexFormat.HeaderSize || shard.SampleOffset > limit - shard.SampleLength ||
            shard.FirstBlob < 0 || shard.BlobCount < 0 || shard.FirstBlob > header.BlobCount - shard.BlobCount)
        {
            throw new CorruptDataException($"{where} is corrupt: shard {index} points outside the index.");
        }
        SuffixArraySample sample;
        try
        {
            sample = SuffixArraySample.Parse(source.ReadBytes(shard.SampleOffset, shard.SampleLength), shard.TextLength);
        }
        catch (InvalidDataException e)
        {
            throw new CorruptDataException($"{where} is corrupt: the sample of shard {index}: {e.Message}", e);
        }
        return new SuffixArraySearcher(new ByteSourceSlice(source, shard.TextOffset, shard.TextLength),
            new ByteSourceSlice(source, shard.SuffixArrayOffset, shard.SuffixArrayLength), sample, shard.EntryBytes);
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
