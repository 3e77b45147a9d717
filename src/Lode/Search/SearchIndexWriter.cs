using System.Runtime.InteropServices;
using Lode.IO;
using Lode.SuffixArrays;
using Microsoft.Win32.SafeHandles;

namespace Lode;

/// <summary>
/// Builds a search index file while a snapshot is taken. Each file's bytes arrive once, in order; text files
/// (no NUL byte, at most <see cref="MaxIndexedFileSize"/> bytes) are copied into the current shard unless an
/// identical file was indexed before. A full shard is sealed and its suffix array built on a background task
/// (at most <c>parallelBuilds</c> at once), then written to the file, so memory stays near
/// (parallelBuilds + 1) × (shard text + 4 bytes per text byte + the construction's working space).
/// Not thread-safe: one producer calls it.
/// </summary>
internal sealed class SearchIndexWriter : IDisposable
{
    /// <summary>Files larger than this are not indexed (their suffix array would not fit an int32 shard).</summary>
    public const long MaxIndexedFileSize = 512L << 20;

    private readonly SafeFileHandle _file;
    private readonly int _shardCapacity;
    private readonly int _parallelBuilds;
    private readonly Dictionary<UInt128, int> _blobsByHash = [];
    private readonly List<IndexFormat.BlobRecord> _blobs = [];
    private readonly List<Task<IndexFormat.ShardRecord>> _shards = [];
    private int _shardsAwaited;
    private long _fileCursor = IndexFormat.HeaderSize;
    private byte[] _text = [];
    private int _textLength;
    private int _shardFirstBlob;
    private int _fileStart;
    private bool _fileIsText;

    public SearchIndexWriter(string path, int shardCapacity, int parallelBuilds)
    {
        _file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite);
        _shardCapacity = shardCapacity;
        _parallelBuilds = Math.Max(1, parallelBuilds);
    }

    /// <summary>Bytes of unique text indexed so far.</summary>
    public long TextBytes { get; private set; }

    /// <summary>Starts a file of about <paramref name="expectedSize"/> bytes.</summary>
    public void BeginFile(long expectedSize)
    {
        _fileIsText = expectedSize <= MaxIndexedFileSize;
        if (_fileIsText && _textLength > 0 && _textLength + expectedSize > _shardCapacity)
        {
            SealShard();
        }
        _fileStart = _textLength;
    }

    /// <summary>Feeds the file's next bytes. A NUL byte makes the file binary: it is dropped from the shard.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        if (!_fileIsText)
        {
            return;
        }
        if (data.Contains((byte)0) || (long)_textLength - _fileStart + data.Length > MaxIndexedFileSize)
        {
            AbortFile();
            return;
        }
        if (_text.Length - _textLength < data.Length)
        {
            long needed = Math.Max((long)_textLength + data.Length, Math.Max(_shardCapacity, _text.Length * 2L));
            var grown = GC.AllocateUninitializedArray<byte>((int)Math.Min(needed, Array.MaxLength));
            _text.AsSpan(0, _textLength).CopyTo(grown);
            _text = grown;
        }
        data.CopyTo(_text.AsSpan(_textLength));
        _textLength += data.Length;
    }

    /// <summary>Drops the current file from the index (it was binary or could not be read).</summary>
    public void AbortFile()
    {
        _fileIsText = false;
        _textLength = _fileStart;
    }

    /// <summary>Ends the current file.</summary>
    /// <param name="sha256">The file's SHA-256: identical files share one blob.</param>
    /// <returns>The file's text blob, or -1 when it is not indexed.</returns>
    public int EndFile(ReadOnlySpan<byte> sha256)
    {
        if (!_fileIsText)
        {
            return -1;
        }
        var key = MemoryMarshal.Read<UInt128>(sha256);
        if (_blobsByHash.TryGetValue(key, out int existing))
        {
            _textLength = _fileStart;
            return existing;
        }
        var text = _text.AsSpan(_fileStart, _textLength - _fileStart);
        _blobs.Add(new IndexFormat.BlobRecord(_shards.Count, _fileStart, text.Length, Crc32C.Compute(text)));
        _blobsByHash.Add(key, _blobs.Count - 1);
        TextBytes += text.Length;
        return _blobs.Count - 1;
    }

    /// <summary>Seals the last shard, waits for every build, writes the tables and the header.</summary>
    /// <returns>The index file's length in bytes.</returns>
    public long Finish()
    {
        if (_blobs.Count > _shardFirstBlob)
        {
            SealShard();
        }
        var shards = _shards.Select(build => build.GetAwaiter().GetResult()).ToArray();
        var blobTable = new byte[_blobs.Count * IndexFormat.BlobRecordSize];
        for (int i = 0; i < _blobs.Count; i++)
        {
            IndexFormat.WriteBlob(blobTable.AsSpan(i * IndexFormat.BlobRecordSize), _blobs[i]);
        }
        var shardTable = new byte[shards.Length * IndexFormat.ShardRecordSize];
        for (int i = 0; i < shards.Length; i++)
        {
            IndexFormat.WriteShard(shardTable.AsSpan(i * IndexFormat.ShardRecordSize), shards[i]);
        }
        long blobTableOffset = _fileCursor;
        RandomAccess.Write(_file, blobTable, blobTableOffset);
        long shardTableOffset = blobTableOffset + blobTable.Length;
        RandomAccess.Write(_file, shardTable, shardTableOffset);
        Span<byte> header = stackalloc byte[IndexFormat.HeaderSize];
        IndexFormat.WriteHeader(header, new IndexFormat.Header(shards.Length, _blobs.Count, shardTableOffset, blobTableOffset,
            Crc32C.Compute(shardTable), Crc32C.Compute(blobTable)));
        RandomAccess.Write(_file, header, 0);
        return shardTableOffset + shardTable.Length;
    }

    public void Dispose()
    {
        // A failed snapshot may leave builds running: let them finish before their file handle goes away.
        try
        {
            Task.WaitAll([.. _shards]);
        }
        catch (AggregateException)
        {
            // The failure that matters has already been thrown to the caller.
        }
        _file.Dispose();
    }

    private void SealShard()
    {
        var text = _text;
        int length = _textLength;
        int firstBlob = _shardFirstBlob;
        int blobCount = _blobs.Count - firstBlob;
        while (_shards.Count - _shardsAwaited >= _parallelBuilds)
        {
            _shards[_shardsAwaited++].GetAwaiter().GetResult();
        }
        _shards.Add(Task.Run(() => BuildShard(text, length, firstBlob, blobCount)));
        _text = [];
        _textLength = 0;
        _fileStart = 0;
        _shardFirstBlob = _blobs.Count;
    }

    private static readonly SuffixArrayOptions ShardBuild = new() { Threads = 1, Algorithm = SuffixArrayAlgorithm.Sais };

    private IndexFormat.ShardRecord BuildShard(byte[] buffer, int length, int firstBlob, int blobCount)
    {
        var text = buffer.AsSpan(0, length);
        // Shards are built in parallel already, one thread each. SA-IS until the index moves onto CaPS-SA (issue 5):
        // on two cores it measured faster than CaPS-SA on source text (docs/benchmarks.md).
        int[] suffixArray = SuffixArray.Build(text, ShardBuild);
        var suffixBytes = MemoryMarshal.AsBytes(suffixArray.AsSpan());
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Lode writes little-endian suffix arrays and runs on little-endian machines only.");
        }
        byte[] sample = SuffixArraySample.Build(text, suffixArray).ToBytes();
        long total = (long)length + suffixBytes.Length + sample.Length;
        long start = Interlocked.Add(ref _fileCursor, total) - total;
        RandomAccess.Write(_file, text, start);
        RandomAccess.Write(_file, suffixBytes, start + length);
        RandomAccess.Write(_file, sample, start + length + suffixBytes.Length);
        return new IndexFormat.ShardRecord(start, length, start + length, start + length + suffixBytes.Length, sample.Length,
            Crc32C.Compute(text), Crc32C.Compute(suffixBytes), firstBlob, blobCount);
    }
}
